package dev.santong.aftersales.cases;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;

/**
 * @param version     its ETag: what a step names in If-Match
 * @param dueAt       when its current step is due; none in a final state or while it waits for the customer
 * @param purchasedAt when the goods were bought, as member-svc recorded the purchase
 * @param terms       on what terms the case goes ahead, checked when it was opened
 * @param refund      what the goods it takes back were paid, in the purchase's currency; none for repairs and complaints
 * @param effects     what its steps change in other services, each PENDING until that service confirmed it, then DONE
 * @param refundInstruction what the paying channel is to pay back, once the case is refunded
 * @param priceDifference   an exchange's replacements less what was paid for the goods: the shopper pays it, or gets it back
 * @param pointsDelta       the points the case's effects moved so far (reversed, given back, earned by a replacement)
 */
record CaseView(String id, CaseType type, String status, SalesChannel openedChannel, String openedStore,
        String memberId, OpenCaseRequest.Purchase purchase, String skuCode, int quantity, String reason,
        Instant openedAt, Instant firstResponseDue, int version, Instant dueAt, Instant purchasedAt, Terms terms, Money refund,
        List<Item> lines, List<CaseEffects.Effect> effects, RefundInstructions.Instruction refundInstruction, Money priceDifference,
        Long pointsDelta) {

    /** @param until the last moment the terms cover; none for a paid repair or a complaint */
    record Terms(Eligibility.Entitlement entitlement, Instant until, String explanation) {
    }

    record Money(BigDecimal amount, String currency) {
    }

    /**
     * @param paidAmount  what was paid for these goods (their share of the purchase line); none where the purchase has no lines
     * @param disposition what inspection decided for them
     * @param replacementSku    what they are exchanged for, and {@code replacementAmount} what that costs
     */
    record Item(String skuCode, int quantity, OpenCaseRequest.ReasonCode reasonCode, OpenCaseRequest.ItemCondition condition,
            String serialNumber, String category, BigDecimal paidAmount, CaseEffects.Disposition disposition, String replacementSku,
            BigDecimal replacementAmount) {
    }

    CaseView with(List<Item> items, Money refundOfItems, List<CaseEffects.Effect> effectsOfSteps, RefundInstructions.Instruction instruction,
            Money difference) {
        Long points = effectsOfSteps.stream().anyMatch(effect -> effect.points() != null)
                ? effectsOfSteps.stream().filter(effect -> effect.points() != null).mapToLong(CaseEffects.Effect::points).sum() : null;
        return new CaseView(id, type, status, openedChannel, openedStore, memberId, purchase, skuCode, quantity, reason, openedAt,
                firstResponseDue, version, dueAt, purchasedAt, terms, refundOfItems, List.copyOf(items), List.copyOf(effectsOfSteps), instruction,
                difference, points);
    }
}
