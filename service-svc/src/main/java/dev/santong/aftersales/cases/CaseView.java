package dev.santong.aftersales.cases;

import java.time.Instant;
import java.util.List;

import dev.santong.platform.kit.money.Money;
import dev.santong.platform.kit.money.MoneyInVersion1;

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
@io.swagger.v3.oas.annotations.media.Schema(example = """
        {"id": "0b7e2c4a-91d3-4f6e-8a2b-5c9d1e3f7a60", "type": "RETURN", "status": "REFUNDED", "openedChannel": "STORE", "openedStore": "9", \
        "memberId": "01a20bc5-f360-7b8a-b1b7-947ef07e36c8", "purchase": {"channel": "ONLINE", "storeId": null, "reference": "SO-2026-118842"}, \
        "skuCode": "OX-BLU-M", "quantity": 1, "reason": "too small", "openedAt": "2026-11-22T03:10:40Z", "firstResponseDue": "2026-11-23T03:10:40Z", \
        "version": 4, "dueAt": null, "purchasedAt": "2026-11-20T10:50:39Z", "terms": {"entitlement": "RETURN_WINDOW", \
        "until": "2026-12-20T10:50:39Z", "explanation": "within the return window until 2026-12-20"}, \
        "refund": {"amount": "199.00", "currency": "CNY"}, "lines": [{"skuCode": "OX-BLU-M", "quantity": 1, "reasonCode": "TOO_SMALL", \
        "condition": "UNWORN", "serialNumber": null, "category": "shirts", "paid": {"amount": "199.00", "currency": "CNY"}, \
        "disposition": "RESTOCK", "replacementSku": null, "replacementPrice": null}], "effects": [{"kind": "STOCK_RECEIVED", "status": "DONE", \
        "plannedAt": "2026-11-22T03:10:41Z", "doneAt": "2026-11-22T03:10:42Z", "points": null}, {"kind": "POINTS_REVERSED", "status": "DONE", \
        "plannedAt": "2026-11-22T04:00:00Z", "doneAt": "2026-11-22T04:00:01Z", "points": -199}], "refundInstruction": {\
        "caseId": "0b7e2c4a-91d3-4f6e-8a2b-5c9d1e3f7a60", "payingChannel": "ONLINE", "payingStore": null, \
        "refund": {"amount": "199.00", "currency": "CNY"}, "tenders": [{"method": "CARD", "refund": {"amount": "199.00", "currency": "CNY"}}], \
        "status": "PENDING", "createdAt": "2026-11-22T04:00:00Z", "paymentReference": null, "paidAt": null}, "priceDifference": null, \
        "pointsDelta": -199}""")
record CaseView(String id, CaseType type, String status, SalesChannel openedChannel, String openedStore,
        String memberId, OpenCaseRequest.Purchase purchase, String skuCode, int quantity, String reason,
        Instant openedAt, Instant firstResponseDue, int version, Instant dueAt, Instant purchasedAt, Terms terms,
        @MoneyInVersion1(asObject = true) Money refund, List<Item> lines, List<CaseEffects.Effect> effects,
        RefundInstructions.Instruction refundInstruction, @MoneyInVersion1(asObject = true) Money priceDifference,
        Long pointsDelta) {

    /** @param until the last moment the terms cover; none for a paid repair or a complaint */
    record Terms(Eligibility.Entitlement entitlement, Instant until, String explanation) {
    }

    /**
     * @param paid        what was paid for these goods (their share of the purchase line); none where the purchase has no lines
     * @param disposition what inspection decided for them
     * @param replacementSku    what they are exchanged for, and {@code replacementPrice} what that costs
     */
    record Item(String skuCode, int quantity, OpenCaseRequest.ReasonCode reasonCode, OpenCaseRequest.ItemCondition condition,
            String serialNumber, String category, @MoneyInVersion1(amount = "paidAmount") Money paid, CaseEffects.Disposition disposition,
            String replacementSku, @MoneyInVersion1(amount = "replacementAmount") Money replacementPrice) {
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
