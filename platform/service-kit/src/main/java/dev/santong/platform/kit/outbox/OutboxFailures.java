package dev.santong.platform.kit.outbox;

import java.util.HashMap;
import java.util.Map;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Why an event's last delivery failed, per event type and key (table {@code outbox_failure}): the registry keeps the
 * attempts, not the reason. Written in a transaction of its own, since the listener's rolls back.
 */
class OutboxFailures {

    record Key(String eventType, String eventKey) {
    }

    private static final int REASON_LENGTH = 300;

    private final JdbcClient jdbc;
    private final TransactionTemplate ownTransaction;

    OutboxFailures(JdbcClient jdbc, PlatformTransactionManager transactions) {
        this.jdbc = jdbc;
        this.ownTransaction = new TransactionTemplate(transactions);
        this.ownTransaction.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
    }

    void record(Key key, String reason, java.time.Instant at) {
        String clipped = reason.length() > REASON_LENGTH ? reason.substring(0, REASON_LENGTH) : reason;
        ownTransaction.executeWithoutResult(status -> jdbc.sql("""
                INSERT INTO outbox_failure (event_type, event_key, reason, failed_at) VALUES (:type, :key, :reason, :at)
                ON DUPLICATE KEY UPDATE reason = VALUES(reason), failed_at = VALUES(failed_at)""")
                .param("type", key.eventType()).param("key", key.eventKey()).param("reason", clipped)
                .param("at", java.sql.Timestamp.from(at)).update());
    }

    void clear(Key key) {
        ownTransaction.executeWithoutResult(status -> jdbc.sql("DELETE FROM outbox_failure WHERE event_type = :type AND event_key = :key")
                .param("type", key.eventType()).param("key", key.eventKey()).update());
    }

    Map<Key, String> all() {
        Map<Key, String> reasons = new HashMap<>();
        jdbc.sql("SELECT event_type, event_key, reason FROM outbox_failure")
                .query((rs, n) -> reasons.put(new Key(rs.getString(1), rs.getString(2)), rs.getString(3))).list();
        return reasons;
    }
}
