package dev.santong.channelsync.apply;

import java.util.EnumSet;
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
        int moved = 0;
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
            if (signed == 0 && !"COUNT".equals(cause)) {
                continue;
            }
            GoodsClient.Movement movement = new GoodsClient.Movement(sku, tx.storeId(), cause, signed, tx.businessTime(), tx.reference(),
                    line.lineId());
            try {
                goods.move(tx.reference() + ":" + line.lineId(), movement);
            } catch (RuntimeException e) {
                throw ApplyFailure.of("stock movement " + cause + " of " + sku + " (line " + line.lineId() + ")", e);
            }
            moved++;
        }
        return moved + " stock movement(s)";
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
