package dev.santong.channelsync.upload;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import dev.santong.channelsync.receipt.Receipt;
import dev.santong.platform.kit.persistence.SqlTime;
import dev.santong.platform.kit.web.Cursor;
import dev.santong.platform.kit.web.Page;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * Uploads that reused a transaction's natural key with other content: never applied on their own, kept with both
 * versions side by side for the store and HQ. The same conflicting version sent again is one conflict, counted. HQ
 * decides each once: rejected, the stored version stays; accepted, the conflict's version becomes the transaction's
 * and the replaced one is kept on the conflict (so either, resent, is recognised), and the difference is applied.
 */
@Component
public class Conflicts {

    /** One version of the transaction: what was applied first, or what came later under the same key. */
    public record Version(String batchId, Instant receivedAt, String type, Instant businessTime, JsonNode payload) {
    }

    public enum Status { OPEN, ACCEPTED, REJECTED }

    /**
     * @param stored      the version that was applied when the conflict arrived (for an accepted conflict: the one it replaced)
     * @param conflicting the version that reused the key (for an accepted conflict: the transaction's version now)
     */
    @io.swagger.v3.oas.annotations.media.Schema(example = """
            {"id": 12, "storeId": "9", "workstationId": "3", "businessDay": "2026-11-21", "sequenceNumber": 118, \
            "reference": "9-20261121-3-118", "stored": {"batchId": "e13bb9a8-4855-43bb-8b29-39b7c76ed78a", "receivedAt": "2026-11-21T16:35:00Z", \
            "type": "SALE", "businessTime": "2026-11-21T06:42:10Z", "payload": {"lines": [{"sku": "OX-BLU-M", "quantity": 1, "amount": "199.00"}]}}, \
            "conflicting": {"batchId": "af3fe823-f503-4709-b955-b4485e14f883", "receivedAt": "2026-11-24T09:02:14Z", "type": "SALE", \
            "businessTime": "2026-11-21T06:42:10Z", "payload": {"lines": [{"sku": "OX-BLU-M", "quantity": 2, "amount": "398.00"}]}}, \
            "timesSent": 1, "status": "OPEN", "decidedBy": null, "decidedAt": null, "decisionNote": null}""")
    public record Conflict(long id, String storeId, String workstationId, LocalDate businessDay, long sequenceNumber, String reference,
            Version stored, Version conflicting, int timesSent, Status status, String decidedBy, Instant decidedAt, String decisionNote) {
    }

    /** A conflict locked for HQ's decision, with its transaction locked first (the order the apply worker locks in). */
    public record ToDecide(long id, long transactionId, String storeId, String reference, Status status, String storedContent,
            String conflictingContent) {
    }

    /** An accepted conflict's two versions as stored (canonical JSON): what was replaced and what replaced it. */
    public record Accepted(long id, String storeId, String replacedContent, String acceptedContent) {
    }

    private final JdbcClient jdbc;
    private final JsonMapper json;

    Conflicts(JdbcClient jdbc, JsonMapper json) {
        this.jdbc = jdbc;
        this.json = json;
    }

    private static final String SELECT = """
            SELECT c.id, c.store_id, c.workstation_id, c.business_day, c.sequence_number, c.batch_id, c.received_at, c.content,
                   c.times_sent, c.status, c.decided_by, c.decided_at, c.decision_note,
                   t.id AS transaction_id, t.first_batch_id, t.received_at AS stored_at,
                   COALESCE(c.replaced_content, t.content) AS stored_content
            FROM pos_transaction_conflict c
            JOIN pos_transaction t ON t.store_id = c.store_id AND t.workstation_id = c.workstation_id
                AND t.business_day = c.business_day AND t.sequence_number = c.sequence_number
            """;

    /**
     * @param storeId null for every store (HQ)
     * @param status  null for every status
     */
    /** Newest first (by arrival, which the id follows), a page at a time; the cursor is the last conflict's id. */
    public Page<Conflict> list(String storeId, Status status, String cursor, int limit) {
        Long before = Cursor.parse(cursor, 1).map(position -> Cursor.number(position.key(0))).orElse(null);
        List<Conflict> fetched = jdbc.sql(SELECT + """
                WHERE (:store IS NULL OR c.store_id = :store) AND (:status IS NULL OR c.status = :status) AND (:before IS NULL OR c.id < :before)
                ORDER BY c.id DESC LIMIT :n""")
                .param("store", storeId).param("status", status == null ? null : status.name()).param("before", before).param("n", limit + 1)
                .query(this::conflict).list();
        return Page.of(fetched, limit, last -> Cursor.of(Long.toString(last.id())));
    }

    /** Open conflicts per store, for the metrics (stores with none are absent). */
    public java.util.Map<String, Long> openCountByStore() {
        java.util.Map<String, Long> counts = new java.util.TreeMap<>();
        jdbc.sql("SELECT store_id, COUNT(*) FROM pos_transaction_conflict WHERE status = 'OPEN' GROUP BY store_id")
                .query((rs, n) -> counts.put(rs.getString(1), rs.getLong(2))).list();
        return counts;
    }

    public long openCount(String storeId) {
        return jdbc.sql("SELECT COUNT(*) FROM pos_transaction_conflict WHERE store_id = :s AND status = 'OPEN'").param("s", storeId)
                .query(Long.class).single();
    }

    public Optional<Conflict> find(long id) {
        return jdbc.sql(SELECT + " WHERE c.id = :id").param("id", id).query(this::conflict).optional();
    }

