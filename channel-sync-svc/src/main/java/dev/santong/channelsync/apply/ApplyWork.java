package dev.santong.channelsync.apply;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

import dev.santong.channelsync.receipt.Receipt;
import dev.santong.channelsync.upload.Conflicts;
import dev.santong.channelsync.upload.ReceivedTransactions;
import dev.santong.channelsync.upload.ReceivedTransactions.ApplyStatus;
import dev.santong.channelsync.upload.UploadBatchRequest.PosTransaction;
import dev.santong.platform.kit.persistence.ConcurrentWriteRetry;
import dev.santong.platform.kit.persistence.SqlTime;
import dev.santong.platform.kit.web.Cursor;
import dev.santong.platform.kit.web.Page;
import tools.jackson.databind.json.JsonMapper;

/**
 * The durable work table. A received transaction is planned into one row per target it concerns; rows are worked
 * per lane (target, store, till) in business day and sequence order under a lease, so two replicas never interleave
 * one till's transactions. Transaction status follows its rows: APPLYING, then APPLIED or QUARANTINED.
 */
@Component
public class ApplyWork {

    public enum Status { PENDING, DONE, QUARANTINED }

    /** The pseudo-target of a transaction whose payload could not be read into work at all. */
    static final String PLAN = "PLAN";

    public record Lane(String target, String storeId, String workstationId) {
    }

    public record Item(long id, long transactionId, String target, String storeId, String workstationId, LocalDate businessDay,
            long sequenceNumber, Status status, int attempts, Instant nextAttemptAt, String lastError, String outcome, Instant createdAt,
            Instant finishedAt, long correctionId) {

        /** The receipt's reference; an accepted correction's own for its rows. */
        public String reference() {
            String receipt = Receipt.reference(storeId, businessDay, workstationId, sequenceNumber);
            return correctionId == 0 ? receipt : Receipt.correctionReference(receipt, correctionId);
        }
    }

    /** What an accepted correction's row works on: the version it replaced and the accepted one. */
    public record Correction(StoredTransaction applied, StoredTransaction corrected, String reference) {
    }

    private final JdbcClient jdbc;
    private final JdbcTemplate batches;
    private final TransactionTemplate transactions;
    private final JsonMapper json;
    private final Clock clock;
    private final List<ApplyTarget> targets;
    private final String defaultCurrency;
    private final Conflicts conflicts;
    private final ReceivedTransactions received;

    ApplyWork(JdbcClient jdbc, JdbcTemplate batches, TransactionTemplate transactions, JsonMapper json, Clock clock,
            List<ApplyTarget> targets, @Value("${santong.sync.default-currency:CNY}") String defaultCurrency, Conflicts conflicts,
            ReceivedTransactions received) {
        this.conflicts = conflicts;
        this.received = received;
        this.jdbc = jdbc;
        this.batches = batches;
        this.transactions = transactions;
        this.json = json;
        this.clock = clock;
        this.targets = targets;
        this.defaultCurrency = defaultCurrency;
    }

    /** Turns newly received transactions into work rows; safe on every replica (rows claimed with SKIP LOCKED). */
    public int plan(int limit) {
        Integer planned = transactions.execute(status -> {
            List<ReceivedTransactions.Stored> rows = received.claimUnplanned(limit);
            Instant now = clock.instant();
            List<StoredTransaction> fresh = new ArrayList<>();
            for (ReceivedTransactions.Stored row : rows) {
                try {
                    fresh.add(read(row.id(), row.storeId(), row.content()));
                } catch (RuntimeException unreadable) {
                    // Accepted before today's payload rules, or by a bug: set aside for HQ, never blocking the others.
                    unreadable(row, unreadable.getMessage(), now);
                }
            }
            // A store's day arrives by the thousand: its work rows in one INSERT, the statuses in one UPDATE each.
            List<Object[]> newWorkRows = new ArrayList<>();
            java.util.Map<ApplyStatus, List<Long>> statuses = new java.util.EnumMap<>(ApplyStatus.class);
            for (StoredTransaction tx : fresh) {
                int workRows = 0;
                for (ApplyTarget target : targets) {
                    if (target.concerns(tx)) {
                        newWorkRows.add(new Object[] { tx.id(), target.name(), tx.storeId(), tx.workstationId(),
                                java.sql.Date.valueOf(tx.businessDay()), tx.sequenceNumber(), SqlTime.of(now), SqlTime.of(now) });
                        workRows++;
                    }
                }
                statuses.computeIfAbsent(workRows == 0 ? ApplyStatus.APPLIED : ApplyStatus.APPLYING, none -> new ArrayList<>()).add(tx.id());
            }
            if (!newWorkRows.isEmpty()) {
                // One multi-row INSERT on the wire: the kit turns on Connector/J's rewriting of batches.
                batches.batchUpdate("""
                        INSERT INTO apply_work (transaction_id, target, store_id, workstation_id, business_day, sequence_number, status,
                            attempts, next_attempt_at, created_at) VALUES (?, ?, ?, ?, ?, ?, 'PENDING', 0, ?, ?)""", newWorkRows);
            }
            statuses.forEach((applyStatus, ids) -> received.setApplyStatus(ids, applyStatus));
            return rows.size();
        });
        return planned == null ? 0 : planned;
    }

