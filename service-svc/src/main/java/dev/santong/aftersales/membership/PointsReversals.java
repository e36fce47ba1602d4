package dev.santong.aftersales.membership;

import java.math.BigDecimal;
import java.time.Instant;

import org.springframework.stereotype.Component;

/**
 * A refund's points in member-svc: the points the purchase earned taken back and those redeemed on it given back, pro
 * rata to what was refunded. member-svc keys it by the purchase and the case, so it happens once however often it is sent.
 */
@Component
public class PointsReversals {

    /** @param channel where the goods came back (the case's channel and store) */
    public record Refund(String purchaseChannel, String purchaseStore, String purchaseReference, String caseId, String channel, String storeId,
            BigDecimal amount, String currency, Instant at) {
    }

    private final MemberClient members;

    PointsReversals(MemberClient members) {
        this.members = members;
    }

    /** A failure is thrown for the outbox to try again. */
    public void reverse(Refund refund, String idempotencyKey) {
        members.reverse(idempotencyKey, new MemberClient.Reversal(new MemberClient.PurchaseRef(refund.purchaseChannel(), refund.purchaseStore(),
                refund.purchaseReference()), "case-" + refund.caseId(), refund.channel(), refund.storeId(), refund.amount(), refund.currency(),
                refund.at()));
    }
}
