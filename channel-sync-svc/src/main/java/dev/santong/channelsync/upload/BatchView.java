package dev.santong.channelsync.upload;

import java.time.Instant;

/**
 * Where a batch stands. {@code newTransactions + duplicates + conflicts = transactions}: a duplicate was already
 * received (same content), a conflict has the natural key of a received transaction but other content.
 */
record BatchView(String id, String storeId, String batchId, Instant receivedAt, String status, int transactions,
        int newTransactions, int duplicates, int conflicts) {
}