    private void unreadable(ReceivedTransactions.Stored transaction, String reason, Instant now) {
        jdbc.sql("""
                INSERT INTO apply_work (transaction_id, target, store_id, workstation_id, business_day, sequence_number, status, attempts,
                    next_attempt_at, last_error, created_at, finished_at)
                VALUES (:id, :target, :store, :ws, :day, :seq, 'QUARANTINED', 1, :now, :reason, :now, :now)""")
                .param("id", transaction.id()).param("target", PLAN).param("store", transaction.storeId())
                .param("ws", transaction.workstationId()).param("day", java.sql.Date.valueOf(transaction.businessDay()))
                .param("seq", transaction.sequenceNumber()).param("now", SqlTime.of(now))
                .param("reason", clip("payload does not read: " + reason)).update();
        received.setApplyStatus(transaction.id(), ApplyStatus.QUARANTINED);
    }

    /** Lanes with work that may be due; the lane's head decides whether it really is. */
    public List<Lane> dueLanes(int limit) {
        return jdbc.sql("""
                SELECT DISTINCT target, store_id, workstation_id FROM apply_work
                WHERE status = 'PENDING' AND next_attempt_at <= :now LIMIT :n""")
                .param("now", SqlTime.of(clock.instant())).param("n", limit)
                .query((rs, n) -> new Lane(rs.getString("target"), rs.getString("store_id"), rs.getString("workstation_id")))
                .list();
    }

    /** Takes or renews the lane's lease; false while another worker holds it. */
    /**
     * A worker's hold on a lane. {@code fence} grows with every acquisition, so a worker whose lease lapsed and was
     * taken over can tell, before its next remote call, that the lane is no longer its own (see {@link #renew}).
     */
    public record Lease(Lane lane, String owner, long fence) {
    }

    /** Takes the lane when it is free, lapsed or already this owner's; empty when another worker holds it. */
    public Optional<Lease> lease(Lane lane, String owner, Duration duration) {
        Instant now = clock.instant();
        jdbc.sql("INSERT IGNORE INTO apply_lane (target, store_id, workstation_id) VALUES (:t, :s, :w)")
                .param("t", lane.target()).param("s", lane.storeId()).param("w", lane.workstationId()).update();
        // One transaction: the fence read is the one this update wrote, not a later taker's.
        return transactions.execute(status -> {
            int taken = jdbc.sql("""
                    UPDATE apply_lane SET lease_owner = :owner, lease_until = :until, fence = fence + 1
                    WHERE target = :t AND store_id = :s AND workstation_id = :w
                        AND (lease_owner IS NULL OR lease_owner = :owner OR lease_until < :now)""")
                    .param("owner", owner).param("until", SqlTime.of(now.plus(duration))).param("now", SqlTime.of(now))
                    .param("t", lane.target()).param("s", lane.storeId()).param("w", lane.workstationId())
                    .update();
            if (taken == 0) {
                return Optional.<Lease>empty();
            }
            long fence = jdbc.sql("SELECT fence FROM apply_lane WHERE target = :t AND store_id = :s AND workstation_id = :w")
                    .param("t", lane.target()).param("s", lane.storeId()).param("w", lane.workstationId()).query(Long.class).single();
            return Optional.of(new Lease(lane, owner, fence));
        });
    }

    /**
     * Extends the lease by {@code duration} from now, only while nobody took the lane over since it was acquired: a
     * worker calls this before every remote call, so one that lost its lane makes no further call for it.
     */
    public boolean renew(Lease lease, Duration duration) {
        Lane lane = lease.lane();
        return jdbc.sql("""
                UPDATE apply_lane SET lease_until = :until
                WHERE target = :t AND store_id = :s AND workstation_id = :w AND lease_owner = :owner AND fence = :fence""")
                .param("until", SqlTime.of(clock.instant().plus(duration))).param("owner", lease.owner()).param("fence", lease.fence())
                .param("t", lane.target()).param("s", lane.storeId()).param("w", lane.workstationId())
                .update() == 1;
    }

