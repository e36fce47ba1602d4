package dev.santong.platform.kit.persistence;

import java.util.concurrent.ThreadLocalRandom;

import org.springframework.dao.DuplicateKeyException;
import org.springframework.dao.PessimisticLockingFailureException;
import org.springframework.transaction.support.TransactionCallback;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Runs a "find, else insert" write in a transaction, again when a concurrent request won the race:
 * <ul>
 * <li>it inserted the same unique key first: the next attempt sees its committed row and answers from it, so two
 * clients retrying one write both get the one result the database kept;</li>
 * <li>InnoDB chose this transaction as a deadlock victim or a lock wait timed out: the whole transaction was rolled
 * back, so running it again is safe.</li>
 * </ul>
 */
public final class ConcurrentWriteRetry {

    private ConcurrentWriteRetry() {
    }

    public static <T> T inTransaction(TransactionTemplate transactions, int attempts, TransactionCallback<T> write) {
        if (attempts < 1) {
            throw new IllegalArgumentException("attempts must be at least 1");
        }
        for (int attempt = 1; ; attempt++) {
            try {
                return transactions.execute(write);
            } catch (DuplicateKeyException | PessimisticLockingFailureException raced) {
                if (attempt == attempts) {
                    throw raced;
                }
                pause(attempt);
            }
        }
    }

    /** A few milliseconds, growing and jittered, so the racers do not collide again in lockstep. */
    private static void pause(int attempt) {
        try {
            Thread.sleep(ThreadLocalRandom.current().nextLong(1, 5L << Math.min(attempt, 4)));
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while retrying a write", interrupted);
        }
    }
}
