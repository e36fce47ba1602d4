package dev.santong.channelsync.upload;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import dev.santong.channelsync.receipt.Receipt;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * Uploads that reused a transaction's natural key with other content: never applied, kept with both versions side by
 * side for the store and HQ. The same conflicting version sent again is one conflict, counted.
 */
@Component
public class Conflicts {

    /** One version of the transaction: what was applied first, or what came later under the same key. */
    public record Version(String batchId, Instant receivedAt, String type, Instant businessTime, JsonNode payload) {
    }

    public record Conflict(long id, String storeId, String workstationId, LocalDate businessDay, long sequenceNumber, String reference,
            Version stored, Version conflicting, int timesSent) {
    }

    /** Identities a payload may carry: shown by their last four characters only. */
    private static final Set<String> IDENTITY_FIELDS = Set.of("phone", "card", "memberCode", "email", "loyaltyId", "membershipId",
            "householdId");

    private final JdbcClient jdbc;
    private final JsonMapper json;

    Conflicts(JdbcClient jdbc, JsonMapper json) {
        this.jdbc = jdbc;
        this.json = json;
    }

    /** @param storeId null for every store (HQ) */
    public List<Conflict> open(String storeId, int limit) {
        return jdbc.sql("""
                SELECT c.id, c.store_id, c.workstation_id, c.business_day, c.sequence_number, c.batch_id, c.received_at, c.content,
                       c.times_sent, t.first_batch_id, t.received_at AS stored_at, t.content AS stored_content
                FROM pos_transaction_conflict c
                JOIN pos_transaction t ON t.store_id = c.store_id AND t.workstation_id = c.workstation_id
                    AND t.business_day = c.business_day AND t.sequence_number = c.sequence_number
                WHERE (:store IS NULL OR c.store_id = :store)
                ORDER BY c.received_at DESC, c.id DESC LIMIT :n""")
                .param("store", storeId).param("n", limit).query(this::conflict).list();
    }

    private Conflict conflict(ResultSet rs, int n) throws SQLException {
        LocalDate day = rs.getDate("business_day").toLocalDate();
        String store = rs.getString("store_id");
        String till = rs.getString("workstation_id");
        long sequence = rs.getLong("sequence_number");
        return new Conflict(rs.getLong("id"), store, till, day, sequence, Receipt.reference(store, day, till, sequence),
                version(rs.getString("first_batch_id"), rs.getTimestamp("stored_at").toInstant(), rs.getString("stored_content")),
                version(rs.getString("batch_id"), rs.getTimestamp("received_at").toInstant(), rs.getString("content")), rs.getInt("times_sent"));
    }

    private Version version(String batchId, Instant receivedAt, String content) {
        JsonNode transaction = json.readTree(content);
        JsonNode payload = transaction.path("payload").deepCopy();
        masked(payload);
        return new Version(batchId, receivedAt, transaction.path("type").asString(null),
                transaction.hasNonNull("businessTime") ? Instant.parse(transaction.get("businessTime").asString()) : null, payload);
    }

    private static void masked(JsonNode node) {
        if (node instanceof ObjectNode object) {
            for (Map.Entry<String, JsonNode> field : object.properties()) {
                if (IDENTITY_FIELDS.contains(field.getKey()) && field.getValue().isValueNode()) {
                    object.put(field.getKey(), Receipt.lastFour(field.getValue().asString()));
                } else {
                    masked(field.getValue());
                }
            }
        } else if (node.isArray()) {
            node.forEach(Conflicts::masked);
        }
    }
}
