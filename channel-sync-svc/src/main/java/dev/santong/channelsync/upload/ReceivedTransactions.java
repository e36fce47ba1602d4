package dev.santong.channelsync.upload;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * What was received, as other modules need it: the numbering of a business day's transactions, the stored content
 * the apply work reads, and each transaction's apply status, which the apply module sets as its work rows finish.
 */
@Component
public class ReceivedTransactions {

    /** One received transaction's place in its till's numbering. */
    public record Numbered(String storeId, String workstationId, long sequenceNumber, String installationId) {
    }

    /** A received transaction as stored: its numbering and the content the till sent (JSON). */
    /** @param traceParent the upload's trace, where one was kept */
    public record Stored(long id, String storeId, String workstationId, LocalDate businessDay, long sequenceNumber, String content,
            String traceParent) {
    }

    /** One transaction of a store's day, for reconciliation. */
    public record OfDay(String workstationId, long sequenceNumber, String installationId, TransactionType type, Instant businessTime,
            ApplyStatus applyStatus, String content) {
    }

    /** A store's oldest transaction whose effects are not all applied yet. */
    public record Waiting(String workstationId, LocalDate businessDay, long sequenceNumber, Instant businessTime, Instant receivedAt) {
    }

    /** PENDING: received, not planned yet; APPLYING: work rows open; then APPLIED, or QUARANTINED when a row is. */
    public enum ApplyStatus { PENDING, APPLYING, APPLIED, QUARANTINED }

    private final JdbcClient jdbc;

