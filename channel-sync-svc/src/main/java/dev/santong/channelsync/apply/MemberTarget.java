package dev.santong.channelsync.apply;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.Duration;
import java.util.List;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import dev.santong.channelsync.receipt.Receipt;
import dev.santong.channelsync.membership.MemberClient;
import dev.santong.channelsync.upload.ReceivedTransactions;
import dev.santong.channelsync.upload.TransactionType;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Member effects: a sale earns points for an identified member (and records the purchase either way), points spent
 * at the till are redeemed, a return reverses what its original purchase earned (in any channel), and members
 * enrolled while the till was offline are enrolled. Every call is keyed by the receipt reference.
 */
@Component
class MemberTarget implements ApplyTarget {

    /** The most guest purchases member-svc takes in one request. */
    private static final int GUEST_BATCH = 500;

    private final MemberClient members;
    private final JdbcClient jdbc;
    private final Clock clock;
    private final Duration originalWait;
    private final Duration enrolmentWait;
    private final ReceivedTransactions received;

    MemberTarget(MemberClient members, JdbcClient jdbc, Clock clock, ReceivedTransactions received,
            @Value("${santong.sync.apply.original-sale-wait:24h}") Duration originalWait,
            @Value("${santong.sync.apply.enrolment-wait:10m}") Duration enrolmentWait) {
        this.received = received;
        this.enrolmentWait = enrolmentWait;
        this.members = members;
        this.jdbc = jdbc;
        this.clock = clock;
        this.originalWait = originalWait;
    }

    private boolean receivedWithin(StoredTransaction tx, Duration wait) {
        return received.receivedAt(tx.id()).plus(wait).isAfter(clock.instant());
    }

    @Override
    public String name() {
        return "MEMBER";
    }

    @Override
    public boolean concerns(StoredTransaction tx) {
        Receipt receipt = tx.receipt();
        return switch (tx.type()) {
            case SALE -> !receipt.liveLines().isEmpty();
            case RETURN -> receipt.original().isPresent() && receipt.returnAmount().signum() > 0;
            case MEMBER_ENROLMENT -> receipt.enrolment().isPresent();
            case POINTS_REDEMPTION -> receipt.member().isPresent() && receipt.pointsRedeemed() > 0;
            default -> false;
        };
    }

    @Override
    public String apply(StoredTransaction tx) {
        return switch (tx.type()) {
            case SALE -> sale(tx);
            case RETURN -> giveBack(tx);
            case MEMBER_ENROLMENT -> enrol(tx);
            case POINTS_REDEMPTION -> redeem(tx, tx.receipt().member().orElseThrow(), tx.receipt().orderAmount().orElse(tx.receipt().saleAmount()));
            default -> "nothing to apply";
        };
    }

    /**
     * A lane's run: its guest sales (most of a store's day) in one call per 500, whatever lies between them, as a
     * guest's purchase fact touches no member; everything else in order, one at a time.
     */
    @Override
    public List<String> applyAll(List<StoredTransaction> transactions, java.util.function.BooleanSupplier stillHeld) {
        String[] accounts = new String[transactions.size()];
        List<Integer> guests = new java.util.ArrayList<>();
        for (int i = 0; i < transactions.size(); i++) {
            StoredTransaction tx = transactions.get(i);
            if (tx.type() == TransactionType.SALE && tx.receipt().member().isEmpty()) {
                guests.add(i);
            } else {
                ApplyFailure.requireHeld(stillHeld);
                accounts[i] = apply(tx);
            }
        }
        for (int from = 0; from < guests.size(); from += GUEST_BATCH) {
            List<Integer> batch = guests.subList(from, Math.min(guests.size(), from + GUEST_BATCH));
            List<String> recorded = guestSales(batch.stream().map(transactions::get).toList(), stillHeld);
            for (int j = 0; j < batch.size(); j++) {
                accounts[batch.get(j)] = recorded.get(j);
            }
        }
        return List.of(accounts);
    }

