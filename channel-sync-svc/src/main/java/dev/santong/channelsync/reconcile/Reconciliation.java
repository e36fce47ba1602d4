package dev.santong.channelsync.reconcile;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;

import org.springframework.stereotype.Component;

import dev.santong.channelsync.apply.ApplyFailure;
import dev.santong.channelsync.apply.ApplyWork;
import dev.santong.channelsync.apply.SkuResolver;
import dev.santong.channelsync.receipt.Receipt;
import dev.santong.channelsync.goods.GoodsClient;
import dev.santong.channelsync.membership.MemberClient;
import dev.santong.channelsync.sequence.SequenceGaps;
import dev.santong.channelsync.upload.ReceivedTransactions;
import dev.santong.channelsync.upload.TransactionType;

/**
 * Compares a store's day three ways: what the POS declared at close, what Santong received (and applied), and what
 * goods-svc and member-svc hold for the day's receipts. Computed on request, so a report turns green as soon as a
 * missing transaction arrives and is applied.
 */
@Component
class Reconciliation {

    public enum Status { GREEN, PENDING, RED, AWAITING_CLOSE }

    public enum CheckStatus { MATCHED, MISMATCH, PENDING, NOT_DECLARED, UNAVAILABLE }

    public record Check(String name, CheckStatus status, String declared, String santong, List<String> evidence) {
    }

    @io.swagger.v3.oas.annotations.media.Schema(example = """
            {"storeId": "9", "businessDay": "2026-11-21", "status": "RED", "closeVersion": 1, "closedAt": "2026-11-21T14:05:00Z", \
            "received": 411, "applied": 411, "pending": 0, "quarantined": 0, "missing": ["store 9, till 3, day 2026-11-21: 118 missing"], \
            "checks": [{"name": "transactions", "status": "MISMATCH", "declared": "412", "santong": "411", \
            "evidence": ["store 9, till 3, day 2026-11-21: 118 missing"]}, {"name": "gross", "status": "MATCHED", "declared": "38211.50", \
            "santong": "38211.50", "evidence": []}, {"name": "applied", "status": "MATCHED", "declared": null, "santong": "411 of 411 applied", \
            "evidence": []}]}""")
    public record Report(String storeId, LocalDate businessDay, Status status, Integer closeVersion, Instant closedAt, long received,
            long applied, long pending, long quarantined, List<String> missing, List<Check> checks) {
    }

    private final DayCloses closes;
    private final DayTransactions days;
    private final ApplyWork work;
    private final GoodsClient goods;
    private final MemberClient members;
    private final SkuResolver skus;

    Reconciliation(DayCloses closes, DayTransactions days, ApplyWork work, GoodsClient goods, MemberClient members, SkuResolver skus) {
        this.closes = closes;
        this.days = days;
        this.work = work;
        this.goods = goods;
        this.members = members;
        this.skus = skus;
    }