    ReceivedTransactions(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** @param storeId null for every store */
    public List<Numbered> numberedOn(LocalDate day, String storeId) {
        return jdbc.sql("SELECT store_id, workstation_id, sequence_number, installation_id FROM pos_transaction WHERE business_day = :day"
                        + (storeId == null ? "" : " AND store_id = :store") + " ORDER BY store_id, workstation_id")
                .params(storeId == null ? Map.of("day", day) : Map.of("day", day, "store", storeId))
                .query((rs, n) -> new Numbered(rs.getString("store_id"), rs.getString("workstation_id"), rs.getLong("sequence_number"),
                        rs.getString("installation_id")))
                .list();
    }

    /** Transactions not planned into apply work yet, locked for the caller's transaction; other replicas skip them. */
    public List<Stored> claimUnplanned(int limit) {
        return jdbc.sql("""
                SELECT id, store_id, workstation_id, business_day, sequence_number, content, trace_parent FROM pos_transaction
                WHERE apply_status = 'PENDING' ORDER BY id LIMIT :n FOR UPDATE SKIP LOCKED""")
                .param("n", limit).query(ReceivedTransactions::stored).list();
    }

    public List<Stored> byIds(Collection<Long> ids) {
        if (ids.isEmpty()) {
            return List.of();
        }
        return jdbc.sql("""
                SELECT id, store_id, workstation_id, business_day, sequence_number, content, trace_parent FROM pos_transaction
                WHERE id IN (:ids)""")
                .param("ids", ids).query(ReceivedTransactions::stored).list();
    }

    /** Locks the transaction's row for the caller's transaction, so the targets of one transaction finish one after the other. */
    public void lock(long id) {
        jdbc.sql("SELECT id FROM pos_transaction WHERE id = :id FOR UPDATE").param("id", id).query(Long.class).single();
    }

    /** Locks several transactions' rows, in id order so two callers never wait on each other crosswise. */
    public void lockAll(Collection<Long> ids) {
        jdbc.sql("SELECT id FROM pos_transaction WHERE id IN (:ids) ORDER BY id FOR UPDATE").param("ids", ids).query(Long.class).list();
    }

    public void setApplyStatus(Collection<Long> ids, ApplyStatus status) {
        jdbc.sql("UPDATE pos_transaction SET apply_status = :status WHERE id IN (:ids)").param("status", status.name()).param("ids", ids).update();
    }

    public void setApplyStatus(long id, ApplyStatus status) {
        jdbc.sql("UPDATE pos_transaction SET apply_status = :status WHERE id = :id").param("status", status.name()).param("id", id).update();
    }

    /** The transaction a till numbered so, if it has arrived. */
    public Optional<Long> idOf(String storeId, String workstationId, LocalDate day, long sequenceNumber) {
        return jdbc.sql("""
                SELECT id FROM pos_transaction WHERE store_id = :s AND workstation_id = :w AND business_day = :d AND sequence_number = :seq""")
                .param("s", storeId).param("w", workstationId).param("d", java.sql.Date.valueOf(day)).param("seq", sequenceNumber)
                .query(Long.class).optional();
    }

    public ApplyStatus applyStatus(long id) {
        return jdbc.sql("SELECT apply_status FROM pos_transaction WHERE id = :id").param("id", id)
                .query((rs, n) -> ApplyStatus.valueOf(rs.getString(1))).single();
    }

    public Instant receivedAt(long id) {
        return jdbc.sql("SELECT received_at FROM pos_transaction WHERE id = :id").param("id", id)
                .query((rs, n) -> rs.getTimestamp(1).toInstant()).single();
    }

    /** Whether the till numbered transactions before this one (same day) that have not arrived. */
    public boolean earlierStillMissing(String storeId, String workstationId, LocalDate day, long sequenceNumber) {
        return jdbc.sql("""
                SELECT COUNT(*) < MAX(sequence_number) - MIN(sequence_number) + 1 FROM pos_transaction
                WHERE store_id = :s AND workstation_id = :w AND business_day = :d AND sequence_number <= :seq""")
                .param("s", storeId).param("w", workstationId).param("d", java.sql.Date.valueOf(day)).param("seq", sequenceNumber)
                .query(Boolean.class).optional().orElse(false);
    }

    public List<OfDay> ofDay(String storeId, LocalDate day) {
        return jdbc.sql("""
                SELECT workstation_id, sequence_number, installation_id, type, business_time, apply_status, content FROM pos_transaction
                WHERE store_id = :store AND business_day = :day ORDER BY workstation_id, sequence_number""")
                .param("store", storeId).param("day", java.sql.Date.valueOf(day))
                .query((rs, n) -> new OfDay(rs.getString("workstation_id"), rs.getLong("sequence_number"), rs.getString("installation_id"),
                        TransactionType.valueOf(rs.getString("type")), rs.getTimestamp("business_time").toInstant(),
                        ApplyStatus.valueOf(rs.getString("apply_status")), rs.getString("content")))
                .list();
    }

    /** Stores that sent anything for the day. */
    public List<String> storesOn(LocalDate day) {
        return jdbc.sql("SELECT DISTINCT store_id FROM pos_transaction WHERE business_day = :day ORDER BY store_id")
                .param("day", java.sql.Date.valueOf(day)).query(String.class).list();
    }

    /** When each store's oldest transaction not yet applied arrived, for the metrics (stores with none are absent). */
    public java.util.Map<String, Instant> oldestUnappliedByStore() {
        java.util.Map<String, Instant> oldest = new java.util.TreeMap<>();
        jdbc.sql("SELECT store_id, MIN(received_at) FROM pos_transaction WHERE apply_status IN ('PENDING', 'APPLYING') GROUP BY store_id")
                .query((rs, n) -> oldest.put(rs.getString(1), instant(rs.getTimestamp(2)))).list();
        return oldest;
    }

    public Optional<Waiting> oldestUnapplied(String storeId) {
        return jdbc.sql("""
                SELECT workstation_id, business_day, sequence_number, business_time, received_at FROM pos_transaction
                WHERE store_id = :s AND apply_status IN ('PENDING', 'APPLYING') ORDER BY received_at, id LIMIT 1""")
                .param("s", storeId)
                .query((rs, n) -> new Waiting(rs.getString("workstation_id"), rs.getDate("business_day").toLocalDate(),
                        rs.getLong("sequence_number"), instant(rs.getTimestamp("business_time")), instant(rs.getTimestamp("received_at"))))
                .optional();
    }

    private static Stored stored(ResultSet rs, int n) throws SQLException {
        return new Stored(rs.getLong("id"), rs.getString("store_id"), rs.getString("workstation_id"), rs.getDate("business_day").toLocalDate(),
                rs.getLong("sequence_number"), rs.getString("content"), rs.getString("trace_parent"));
    }

    private static Instant instant(Timestamp timestamp) {
        return timestamp == null ? null : timestamp.toInstant();
    }
}
