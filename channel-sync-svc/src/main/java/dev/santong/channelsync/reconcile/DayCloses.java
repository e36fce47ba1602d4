package dev.santong.channelsync.reconcile;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Optional;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

import dev.santong.platform.kit.idempotency.Fingerprint;
import dev.santong.platform.kit.persistence.ConcurrentWriteRetry;
import dev.santong.platform.kit.persistence.SqlTime;
import tools.jackson.databind.json.JsonMapper;

/**
 * Day-close declarations, versioned: the same close sent again is the same version (a POS retries); a corrected
 * close is a new version and the newest is reconciled; earlier versions stay as evidence.
 */
@Component
public class DayCloses {

    record Declared(int version, DayClose close, Instant receivedAt, boolean replayed) {
    }

    private final JdbcClient jdbc;
    private final TransactionTemplate transactions;
    private final JsonMapper json;
    private final Clock clock;

    DayCloses(JdbcClient jdbc, TransactionTemplate transactions, JsonMapper json, Clock clock) {
        this.jdbc = jdbc;
        this.transactions = transactions;
        this.json = json;
        this.clock = clock;
    }

    /** The last business day the store closed, if any. */
    public Optional<LocalDate> lastClosedDay(String storeId) {
        return jdbc.sql("SELECT business_day FROM day_close WHERE store_id = :s ORDER BY business_day DESC LIMIT 1")
                .param("s", storeId).query((rs, n) -> rs.getDate(1).toLocalDate()).optional();
    }

    Declared declare(String storeId, LocalDate day, DayClose close, String declaredBy) {
        String content = json.writeValueAsString(json.valueToTree(close));
        String hash = Fingerprint.of(close);
        return ConcurrentWriteRetry.inTransaction(transactions, 3, status -> {
            Optional<Declared> latest = latest(storeId, day);
            String latestHash = jdbc.sql("""
                    SELECT content_hash FROM day_close WHERE store_id = :s AND business_day = :d ORDER BY version DESC LIMIT 1""")
                    .param("s", storeId).param("d", java.sql.Date.valueOf(day)).query(String.class).optional().orElse(null);
            if (latest.isPresent() && hash.equals(latestHash)) {
                return new Declared(latest.get().version(), latest.get().close(), latest.get().receivedAt(), true);
            }
            int version = latest.map(Declared::version).orElse(0) + 1;
            Instant now = clock.instant();
            jdbc.sql("""
                    INSERT INTO day_close (store_id, business_day, version, content_hash, content, declared_by, received_at)
                    VALUES (:s, :d, :v, :h, :c, :by, :at)""")
                    .param("s", storeId).param("d", java.sql.Date.valueOf(day)).param("v", version).param("h", hash).param("c", content)
                    .param("by", declaredBy).param("at", SqlTime.of(now)).update();
            return new Declared(version, close, now, false);
        });
    }

    Optional<Declared> latest(String storeId, LocalDate day) {
        return jdbc.sql("""
                SELECT version, content, received_at FROM day_close WHERE store_id = :s AND business_day = :d ORDER BY version DESC LIMIT 1""")
                .param("s", storeId).param("d", java.sql.Date.valueOf(day))
                .query((rs, n) -> new Declared(rs.getInt("version"), json.readValue(rs.getString("content"), DayClose.class),
                        rs.getTimestamp("received_at").toInstant(), false))
                .optional();
    }
}
