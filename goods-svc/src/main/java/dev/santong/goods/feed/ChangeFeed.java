package dev.santong.goods.feed;

import java.time.Clock;
import java.time.Instant;
import java.util.List;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import dev.santong.platform.kit.persistence.SqlTime;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Appends changes in the transaction that makes them, so a reader never sees a change the database rolled back,
 * and serves them in id order from a cursor. A till that was offline for days resumes from its last cursor.
 */
@Component
public class ChangeFeed {

    public enum Kind { CATALOGUE, LISTING, PRICE, STOCK }

    public record Change(long id, Kind kind, String sku, String location, JsonNode payload, Instant at) {
    }

    /** @param next the cursor to ask with next time (the last id returned, or the one asked with) */
@io.swagger.v3.oas.annotations.media.Schema(example = """
        {"changes": [{"id": 1201, "kind": "PRICE", "sku": "OX-BLU-M", "location": null, \
        "payload": {"id": 17, "sku": "OX-BLU-M", "channel": "ALL", "currency": "CNY", "tier": "*", "amount": 199.00, \
        "validFrom": "2026-01-01T00:00:00Z", "validUntil": null}, "at": "2026-11-20T01:00:00Z"}], "next": 1201}""")
    public record Page(List<Change> changes, long next) {
    }

    private final JdbcClient jdbc;
    /** For row batches: the kit turns on Connector/J's rewriting of a batch into one multi-row INSERT. */
    private final JdbcTemplate batches;
    private final JsonMapper json;
    private final Clock clock;

    ChangeFeed(JdbcClient jdbc, JdbcTemplate batches, JsonMapper json, Clock clock) {
        this.jdbc = jdbc;
        this.batches = batches;
        this.json = json;
        this.clock = clock;
    }

    public void append(Kind kind, String sku, String location, Object payload) {
        jdbc.sql("INSERT INTO change_event (kind, sku_code, location_code, payload, at) VALUES (:k, :s, :l, :p, :at)")
                .param("k", kind.name()).param("s", sku).param("l", location).param("p", json.writeValueAsString(payload))
                .param("at", SqlTime.of(clock.instant())).update();
    }

    /** Several changes of one SKU at one location, in their order, in one INSERT. */
    public void appendAll(Kind kind, String sku, String location, List<?> payloads) {
        if (payloads.isEmpty()) {
            return;
        }
        String at = SqlTime.of(clock.instant());
        batches.batchUpdate("INSERT INTO change_event (kind, sku_code, location_code, payload, at) VALUES (?, ?, ?, ?, ?)",
                payloads.stream().map(payload -> new Object[] { kind.name(), sku, location, json.writeValueAsString(payload), at }).toList());
    }

    /** Changes after the cursor; stock changes only of {@code location} when given (a till follows its own store). */
    public Page after(long cursor, int limit, String location) {
        String filter = location == null ? "" : " AND (location_code IS NULL OR location_code = :location)";
        var query = jdbc.sql("SELECT * FROM change_event WHERE id > :after" + filter + " ORDER BY id LIMIT :limit")
                .param("after", cursor).param("limit", limit);
        if (location != null) {
            query = query.param("location", location);
        }
        List<Change> changes = query.query((rs, n) -> new Change(rs.getLong("id"), Kind.valueOf(rs.getString("kind")),
                rs.getString("sku_code"), rs.getString("location_code"), json.readTree(rs.getString("payload")),
                rs.getTimestamp("at").toInstant())).list();
        return new Page(changes, changes.isEmpty() ? cursor : changes.getLast().id());
    }
}
