package dev.santong.platform.kit.persistence;

import java.time.Duration;

import org.springframework.core.retry.RetryException;
import org.springframework.core.retry.RetryPolicy;
import org.springframework.core.retry.RetryTemplate;
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
        // A few milliseconds, growing and jittered, so the racers do not collide again in lockstep.
        RetryPolicy racesOnly = RetryPolicy.builder().maxRetries(attempts - 1)
                .includes(DuplicateKeyException.class, PessimisticLockingFailureException.class)
                .delay(Duration.ofMillis(4)).jitter(Duration.ofMillis(3)).multiplier(2).maxDelay(Duration.ofMillis(80)).build();
        try {
            return new RetryTemplate(racesOnly).execute(() -> transactions.execute(write));
        } catch (RetryException exhaustedOrRefused) {
            // The write's own failure, as it was: the last lost race, or anything else at once.
            if (exhaustedOrRefused.getLastException() instanceof RuntimeException failure) {
                throw failure;
            }
            if (exhaustedOrRefused.getLastException() instanceof Error error) {
                throw error;
            }
            throw new IllegalStateException("a write failed", exhaustedOrRefused.getLastException());
        }
    }
}
