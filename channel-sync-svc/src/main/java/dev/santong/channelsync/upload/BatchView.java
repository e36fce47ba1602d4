package dev.santong.channelsync.upload;

import java.time.Instant;

/**
 * Where a batch stands. {@code newTransactions + duplicates + conflicts = transactions}: a duplicate was already
 * received (same content), a conflict has the natural key of a received transaction but other content.
 */
@io.swagger.v3.oas.annotations.media.Schema(example = """
        {"id": "e2262655-7aaf-47b1-9a8b-40b853146389", "storeId": "9", "batchId": "9-3-2026-11-21-0007", "receivedAt": "2026-11-21T16:35:00Z", \
        "status": "APPLIED", "transactions": 42, "newTransactions": 40, "duplicates": 1, "conflicts": 1}""")
record BatchView(String id, String storeId, String batchId, Instant receivedAt, String status, int transactions,
        int newTransactions, int duplicates, int conflicts) {
}