    public Report report(String storeId, LocalDate day) {
        Optional<DayCloses.Declared> close = closes.latest(storeId, day);
        List<DayTransactions.Received> received = days.of(storeId, day).stream()
                .filter(tx -> tx.type() != TransactionType.DAY_CLOSE).toList();
        List<ApplyWork.Item> items = work.ofDay(storeId, day);
        // Work still to do, including transactions received but not yet planned into work.
        long pending = items.stream().filter(item -> item.status() == ApplyWork.Status.PENDING).count()
                + received.stream().filter(tx -> tx.applyStatus() == ReceivedTransactions.ApplyStatus.PENDING).count();
        List<ApplyWork.Item> quarantined = items.stream().filter(item -> item.status() == ApplyWork.Status.QUARANTINED).toList();
        long applied = received.stream().filter(tx -> tx.applyStatus() == ReceivedTransactions.ApplyStatus.APPLIED).count();
        List<String> missing = missing(storeId, day, received, close.map(DayCloses.Declared::close));

        List<Check> checks = new ArrayList<>();
        DayClose declared = close.map(DayCloses.Declared::close).orElse(null);
        checks.add(compare("transactions", declared == null ? null : BigDecimal.valueOf(declared.transactionCount()),
                BigDecimal.valueOf(received.size()), missing));
        checks.add(new Check("sequence", missing.isEmpty() ? CheckStatus.MATCHED : CheckStatus.MISMATCH, null, null, missing));
        List<Receipt> receipts = received.stream().filter(tx -> tx.type() == TransactionType.SALE || tx.type() == TransactionType.RETURN)
                .map(DayTransactions.Received::receipt).toList();
        BigDecimal gross = receipts.stream().map(Receipt::saleAmount).reduce(BigDecimal.ZERO, BigDecimal::add);
        BigDecimal returns = receipts.stream().map(Receipt::returnAmount).reduce(BigDecimal.ZERO, BigDecimal::add);
        checks.add(compare("gross", declared == null ? null : declared.gross(), gross, missing));
        checks.add(compare("returns", declared == null ? null : declared.returns(), returns, missing));
        checks.addAll(tenders(declared, receipts, missing));
        checks.add(items(declared, receipts));
        checks.add(stock(storeId, day, receipts, items));
        checks.addAll(points(storeId, day, declared, items));
        List<String> quarantineEvidence = quarantined.stream()
                .map(item -> item.reference() + " (" + item.target() + "): " + item.lastError()).toList();
        List<String> pendingEvidence = items.stream().filter(item -> item.status() == ApplyWork.Status.PENDING).limit(50)
                .map(item -> item.reference() + " (" + item.target() + ")" + (item.lastError() == null ? "" : ": " + item.lastError())).toList();
        checks.add(new Check("applied", !quarantined.isEmpty() ? CheckStatus.MISMATCH : pending > 0 ? CheckStatus.PENDING : CheckStatus.MATCHED,
                null, applied + " of " + received.size() + " applied",
                quarantined.isEmpty() ? pendingEvidence : quarantineEvidence));

        Status status;
        if (checks.stream().anyMatch(check -> check.status() == CheckStatus.MISMATCH)) {
            status = Status.RED;
        } else if (checks.stream().anyMatch(check -> check.status() == CheckStatus.PENDING || check.status() == CheckStatus.UNAVAILABLE)) {
            status = Status.PENDING;
        } else if (close.isEmpty()) {
            status = Status.AWAITING_CLOSE;
        } else {
            status = Status.GREEN;
        }
        return new Report(storeId, day, status, close.map(DayCloses.Declared::version).orElse(null),
                close.map(DayCloses.Declared::receivedAt).orElse(null), received.size(), applied, pending, quarantined.size(), missing, checks);
    }

    /** Sequence numbers the tills used but Santong has not received: outside the declared ranges by them, else gaps. */
    private static List<String> missing(String storeId, LocalDate day, List<DayTransactions.Received> received, Optional<DayClose> close) {
        Map<String, List<DayTransactions.Received>> byTill = received.stream()
                .collect(Collectors.groupingBy(DayTransactions.Received::workstationId, TreeMap::new, Collectors.toList()));
        Map<String, DayClose.WorkstationRange> ranges = new TreeMap<>();
        close.map(DayClose::workstations).orElse(List.of()).forEach(range -> ranges.put(range.workstationId(), range));
        List<String> missing = new ArrayList<>();
        TreeSet<String> tills = new TreeSet<>(byTill.keySet());
        tills.addAll(ranges.keySet());
        for (String till : tills) {
            List<DayTransactions.Received> seen = byTill.getOrDefault(till, List.of());
            DayClose.WorkstationRange range = ranges.get(till);
            if (range != null) {
                TreeSet<Long> have = seen.stream().map(DayTransactions.Received::sequenceNumber).collect(Collectors.toCollection(TreeSet::new));
                // Walks what was received inside the declared range, not every number the range declares.
                long next = range.firstSequence();
                for (long sequence : have.subSet(range.firstSequence(), true, range.lastSequence(), true)) {
                    if (sequence > next) {
                        missing.add(new SequenceGaps.Gap(storeId, till, day, next, sequence - 1).describe());
                    }
                    next = sequence + 1;
                }
                if (next <= range.lastSequence()) {
                    missing.add(new SequenceGaps.Gap(storeId, till, day, next, range.lastSequence()).describe());
                }
            } else {
                SequenceGaps.find(storeId, till, day, seen.stream()
                                .map(tx -> new SequenceGaps.Seen(tx.sequenceNumber(), tx.installation())).toList())
                        .forEach(gap -> missing.add(gap.describe()));
            }
        }
        return missing;
    }