    private List<String> guestSales(List<StoredTransaction> sales, java.util.function.BooleanSupplier stillHeld) {
        if (sales.isEmpty()) {
            return List.of();
        }
        ApplyFailure.requireHeld(stillHeld);
        call("purchases of guests", () -> {
            members.nonMemberPurchases(new MemberClient.NonMemberPurchases(sales.stream().map(tx -> new MemberClient.NonMemberPurchase("STORE",
                    tx.storeId(), tx.reference(), tx.receipt().saleAmount(), tx.receipt().currency(), tx.businessTime())).toList()));
            return null;
        });
        return sales.stream().map(tx -> "guest purchase " + tx.receipt().saleAmount().toPlainString() + " " + tx.receipt().currency()).toList();
    }

    /**
     * A corrected sale is applied as a return of the whole applied sale and the corrected sale, both under the
     * correction's reference: points follow the corrected amounts exactly (earning rounds per purchase, so a
     * difference of amounts would not). Other member effects (returns, enrolments, redemptions on their own) can be
     * corrected only when they stay the same.
     */
    @Override
    public java.util.Optional<String> uncorrectable(StoredTransaction applied, StoredTransaction corrected) {
        if (effects(applied).equals(effects(corrected))
                || applied.type() == TransactionType.SALE && corrected.type() == TransactionType.SALE) {
            return java.util.Optional.empty();
        }
        return java.util.Optional.of("the corrected " + corrected.type() + " changes member effects of a " + applied.type()
                + " (points, returns or an enrolment) that cannot be applied as a difference; reject it and adjust points in member-svc");
    }

    @Override
    public String correct(StoredTransaction applied, StoredTransaction corrected, String reference) {
        if (effects(applied).equals(effects(corrected))) {
            return "no member effect changed";
        }
        uncorrectable(applied, corrected).ifPresent(reason -> {
            throw ApplyFailure.refused(reason);
        });
        String account = "";
        if (applied.receipt().member().isPresent() && concerns(applied)) {
            Receipt receipt = applied.receipt();
            try {
                MemberClient.Reversed reversed = members.reverse(new MemberClient.Reversal(
                        new MemberClient.PurchaseRef("STORE", applied.storeId(), applied.reference()), reference, "STORE", applied.storeId(),
                        receipt.saleAmount(), receipt.currency(), corrected.businessTime()));
                account = "took back the replaced sale's " + -reversed.reversedEarn().points() + " points"
                        + (reversed.returnedRedemption() == null ? "" : " and gave back " + reversed.returnedRedemption().points())
                        + "; ";
            } catch (RuntimeException e) {
                if (!ApplyFailure.isNotFound(e)) {
                    throw ApplyFailure.of("taking back the replaced sale " + applied.reference(), e);
                }
                account = "the replaced sale earned nothing; ";
            }
        }
        return account + (concerns(corrected) ? sale(corrected.under(reference)) : "the corrected sale has no member effect");
    }

    /** What a transaction does to members, compared to tell whether a correction changes anything here. */
    private List<Object> effects(StoredTransaction tx) {
        if (!concerns(tx)) {
            return List.of();
        }
        Receipt receipt = tx.receipt();
        return List.of(tx.type(), receipt.member().map(Object::toString).orElse(""), receipt.currency(), receipt.pointsRedeemed(),
                plain(receipt.orderAmount().orElse(null)), plain(receipt.saleAmount()), plain(receipt.returnAmount()),
                receipt.original().map(Object::toString).orElse(""), receipt.enrolment().map(Object::toString).orElse(""),
                receipt.liveLines().stream().filter(line -> !line.returned())
                        .map(line -> line.sku() + "|" + line.category() + "|" + plain(line.amount())).toList());
    }

    private static String plain(BigDecimal amount) {
        return amount == null ? "" : amount.stripTrailingZeros().toPlainString();
    }

