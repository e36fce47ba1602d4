package dev.santong.aftersales.cases;

import java.time.Instant;

record CaseView(String id, CaseType type, String status, SalesChannel openedChannel, String openedStore,
        String memberId, OpenCaseRequest.Purchase purchase, String skuCode, int quantity, String reason,
        Instant openedAt, Instant firstResponseDue, int version) {
}