    private static Check compare(String name, BigDecimal declared, BigDecimal santong, List<String> evidence) {
        if (declared == null) {
            return new Check(name, CheckStatus.NOT_DECLARED, null, santong.toPlainString(), List.of());
        }
        boolean same = declared.compareTo(santong) == 0;
        List<String> why = new ArrayList<>();
        if (!same) {
            why.add("declared " + declared.toPlainString() + ", received " + santong.toPlainString() + ", difference "
                    + declared.subtract(santong).toPlainString());
            why.addAll(evidence);
        }
        return new Check(name, same ? CheckStatus.MATCHED : CheckStatus.MISMATCH, declared.toPlainString(), santong.toPlainString(), why);
    }

    private static List<Check> tenders(DayClose declared, List<Receipt> receipts, List<String> missing) {
        Map<String, BigDecimal> received = new TreeMap<>();
        receipts.forEach(receipt -> receipt.tenders().forEach(tender ->
                received.merge(tender.type().toUpperCase(Locale.ROOT), tender.amount(), BigDecimal::add)));
        Map<String, BigDecimal> declaredTenders = new TreeMap<>();
        if (declared != null && declared.tenders() != null) {
            declared.tenders().forEach((type, amount) -> declaredTenders.put(type.toUpperCase(Locale.ROOT), amount));
        }
        TreeSet<String> types = new TreeSet<>(received.keySet());
        types.addAll(declaredTenders.keySet());
        List<Check> checks = new ArrayList<>();
        for (String type : types) {
            BigDecimal declaredAmount = declared == null || declared.tenders() == null ? null : declaredTenders.getOrDefault(type, BigDecimal.ZERO);
            checks.add(compare("tender " + type, declaredAmount, received.getOrDefault(type, BigDecimal.ZERO), missing));
        }
        return checks;
    }

    /** Net units per item as the tills keyed them: declared at close against the received receipts. */
    private static Check items(DayClose declared, List<Receipt> receipts) {
        Map<String, Long> received = netUnits(receipts, Receipt.Line::itemKey);
        if (declared == null || declared.itemsSold() == null) {
            return new Check("items sold", CheckStatus.NOT_DECLARED, null, received.size() + " items", List.of());
        }
        List<String> evidence = new ArrayList<>();
        TreeSet<String> keys = new TreeSet<>(received.keySet());
        keys.addAll(declared.itemsSold().keySet());
        for (String key : keys) {
            long declaredUnits = declared.itemsSold().getOrDefault(key, 0L);
            long receivedUnits = received.getOrDefault(key, 0L);
            if (declaredUnits != receivedUnits) {
                evidence.add(key + ": declared " + declaredUnits + ", received " + receivedUnits);
            }
        }
        return new Check("items sold", evidence.isEmpty() ? CheckStatus.MATCHED : CheckStatus.MISMATCH, declared.itemsSold().size() + " items",
                received.size() + " items", evidence);
    }

    /** Net units sold per SKU in the received receipts against the day's POS movements in goods-svc. */
    private Check stock(String storeId, LocalDate day, List<Receipt> receipts, List<ApplyWork.Item> items) {
        Map<String, Long> expected = new TreeMap<>();
        try {
            netUnits(receipts, line -> line.itemKey() == null ? null : skuOrUnknown(line))
                    .forEach((sku, units) -> expected.merge(sku, units, Long::sum));
            Map<String, Long> moved = new HashMap<>();
            for (GoodsClient.ReferenceTotal total : goods.movementTotals(storeId, Receipt.dayPrefix(storeId, day))) {
                if ("POS_SALE".equals(total.cause()) || "POS_RETURN".equals(total.cause())) {
                    moved.merge(total.sku(), -total.quantity(), Long::sum);
                }
            }
            return differences("stock", expected, moved, items, "GOODS");
        } catch (RuntimeException e) {
            String reason = e instanceof ApplyFailure failure ? failure.getMessage() : ApplyFailure.of("movement totals", e).getMessage();
            return new Check("stock", CheckStatus.UNAVAILABLE, null, null, List.of("goods-svc: " + reason));
        }
    }

