package dev.santong.platform.kit.persistence;

import org.springframework.dao.DuplicateKeyException;
import org.springframework.transaction.support.TransactionCallback;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Runs a "find, else insert" write in a transaction and runs it again when a concurrent request inserted the same
 * unique key first. The next attempt, in a new transaction, sees the winner's committed row and answers from it,
 * so two clients retrying the same write both get the one result the database kept.
 */
public final class DuplicateKeyRetry {

    private DuplicateKeyRetry() {
    }

    public static <T> T inTransaction(TransactionTemplate transactions, int attempts, TransactionCallback<T> write) {
        if (attempts < 1) {
            throw new IllegalArgumentException("attempts must be at least 1");
        }
        for (int attempt = 1; ; attempt++) {
            try {
                return transactions.execute(write);
            } catch (DuplicateKeyException raced) {
                if (attempt == attempts) {
                    throw raced;
                }
            }
        }
    }
}
