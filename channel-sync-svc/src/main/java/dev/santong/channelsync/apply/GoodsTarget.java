package dev.santong.channelsync.apply;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

import org.springframework.stereotype.Component;

import dev.santong.channelsync.receipt.Receipt;
import dev.santong.channelsync.remote.GoodsClient;
import dev.santong.channelsync.upload.TransactionType;

/**
 * Stock effects at the store: sold units leave (POS_SALE), returned units come back (POS_RETURN), counts set the
 * level (COUNT), adjustments move it (ADJUSTMENT). Each line is one movement keyed by receipt reference and line, so
 * goods-svc applies it once however often it is sent.
 */
@Component
class GoodsTarget implements ApplyTarget {

    private static final Set<TransactionType> STOCK_TYPES = EnumSet.of(TransactionType.SALE, TransactionType.RETURN,
            TransactionType.STOCK_COUNT, TransactionType.STOCK_ADJUSTMENT);

    private static final int BATCH = 200;

    private final GoodsClient goods;
    private final SkuResolver skus;

    GoodsTarget(GoodsClient goods, SkuResolver skus) {
        this.goods = goods;
        this.skus = skus;
    }

    @Override
    public String name() {
        return "GOODS";
    }

    @Override
    public boolean concerns(StoredTransaction tx) {
        return STOCK_TYPES.contains(tx.type()) && tx.receipt().liveLines().stream().anyMatch(line -> line.itemKey() != null);
    }

    @Override
    public String apply(StoredTransaction tx) {
        List<GoodsClient.Movement> movements = new ArrayList<>();
        for (Receipt.Line line : tx.receipt().liveLines()) {
            if (line.itemKey() == null) {
                continue;
            }
            String sku;
            try {
                sku = skus.sku(line.sku(), line.gtin());
            } catch (ApplyFailure failure) {
                throw failure.permanent() ? ApplyFailure.refused(failure.getMessage() + " (line " + line.lineId() + ")") : failure;
            }
            long quantity = wholeUnits(line, tx);
            String cause = switch (tx.type()) {
                case STOCK_COUNT -> "COUNT";
                case STOCK_ADJUSTMENT -> "ADJUSTMENT";
                default -> line.returned() ? "POS_RETURN" : "POS_SALE";
            };
            long signed = switch (cause) {
                case "POS_SALE" -> -Math.abs(quantity);
                case "POS_RETURN" -> Math.abs(quantity);
                default -> quantity;
            };
            if (signed != 0 || "COUNT".equals(cause)) {
                movements.add(new GoodsClient.Movement(sku, tx.storeId(), cause, signed, tx.businessTime(), tx.reference(), line.lineId()));
            }
        }
        int applied = 0;
        int replayed = 0;
        // One call per receipt (up to the endpoint's 200 movements): each line still applies once by its own key.
        for (int from = 0; from < movements.size(); from += BATCH) {
            List<GoodsClient.Movement> chunk = movements.subList(from, Math.min(movements.size(), from + BATCH));
            try {
                GoodsClient.BatchApplied result = goods.moveAll("movements:" + tx.reference() + ":" + from, new GoodsClient.MovementBatch(chunk));
                applied += result.applied();
                replayed += result.replayed();
            } catch (RuntimeException e) {
                throw ApplyFailure.of("stock movements of " + tx.reference(), e);
            }
        }
        return applied + " stock movement(s)" + (replayed == 0 ? "" : ", " + replayed + " already applied");
    }

    private static long wholeUnits(Receipt.Line line, StoredTransaction tx) {
        try {
            return line.quantity().setScale(0, java.math.RoundingMode.UNNECESSARY).longValueExact();
        } catch (ArithmeticException e) {
            throw ApplyFailure.refused("line " + line.lineId() + " of " + tx.reference() + " moves " + line.quantity().stripTrailingZeros()
                    .toPlainString() + " units; stock is kept in whole units");
        }
    }

}