    private static Check differences(String name, Map<String, Long> expected, Map<String, Long> actual, List<ApplyWork.Item> items, String target) {
        List<String> evidence = new ArrayList<>();
        TreeSet<String> keys = new TreeSet<>(expected.keySet());
        keys.addAll(actual.keySet());
        for (String key : keys) {
            long want = expected.getOrDefault(key, 0L);
            long have = actual.getOrDefault(key, 0L);
            if (want != have) {
                evidence.add(key + ": received " + want + " sold, goods-svc moved " + have);
            }
        }
        boolean pending = items.stream().anyMatch(item -> target.equals(item.target()) && item.status() != ApplyWork.Status.DONE);
        CheckStatus status = evidence.isEmpty() ? CheckStatus.MATCHED : pending ? CheckStatus.PENDING : CheckStatus.MISMATCH;
        return new Check(name, status, null, expected.size() + " SKUs", evidence);
    }

    private List<Check> points(String storeId, LocalDate day, DayClose declared, List<ApplyWork.Item> items) {
        MemberClient.StoreTotals totals;
        try {
            totals = members.storeTotals(storeId, Receipt.dayPrefix(storeId, day));
        } catch (RuntimeException e) {
            return List.of(new Check("points", CheckStatus.UNAVAILABLE, null, null, List.of("member-svc: "
                    + ApplyFailure.of("store totals", e).getMessage())));
        }
        boolean pending = items.stream().anyMatch(item -> "MEMBER".equals(item.target()) && item.status() != ApplyWork.Status.DONE);
        List<String> unapplied = items.stream().filter(item -> "MEMBER".equals(item.target()) && item.status() != ApplyWork.Status.DONE)
                .limit(50).map(item -> item.reference() + " not yet in member-svc" + (item.lastError() == null ? "" : ": " + item.lastError()))
                .toList();
        // An accepted correction takes back the replaced sale under its own reference and earns the corrected one: the
        // day's figures are those of the receipts as corrected, so what the replaced versions did is netted out.
        long earned = totals.earned() - correctionEntries(totals, "REVERSE_EARN");
        long redeemed = totals.redeemed() - correctionEntries(totals, "RETURN_REDEEMED");
        return List.of(pointsCheck("points earned", declared == null ? null : declared.pointsEarned(), earned, pending, unapplied, totals),
                pointsCheck("points redeemed", declared == null ? null : declared.pointsRedeemed(), redeemed, pending, unapplied, totals));
    }

    private static long correctionEntries(MemberClient.StoreTotals totals, String kind) {
        return totals.entries().stream().filter(entry -> kind.equals(entry.kind()) && Receipt.isCorrection(entry.reference()))
                .mapToLong(entry -> Math.abs(entry.points())).sum();
    }

    private static Check pointsCheck(String name, Long declared, long ledger, boolean pending, List<String> unapplied,
            MemberClient.StoreTotals totals) {
        if (declared == null) {
            return new Check(name, CheckStatus.NOT_DECLARED, null, Long.toString(ledger), List.of());
        }
        if (declared == ledger) {
            return new Check(name, CheckStatus.MATCHED, declared.toString(), Long.toString(ledger), List.of());
        }
        List<String> evidence = new ArrayList<>();
        evidence.add("declared " + declared + ", member-svc " + ledger + " (" + totals.entries().size() + " ledger entries for the day)");
        evidence.addAll(unapplied);
        return new Check(name, pending ? CheckStatus.PENDING : CheckStatus.MISMATCH, declared.toString(), Long.toString(ledger), evidence);
    }

    private static Map<String, Long> netUnits(List<Receipt> receipts, java.util.function.Function<Receipt.Line, String> key) {
        Map<String, Long> units = new TreeMap<>();
        for (Receipt receipt : receipts) {
            for (Receipt.Line line : receipt.liveLines()) {
                String item = key.apply(line);
                if (item != null) {
                    long quantity = line.quantity().abs().longValue();
                    units.merge(item, line.returned() ? -quantity : quantity, Long::sum);
                }
            }
        }
        units.values().removeIf(value -> value == 0);
        return units;
    }

    private String skuOrUnknown(Receipt.Line line) {
        try {
            return skus.sku(line.sku(), line.gtin());
        } catch (ApplyFailure failure) {
            if (failure.permanent()) {
                return "barcode " + line.gtin() + " (not in the catalogue)";
            }
            throw failure;
        }
    }
}
