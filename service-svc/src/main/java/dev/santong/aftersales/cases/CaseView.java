package dev.santong.aftersales.cases;

import java.time.Instant;
import java.util.List;

/**
 * @param version its ETag: what a step names in If-Match
 * @param dueAt   when its current step is due; none in a final state or while it waits for the customer
 */
record CaseView(String id, CaseType type, String status, SalesChannel openedChannel, String openedStore,
        String memberId, OpenCaseRequest.Purchase purchase, String skuCode, int quantity, String reason,
        Instant openedAt, Instant firstResponseDue, int version, Instant dueAt, List<OpenCaseRequest.Line> lines) {

    CaseView withLines(List<OpenCaseRequest.Line> items) {
        return new CaseView(id, type, status, openedChannel, openedStore, memberId, purchase, skuCode, quantity, reason, openedAt,
                firstResponseDue, version, dueAt, List.copyOf(items));
    }
}