    public void release(Lease lease) {
        Lane lane = lease.lane();
        jdbc.sql("""
                UPDATE apply_lane SET lease_owner = NULL, lease_until = NULL
                WHERE target = :t AND store_id = :s AND workstation_id = :w AND lease_owner = :owner AND fence = :fence""")
                .param("owner", lease.owner()).param("fence", lease.fence()).param("t", lane.target()).param("s", lane.storeId())
                .param("w", lane.workstationId()).update();
    }

    /** The lane's next pending rows in business day and sequence order. */
    public List<Item> head(Lane lane, int limit) {
        return jdbc.sql("""
                SELECT * FROM apply_work WHERE target = :t AND store_id = :s AND workstation_id = :w AND status = 'PENDING'
                ORDER BY business_day, sequence_number, id LIMIT :n""")
                .param("t", lane.target()).param("s", lane.storeId()).param("w", lane.workstationId()).param("n", limit)
                .query(ApplyWork::item).list();
    }

    /**
     * Whether the till numbered transactions before this one (same day) that have not arrived: a refusal may then
     * just mean the transaction it depends on (an offline enrolment, the sale being returned) is still on its way.
     */
    public boolean earlierStillMissing(Item item) {
        return received.earlierStillMissing(item.storeId(), item.workstationId(), item.businessDay(), item.sequenceNumber());
    }

    /** A head row's transaction and the trace of the upload that brought it (null where none was kept), to continue it. */
    public record ToApply(StoredTransaction transaction, String uploadTrace) {
    }

    /** The transactions behind a lane's head rows with their uploads' traces, in one query. */
    public java.util.Map<Long, ToApply> transactions(List<Item> items) {
        return received.byIds(items.stream().map(Item::transactionId).toList()).stream()
                .collect(java.util.stream.Collectors.toMap(ReceivedTransactions.Stored::id,
                        row -> new ToApply(read(row.id(), row.storeId(), row.content()), row.traceParent())));
    }

    public Optional<Item> find(long id) {
        return jdbc.sql("SELECT * FROM apply_work WHERE id = :id").param("id", id).query(ApplyWork::item).optional();
    }

    public void done(Item item, String outcome) {
        finish(item, "DONE", outcome, null);
    }

    /**
     * A lane's run applied together, finished in one database transaction: the transactions' rows locked in id order
     * (as a single finish locks its one), the work rows in one UPDATE, the transactions' statuses in one per status.
     */
    public void doneAll(List<Item> items, List<String> outcomes) {
        if (items.size() != outcomes.size()) {
            throw new IllegalArgumentException(items.size() + " items, " + outcomes.size() + " outcomes");
        }
        List<Long> transactionIds = items.stream().map(Item::transactionId).distinct().sorted().toList();
        ConcurrentWriteRetry.inTransaction(transactions, 5, tx -> {
            received.lockAll(transactionIds);
            StringBuilder outcome = new StringBuilder("CASE id");
            java.util.Map<String, Object> params = new java.util.HashMap<>();
            for (int i = 0; i < items.size(); i++) {
                outcome.append(" WHEN :id").append(i).append(" THEN :outcome").append(i);
                params.put("id" + i, items.get(i).id());
                params.put("outcome" + i, clip(outcomes.get(i)));
            }
            jdbc.sql("UPDATE apply_work SET status = 'DONE', attempts = attempts + 1, outcome = " + outcome + " END, finished_at = :now "
                    + "WHERE id IN (:ids) AND status = 'PENDING'")
                    .params(params).param("now", SqlTime.of(clock.instant())).param("ids", items.stream().map(Item::id).toList())
                    .update();
            refreshTransactions(transactionIds);
            return null;
        });
    }

    public void quarantine(Item item, String reason) {
        finish(item, "QUARANTINED", null, reason);
    }

    public void retryLater(Item item, Duration backoff, String reason) {
        jdbc.sql("""
                UPDATE apply_work SET attempts = attempts + 1, next_attempt_at = :next, last_error = :reason
                WHERE id = :id AND status = 'PENDING'""")
                .param("next", SqlTime.of(clock.instant().plus(backoff))).param("reason", clip(reason)).param("id", item.id())
                .update();
    }

