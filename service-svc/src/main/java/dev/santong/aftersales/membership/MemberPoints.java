package dev.santong.aftersales.membership;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;

import org.springframework.stereotype.Component;

/**
 * A case's points in member-svc. A refund (or the goods an exchange takes back) reverses the points the purchase
 * earned and gives back those redeemed on it, pro rata to the amount; an exchange's replacement earns as a purchase of
 * its own. member-svc keys each by the purchase and the case, so it happens once however often it is sent, and answers
 * the same points again.
 */
@Component
public class MemberPoints {

    /** @param channel where the goods came back (the case's channel and store) */
    public record Refund(String purchaseChannel, String purchaseStore, String purchaseReference, String caseId, String channel, String storeId,
            BigDecimal amount, String currency, Instant at) {
    }

    private final MemberClient members;

    /** The replacement as a purchase of its own: reference {@code case-<id>-exchange}, in the case's channel and store. */
    public record Replacement(String memberId, String caseId, String channel, String storeId, List<Line> lines, String currency, Instant at) {
    }

    public record Line(String sku, String category, int quantity, BigDecimal amount) {
    }

    MemberPoints(MemberClient members) {
        this.members = members;
    }

    /** The points moved (earned taken back, redeemed given back; signed); a failure is thrown for the outbox to try again. */
    public long reverse(Refund refund, String idempotencyKey) {
        MemberClient.Reversed reversed = members.reverse(idempotencyKey, new MemberClient.Reversal(new MemberClient.PurchaseRef(
                refund.purchaseChannel(), refund.purchaseStore(), refund.purchaseReference()), "case-" + refund.caseId(), refund.channel(),
                refund.storeId(), refund.amount(), refund.currency(), refund.at()));
        return points(reversed.reversedEarn()) + points(reversed.returnedRedemption());
    }

    /** The points the replacement earned; a failure is thrown for the outbox to try again. */
    public long earn(Replacement replacement, String idempotencyKey) {
        MemberClient.Posted posted = members.earn(idempotencyKey, new MemberClient.Earn(replacement.memberId(), replacement.channel(),
                replacement.storeId(), "case-" + replacement.caseId() + "-exchange", replacement.at(), replacement.currency(),
                replacement.lines().stream().map(line -> new MemberClient.EarnLine(line.sku(), line.category(), BigDecimal.valueOf(line.quantity()),
                        line.amount())).toList()));
        return points(posted.entry());
    }

    private static long points(MemberClient.Entry entry) {
        return entry == null ? 0 : entry.points();
    }
}