    private String sale(StoredTransaction tx) {
        Receipt receipt = tx.receipt();
        if (receipt.member().isEmpty()) {
            call("purchase of a guest", () -> {
                members.nonMemberPurchase(new MemberClient.NonMemberPurchase("STORE", tx.storeId(), tx.reference(),
                        receipt.saleAmount(), receipt.currency(), tx.businessTime()));
                return null;
            });
            return "guest purchase " + receipt.saleAmount().toPlainString() + " " + receipt.currency();
        }
        Receipt.MemberRef member = receipt.member().get();
        List<MemberClient.EarnLine> lines = receipt.liveLines().stream().filter(line -> !line.returned())
                .map(line -> new MemberClient.EarnLine(line.sku(), line.category(), earnQuantity(line.quantity()), line.amount().max(BigDecimal.ZERO)))
                .toList();
        // Change given back is a negative tender: what was paid in is what a refund may go back to.
        List<MemberClient.Tender> tenders = receipt.tenders().stream().filter(tender -> tender.amount().signum() > 0)
                .map(tender -> new MemberClient.Tender(tenderMethod(tender.type()), tender.amount().setScale(2, java.math.RoundingMode.HALF_UP)))
                .toList();
        MemberClient.Posted earned;
        try {
            // The member as the till named them (id, or the card, phone or code it was shown): one call, no lookup first.
            earned = members.earn(new MemberClient.Earn(member.memberId(), presented(member), "STORE", tx.storeId(),
                    tx.reference(), tx.businessTime(), receipt.currency(), lines, tenders));
        } catch (RuntimeException e) {
            throw memberFailure(tx, member, "earning points", e);
        }
        String account = "earned " + earned.entry().points() + " points for " + member.describe();
        if (receipt.pointsRedeemed() > 0) {
            account += "; " + redeem(tx, member, receipt.saleAmount());
        }
        return account;
    }

    private String redeem(StoredTransaction tx, Receipt.MemberRef member, BigDecimal orderAmount) {
        Receipt receipt = tx.receipt();
        try {
            MemberClient.Posted redeemed = members.redeem(new MemberClient.Redeem(member.memberId(), presented(member),
                    "STORE", tx.storeId(), tx.reference(), receipt.pointsRedeemed(), orderAmount, receipt.currency(), tx.businessTime()));
            return "redeemed " + -redeemed.entry().points() + " points";
        } catch (RuntimeException e) {
            throw memberFailure(tx, member, "redeeming points", e);
        }
    }

    private static MemberClient.Presented presented(Receipt.MemberRef member) {
        return member.memberId() != null ? null : new MemberClient.Presented(member.phone(), member.card(), member.memberCode());
    }

    /**
     * Nobody holds the identity the till named: while the transaction is young, an enrolment from a till may still be
     * on its way (a store back from offline uploads in any order, below every number received so far); later, a refusal.
     */
    private ApplyFailure memberFailure(StoredTransaction tx, Receipt.MemberRef member, String what, RuntimeException e) {
        if (!ApplyFailure.isNotFound(e)) {
            return ApplyFailure.of(what, e);
        }
        if (receivedWithin(tx, enrolmentWait)) {
            return ApplyFailure.later("no member with " + member.describe() + " yet; an enrolment from a till may still arrive");
        }
        return ApplyFailure.refused("no member with " + member.describe());
    }

