package dev.santong.platform.kit.persistence;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;
import org.springframework.dao.CannotAcquireLockException;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.TransactionException;
import org.springframework.transaction.TransactionStatus;
import org.springframework.transaction.support.AbstractPlatformTransactionManager;
import org.springframework.transaction.support.DefaultTransactionStatus;
import org.springframework.transaction.support.TransactionTemplate;

class ConcurrentWriteRetryTest {

    /** Transactions that do nothing: the retry rule is what is under test. */
    private final TransactionTemplate transactions = new TransactionTemplate(new AbstractPlatformTransactionManager() {
        @Override
        protected Object doGetTransaction() {
            return new Object();
        }

        @Override
        protected void doBegin(Object transaction, TransactionDefinition definition) throws TransactionException {
        }

        @Override
        protected void doCommit(DefaultTransactionStatus status) throws TransactionException {
        }

        @Override
        protected void doRollback(DefaultTransactionStatus status) throws TransactionException {
        }
    });

    @Test
    void aLostRaceIsRunAgainAndItsResultAnswered() {
        AtomicInteger calls = new AtomicInteger();
        String result = ConcurrentWriteRetry.inTransaction(transactions, 5, (TransactionStatus status) -> {
            if (calls.incrementAndGet() < 3) {
                throw calls.get() == 1 ? new DuplicateKeyException("raced") : new CannotAcquireLockException("deadlock victim");
            }
            return "kept";
        });
        assertThat(result).isEqualTo("kept");
        assertThat(calls).hasValue(3);
    }

    @Test
    void theLastLostRaceIsThrownAsItWasAfterTheAttempts() {
        AtomicInteger calls = new AtomicInteger();
        assertThatThrownBy(() -> ConcurrentWriteRetry.inTransaction(transactions, 3, status -> {
            calls.incrementAndGet();
            throw new DuplicateKeyException("raced " + calls.get());
        })).isExactlyInstanceOf(DuplicateKeyException.class).hasMessage("raced 3");
        assertThat(calls).hasValue(3);
    }

    @Test
    void anyOtherFailureIsThrownAtOnceAsItWas() {
        AtomicInteger calls = new AtomicInteger();
        IllegalStateException refused = new IllegalStateException("a rule said no");
        assertThatThrownBy(() -> ConcurrentWriteRetry.inTransaction(transactions, 5, status -> {
            calls.incrementAndGet();
            throw refused;
        })).isSameAs(refused);
        assertThat(calls).hasValue(1);
    }
}