    /** HQ's replay after a fix: the row is worked again from its first attempt, in its place in the lane. */
    public boolean replay(long id) {
        return Boolean.TRUE.equals(transactions.execute(status -> {
            Optional<Item> item = find(id);
            if (item.isEmpty() || item.get().status() != Status.QUARANTINED) {
                return false;
            }
            lockTransaction(item.get().transactionId());
            if (PLAN.equals(item.get().target())) {
                // Planned again from the start: after a fix the payload may read, and then gets its real work rows.
                jdbc.sql("DELETE FROM apply_work WHERE id = :id").param("id", id).update();
                received.setApplyStatus(item.get().transactionId(), ApplyStatus.PENDING);
                return true;
            }
            jdbc.sql("""
                    UPDATE apply_work SET status = 'PENDING', attempts = 0, next_attempt_at = :now, finished_at = NULL
                    WHERE id = :id AND status = 'QUARANTINED'""")
                    .param("now", SqlTime.of(clock.instant())).param("id", id).update();
            refreshTransaction(item.get().transactionId());
            return true;
        }));
    }

    public long count(String storeId, Status status) {
        return jdbc.sql("SELECT COUNT(*) FROM apply_work WHERE store_id = :s AND status = :status").param("s", storeId)
                .param("status", status.name()).query(Long.class).single();
    }

    /** Rows in a status per store, for the metrics (stores with none are absent). */
    public java.util.Map<String, Long> countByStore(Status status) {
        java.util.Map<String, Long> counts = new java.util.TreeMap<>();
        jdbc.sql("SELECT store_id, COUNT(*) FROM apply_work WHERE status = :status GROUP BY store_id").param("status", status.name())
                .query((rs, n) -> counts.put(rs.getString(1), rs.getLong(2))).list();
        return counts;
    }

    /** Quarantined rows, the latest quarantined first, a page at a time; the cursor is the last row's time and id. */
    public Page<Item> quarantined(String storeId, String cursor, int limit) {
        Cursor.After after = Cursor.after(cursor);
        List<Item> fetched = jdbc.sql("""
                SELECT * FROM apply_work WHERE status = 'QUARANTINED' AND (:store IS NULL OR store_id = :store)
                AND (:afterAt IS NULL OR finished_at < :afterAt OR (finished_at = :afterAt AND id < :afterId))
                ORDER BY finished_at DESC, id DESC LIMIT :n""")
                .param("store", storeId).param("n", limit + 1)
                .param("afterAt", after.at()).param("afterId", after.keyAsNumber())
                .query(ApplyWork::item).list();
        return Page.of(fetched, limit, last -> Cursor.at(last.finishedAt(), last.id()));
    }

    /** The work rows of one store's business day, for reconciliation. */
    public List<Item> ofDay(String storeId, LocalDate day) {
        return jdbc.sql("SELECT * FROM apply_work WHERE store_id = :store AND business_day = :day ORDER BY workstation_id, sequence_number, target")
                .param("store", storeId).param("day", java.sql.Date.valueOf(day)).query(ApplyWork::item).list();
    }

    private void finish(Item item, String status, String outcome, String reason) {
        ConcurrentWriteRetry.inTransaction(transactions, 5, tx -> {
            // The transaction's row first: its targets finish at the same moment and each reads the other's work row.
            lockTransaction(item.transactionId());
            jdbc.sql("""
                    UPDATE apply_work SET status = :status, attempts = attempts + 1, outcome = :outcome,
                        last_error = COALESCE(:reason, last_error), finished_at = :now
                    WHERE id = :id AND status = 'PENDING'""")
                    .param("status", status).param("outcome", clip(outcome)).param("reason", clip(reason))
                    .param("now", SqlTime.of(clock.instant())).param("id", item.id())
                    .update();
            refreshTransaction(item.transactionId());
            return null;
        });
    }

    private void lockTransaction(long transactionId) {
        received.lock(transactionId);
    }

    /** The transaction's status follows its work rows: QUARANTINED if any is, APPLYING while any is pending, else APPLIED. */
    private void refreshTransaction(long transactionId) {
        List<String> statuses = jdbc.sql("SELECT DISTINCT status FROM apply_work WHERE transaction_id = :id").param("id", transactionId)
                .query(String.class).list();
        received.setApplyStatus(transactionId, statuses.contains("QUARANTINED") ? ApplyStatus.QUARANTINED
                : statuses.contains("PENDING") ? ApplyStatus.APPLYING : ApplyStatus.APPLIED);
    }