    private String giveBack(StoredTransaction tx) {
        Receipt receipt = tx.receipt();
        Receipt.OriginalPurchase original = receipt.original().orElseThrow();
        // The purchases the return may take back, newest first: a store sale HQ corrected earned again under its
        // correction's reference (the sale as first applied was taken back whole), one that earned nothing anew did not.
        List<String> purchases = new java.util.ArrayList<>();
        if (original.storeReceipt().isPresent()) {
            // A till's return may reach us before the sale it takes back (another till, an older upload still queued).
            Receipt.StoreReceipt sale = original.storeReceipt().get();
            record SaleWork(String status, long correctionId) {
            }
            List<SaleWork> saleWork = received.idOf(sale.storeId(), sale.workstationId(), sale.businessDay(), sale.sequenceNumber())
                    .map(saleId -> jdbc.sql("""
                            SELECT status, correction_id FROM apply_work WHERE transaction_id = :id AND target = 'MEMBER'
                            ORDER BY correction_id DESC""")
                            .param("id", saleId).query((rs, n) -> new SaleWork(rs.getString(1), rs.getLong(2))).list())
                    .orElse(List.of());
            if (saleWork.stream().anyMatch(row -> "QUARANTINED".equals(row.status()))) {
                throw ApplyFailure.refused("the original sale " + original.reference() + " is quarantined; replay it first");
            }
            if (saleWork.stream().anyMatch(row -> !"DONE".equals(row.status()))) {
                throw ApplyFailure.later("waiting for the original sale " + original.reference() + " to be applied");
            }
            if (saleWork.isEmpty() && receivedWithin(tx, originalWait)) {
                // The other till or store may still be offline: reversing now would find no points and miss them later.
                throw ApplyFailure.later("waiting for the original sale " + original.reference() + " to arrive");
            }
            saleWork.stream().map(SaleWork::correctionId).filter(correction -> correction > 0)
                    .forEach(correction -> purchases.add(Receipt.correctionReference(original.reference(), correction)));
        }
        purchases.add(original.reference());
        for (String purchase : purchases) {
            try {
                MemberClient.Reversed reversed = members.reverse(new MemberClient.Reversal(
                        new MemberClient.PurchaseRef(original.channel(), original.storeId(), purchase), tx.reference(), "STORE",
                        tx.storeId(), receipt.returnAmount(), receipt.currency(), tx.businessTime()));
                return "reversed " + -reversed.reversedEarn().points() + " points" + (reversed.returnedRedemption() == null ? ""
                        : ", gave back " + reversed.returnedRedemption().points() + " redeemed points");
            } catch (RuntimeException e) {
                if (!ApplyFailure.isNotFound(e)) {
                    throw ApplyFailure.of("reversing points of " + purchase, e);
                }
                // Nothing earned on this one (a guest sale, a correction that earned nothing anew): the next, if any.
            }
        }
        return "no points were earned on " + original.reference();
    }

    private String enrol(StoredTransaction tx) {
        if (!(tx.receipt().enrolment().orElseThrow() instanceof ObjectNode captured)) {
            throw ApplyFailure.refused("enrolment of " + tx.reference() + " is not an object of member details");
        }
        ObjectNode request = captured.deepCopy();
        request.put("channel", "STORE");
        request.put("storeId", tx.storeId());
        JsonNode enrolled = call("enrolling a member", () -> members.enrol("enrol:" + tx.reference(), request));
        return enrolled.path("resolution").path("outcome").asString("ENROLLED") + " member " + enrolled.path("member").path("id").asString();
    }

    private static <T> T call(String what, java.util.function.Supplier<T> call) {
        try {
            return call.get();
        } catch (RuntimeException e) {
            throw ApplyFailure.of(what, e);
        }
    }


    /** A till's quantity as member-svc keeps it (three decimals, positive), or null (one) when it cannot be. */
    static BigDecimal earnQuantity(BigDecimal quantity) {
        if (quantity == null) {
            return null;
        }
        BigDecimal rounded = quantity.setScale(3, java.math.RoundingMode.HALF_UP);
        return rounded.signum() > 0 && rounded.precision() - rounded.scale() <= 9 ? rounded.stripTrailingZeros() : null;
    }

    /** "Credit Card" and "CREDIT_CARD" are one method; member-svc takes letters, digits, _ and - up to 32. */
    static String tenderMethod(String type) {
        String method = type.trim().toUpperCase(java.util.Locale.ROOT).replaceAll("[^A-Z0-9_-]+", "_").replaceAll("^_+|_+$", "");
        method = method.length() > 32 ? method.substring(0, 32) : method;
        return method.isEmpty() ? "UNKNOWN" : method;
    }
}