    /** Locks the conflict's transaction, then the conflict, for a decision; call inside a database transaction. */
    public Optional<ToDecide> lockForDecision(long id) {
        Optional<Long> transactionId = jdbc.sql("""
                SELECT t.id FROM pos_transaction_conflict c
                JOIN pos_transaction t ON t.store_id = c.store_id AND t.workstation_id = c.workstation_id
                    AND t.business_day = c.business_day AND t.sequence_number = c.sequence_number
                WHERE c.id = :id""").param("id", id).query(Long.class).optional();
        if (transactionId.isEmpty()) {
            return Optional.empty();
        }
        String current = jdbc.sql("SELECT content FROM pos_transaction WHERE id = :id FOR UPDATE").param("id", transactionId.get())
                .query(String.class).single();
        return jdbc.sql("SELECT * FROM pos_transaction_conflict WHERE id = :id FOR UPDATE").param("id", id)
                .query((rs, n) -> {
                    LocalDate day = rs.getDate("business_day").toLocalDate();
                    return new ToDecide(id, transactionId.get(), rs.getString("store_id"),
                            Receipt.reference(rs.getString("store_id"), day, rs.getString("workstation_id"), rs.getLong("sequence_number")),
                            Status.valueOf(rs.getString("status")), current, rs.getString("content"));
                }).optional();
    }

    /** The conflict's version becomes the transaction's; the replaced one stays on the conflict. */
    public void accept(ToDecide conflict, String actor, String note, Instant now) {
        UploadBatchRequest.PosTransaction accepted = json.readValue(conflict.conflictingContent(), UploadBatchRequest.PosTransaction.class);
        jdbc.sql("""
                UPDATE pos_transaction_conflict c JOIN pos_transaction t ON t.id = :tx
                SET c.replaced_hash = t.content_hash, c.replaced_content = t.content, c.status = 'ACCEPTED', c.decided_by = :by,
                    c.decided_at = :at, c.decision_note = :note
                WHERE c.id = :id AND c.status = 'OPEN'""")
                .param("tx", conflict.transactionId()).param("by", actor).param("at", SqlTime.of(now)).param("note", note)
                .param("id", conflict.id()).update();
        jdbc.sql("""
                UPDATE pos_transaction t JOIN pos_transaction_conflict c ON c.id = :id
                SET t.content = c.content, t.content_hash = c.content_hash, t.type = :type, t.business_time = :time
                WHERE t.id = :tx""")
                .param("id", conflict.id()).param("type", accepted.type().name()).param("time", SqlTime.of(accepted.businessTime()))
                .param("tx", conflict.transactionId()).update();
    }

    public void reject(ToDecide conflict, String actor, String note, Instant now) {
        jdbc.sql("""
                UPDATE pos_transaction_conflict SET status = 'REJECTED', decided_by = :by, decided_at = :at, decision_note = :note
                WHERE id = :id AND status = 'OPEN'""")
                .param("by", actor).param("at", SqlTime.of(now)).param("note", note).param("id", conflict.id()).update();
    }

    /** An accepted conflict's versions, for applying its difference. */
    public Optional<Accepted> accepted(long id) {
        return jdbc.sql("""
                SELECT id, store_id, replaced_content, content FROM pos_transaction_conflict WHERE id = :id AND status = 'ACCEPTED'""")
                .param("id", id)
                .query((rs, n) -> new Accepted(rs.getLong("id"), rs.getString("store_id"), rs.getString("replaced_content"),
                        rs.getString("content")))
                .optional();
    }

    private Conflict conflict(ResultSet rs, int n) throws SQLException {
        LocalDate day = rs.getDate("business_day").toLocalDate();
        String store = rs.getString("store_id");
        String till = rs.getString("workstation_id");
        long sequence = rs.getLong("sequence_number");
        java.sql.Timestamp decidedAt = rs.getTimestamp("decided_at");
        return new Conflict(rs.getLong("id"), store, till, day, sequence, Receipt.reference(store, day, till, sequence),
                version(rs.getString("first_batch_id"), rs.getTimestamp("stored_at").toInstant(), rs.getString("stored_content")),
                version(rs.getString("batch_id"), rs.getTimestamp("received_at").toInstant(), rs.getString("content")), rs.getInt("times_sent"),
                Status.valueOf(rs.getString("status")), rs.getString("decided_by"), decidedAt == null ? null : decidedAt.toInstant(),
                rs.getString("decision_note"));
    }

    private Version version(String batchId, Instant receivedAt, String content) {
        JsonNode transaction = json.readTree(content);
        JsonNode payload = transaction.path("payload").deepCopy();
        // The same personal values an erasure looks for (member identities, POSLog loyalty ids, enrolment details).
        masked(payload, Receipt.identities(payload));
        return new Version(batchId, receivedAt, transaction.path("type").asString(null),
                transaction.hasNonNull("businessTime") ? Instant.parse(transaction.get("businessTime").asString()) : null, payload);
    }

    private static void masked(JsonNode node, Set<String> personal) {
        if (node instanceof ObjectNode object) {
            for (Map.Entry<String, JsonNode> field : object.properties()) {
                if (field.getValue().isString() && personal.contains(field.getValue().asString())) {
                    object.put(field.getKey(), Receipt.lastFour(field.getValue().asString()));
                } else {
                    masked(field.getValue(), personal);
                }
            }
        } else if (node.isArray()) {
            node.forEach(element -> masked(element, personal));
        }
    }
}