    /** {@link #refreshTransaction} for many: their work rows in one read, their statuses in one UPDATE per status. */
    private void refreshTransactions(List<Long> transactionIds) {
        java.util.Map<Long, java.util.Set<String>> statuses = new java.util.HashMap<>();
        jdbc.sql("SELECT transaction_id, status FROM apply_work WHERE transaction_id IN (:ids)").param("ids", transactionIds)
                .query((rs, n) -> statuses.computeIfAbsent(rs.getLong(1), id -> new java.util.HashSet<>()).add(rs.getString(2))).list();
        java.util.Map<ApplyStatus, List<Long>> byStatus = new java.util.EnumMap<>(ApplyStatus.class);
        statuses.forEach((id, of) -> byStatus.computeIfAbsent(of.contains("QUARANTINED") ? ApplyStatus.QUARANTINED
                : of.contains("PENDING") ? ApplyStatus.APPLYING : ApplyStatus.APPLIED, status -> new ArrayList<>()).add(id));
        byStatus.forEach((status, ids) -> received.setApplyStatus(ids, status));
    }

    /**
     * Plans an accepted correction: one row per target either version concerns, worked in the till's lane after the
     * transaction's own rows. Call in the decision's database transaction, with the transaction's row locked.
     *
     * @return the targets planned
     */
    List<String> planCorrection(StoredTransaction applied, StoredTransaction corrected, long conflictId) {
        Instant now = clock.instant();
        List<String> planned = new ArrayList<>();
        for (ApplyTarget target : targets) {
            if (target.concerns(applied) || target.concerns(corrected)) {
                jdbc.sql("""
                        INSERT INTO apply_work (transaction_id, target, store_id, workstation_id, business_day, sequence_number, status,
                            attempts, next_attempt_at, created_at, correction_id)
                        VALUES (:tx, :target, :store, :ws, :day, :seq, 'PENDING', 0, :now, :now, :conflict)""")
                        .param("tx", applied.id()).param("target", target.name()).param("store", applied.storeId())
                        .param("ws", applied.workstationId()).param("day", java.sql.Date.valueOf(applied.businessDay()))
                        .param("seq", applied.sequenceNumber()).param("now", SqlTime.of(now)).param("conflict", conflictId)
                        .update();
                planned.add(target.name());
            }
        }
        refreshTransaction(applied.id());
        return planned;
    }

    /** The rows of one transaction, its own and its corrections'. */
    List<Item> ofTransaction(long transactionId) {
        return jdbc.sql("SELECT * FROM apply_work WHERE transaction_id = :id ORDER BY id").param("id", transactionId)
                .query(ApplyWork::item).list();
    }

    /** Whether the transaction was received but not yet turned into work. */
    boolean awaitsPlanning(long transactionId) {
        return received.applyStatus(transactionId) == ApplyStatus.PENDING;
    }

    /** The two versions a correction row works on. */
    Correction correction(Item item) {
        Conflicts.Accepted accepted = conflicts.accepted(item.correctionId())
                .orElseThrow(() -> ApplyFailure.refused("correction " + item.correctionId() + " is not an accepted conflict"));
        return new Correction(read(item.transactionId(), accepted.storeId(), accepted.replacedContent()),
                read(item.transactionId(), accepted.storeId(), accepted.acceptedContent()), item.reference());
    }

    StoredTransaction read(long id, String storeId, String content) {
        PosTransaction tx = json.readValue(content, PosTransaction.class);
        String reference = Receipt.reference(storeId, tx.businessDay(), tx.workstationId(), tx.sequenceNumber());
        return new StoredTransaction(id, storeId, tx.workstationId(), tx.businessDay(), tx.sequenceNumber(), tx.type(), tx.businessTime(),
                Receipt.read(reference, tx.payload(), defaultCurrency));
    }

    private static String clip(String text) {
        return text == null || text.length() <= 1000 ? text : text.substring(0, 997) + "...";
    }

    private static Item item(ResultSet rs, int n) throws SQLException {
        java.sql.Timestamp finished = rs.getTimestamp("finished_at");
        return new Item(rs.getLong("id"), rs.getLong("transaction_id"), rs.getString("target"), rs.getString("store_id"),
                rs.getString("workstation_id"), rs.getDate("business_day").toLocalDate(), rs.getLong("sequence_number"),
                Status.valueOf(rs.getString("status")), rs.getInt("attempts"), rs.getTimestamp("next_attempt_at").toInstant(),
                rs.getString("last_error"), rs.getString("outcome"), rs.getTimestamp("created_at").toInstant(),
                finished == null ? null : finished.toInstant(), rs.getLong("correction_id"));
    }
}
