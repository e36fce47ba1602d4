package dev.santong.channelsync.apply;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

import org.springframework.stereotype.Component;

import dev.santong.channelsync.receipt.Receipt;
import dev.santong.channelsync.goods.GoodsClient;
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
        // goods-svc resolves a scanned barcode itself: no lookup round trip before the movements.
        return post(tx.reference(), movements(tx, false), () -> true);
    }

    /** A lane's receipts in as few calls as the endpoint's 200 movements allow; each line still applies once by its own key. */
    @Override
    public List<String> applyAll(List<StoredTransaction> transactions, java.util.function.BooleanSupplier stillHeld) {
        List<GoodsClient.Movement> movements = new ArrayList<>();
        List<Integer> perReceipt = new ArrayList<>();
        for (StoredTransaction tx : transactions) {
            List<GoodsClient.Movement> receipt = movements(tx, false);
            perReceipt.add(receipt.size());
            movements.addAll(receipt);
        }
        String batch = post(transactions.size() + " receipts from " + transactions.getFirst().reference(), movements, stillHeld);
        return perReceipt.stream().map(count -> count + " stock movement(s), in a batch of " + transactions.size() + " receipts (" + batch + ")")
                .toList();
    }

    /**
     * What the corrected receipt moves beyond the applied one, per SKU: more sold is a further POS_SALE, fewer sold a
     * POS_RETURN (so the day's net units follow the corrected receipt), adjustments by their difference. A corrected
     * count is a level, not a movement: its lines are counted again at the receipt's time.
     */
    @Override
    public String correct(StoredTransaction applied, StoredTransaction corrected, String reference) {
        Map<String, Long> tillUnits = new TreeMap<>();
        Map<String, Long> adjusted = new TreeMap<>();
        List<GoodsClient.Movement> counts = new ArrayList<>();
        // Versions are compared per SKU, so scanned barcodes are resolved here.
        for (GoodsClient.Movement movement : movements(corrected, true)) {
            switch (movement.cause()) {
                case "COUNT" -> counts.add(movement);
                case "ADJUSTMENT" -> adjusted.merge(movement.sku(), movement.quantity(), Long::sum);
                default -> tillUnits.merge(movement.sku(), movement.quantity(), Long::sum);
            }
        }
        for (GoodsClient.Movement movement : movements(applied, true)) {
            switch (movement.cause()) {
                case "COUNT" -> { }
                case "ADJUSTMENT" -> adjusted.merge(movement.sku(), -movement.quantity(), Long::sum);
                default -> tillUnits.merge(movement.sku(), -movement.quantity(), Long::sum);
            }
        }
        List<GoodsClient.Movement> difference = new ArrayList<>();
        int line = 0;
        for (Map.Entry<String, Long> units : tillUnits.entrySet()) {
            if (units.getValue() != 0) {
                difference.add(new GoodsClient.Movement(units.getKey(), null, corrected.storeId(), units.getValue() < 0 ? "POS_SALE" : "POS_RETURN",
                        units.getValue(), corrected.businessTime(), reference, "c" + ++line));
            }
        }
        for (Map.Entry<String, Long> units : adjusted.entrySet()) {
            if (units.getValue() != 0) {
                difference.add(new GoodsClient.Movement(units.getKey(), null, corrected.storeId(), "ADJUSTMENT", units.getValue(),
                        corrected.businessTime(), reference, "c" + ++line));
            }
        }
        for (GoodsClient.Movement count : counts) {
            difference.add(new GoodsClient.Movement(count.sku(), null, count.location(), "COUNT", count.quantity(), count.businessTime(), reference,
                    "c" + ++line));
        }
        return difference.isEmpty() ? "no stock difference" : post(reference, difference, () -> true);
    }

    /**
     * The receipt's lines as stock movements at its store, keyed by its reference and line.
     *
     * @param resolveBarcodes whether a line that only has a scanned barcode gets its SKU code here, or leaves it to goods-svc
     */
    private List<GoodsClient.Movement> movements(StoredTransaction tx, boolean resolveBarcodes) {
        List<GoodsClient.Movement> movements = new ArrayList<>();
        if (!concerns(tx)) {
            return movements;
        }
        for (Receipt.Line line : tx.receipt().liveLines()) {
            if (line.itemKey() == null) {
                continue;
            }
            String sku = null;
            String barcode = null;
            if (line.sku() != null || resolveBarcodes) {
                try {
                    sku = skus.sku(line.sku(), line.gtin());
                } catch (ApplyFailure failure) {
                    throw failure.permanent() ? ApplyFailure.refused(failure.getMessage() + " (line " + line.lineId() + ")") : failure;
                }
            } else {
                barcode = line.gtin();
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
                movements.add(new GoodsClient.Movement(sku, barcode, tx.storeId(), cause, signed, tx.businessTime(), tx.reference(), line.lineId()));
            }
        }
        return movements;
    }

    /** @param stillHeld asked before each call */
    private String post(String reference, List<GoodsClient.Movement> movements, java.util.function.BooleanSupplier stillHeld) {
        int applied = 0;
        int replayed = 0;
        // One call per receipt (up to the endpoint's 200 movements): each line still applies once by its own key.
        for (int from = 0; from < movements.size(); from += BATCH) {
            ApplyFailure.requireHeld(stillHeld);
            List<GoodsClient.Movement> chunk = movements.subList(from, Math.min(movements.size(), from + BATCH));
            try {
                GoodsClient.BatchApplied result = goods.moveAll(new GoodsClient.MovementBatch(chunk));
                applied += result.applied();
                replayed += result.replayed();
            } catch (RuntimeException e) {
                throw ApplyFailure.of("stock movements of " + reference, e);
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
