package dev.santong.aftersales.cases;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.stereotype.Component;

import dev.santong.platform.kit.persistence.SqlTime;
import dev.santong.platform.kit.problem.InvalidRequestException;
import dev.santong.platform.kit.security.CallerIdentity;
import dev.santong.platform.kit.web.Cursor;
import dev.santong.platform.kit.web.Page;

import io.swagger.v3.oas.annotations.media.Schema;

/** What a service desk works through and what HQ watches: a store's open cases by due time, and the late steps. */
@Component
class CaseQueues {

    /** @param dueSoon due within the warning window; {@code overdue} past due */
    @Schema(example = """
            {"id": "0b7e2c4a-91d3-4f6e-8a2b-5c9d1e3f7a60", "type": "RETURN", "status": "APPROVED", "storeId": "9", \
                "openedAt": "2026-11-21T06:40:00Z", "dueAt": "2026-12-05T06:40:00Z", "dueSoon": true, "overdue": false}""")
    record Queued(String id, CaseType type, String status, String storeId, Instant openedAt, Instant dueAt, boolean dueSoon, boolean overdue) {
    }

    /** @param stillPending the late step has not been taken yet */
    @Schema(example = """
            {"id": 311, "caseId": "0b7e2c4a-91d3-4f6e-8a2b-5c9d1e3f7a60", "type": "RETURN", "state": "REQUESTED", "storeId": "9", \
                "dueAt": "2026-11-22T06:40:00Z", "detectedAt": "2026-11-22T06:41:00Z", "stillPending": true}""")
    record Breach(long id, String caseId, CaseType type, String state, String storeId, Instant dueAt, Instant detectedAt, boolean stillPending) {
    }

    /** How often a SKU came back for one reason in a period: in how many cases, how many units. */
    /** @param skuCode the SKU (grouped by SKU), or {@code category} the goods' category (grouped by category; none for goods without one) */
    @Schema(example = """
            {"skuCode": "OX-BLU-M", "category": null, "reasonCode": "TOO_SMALL", "cases": 14, "units": 15}""")
    record ReasonCount(String skuCode, String category, OpenCaseRequest.ReasonCode reasonCode, long cases, long units) {
    }

    /** How the reasons are counted: per SKU, or per category of the goods. */
    enum ReasonGrouping { SKU, CATEGORY }

    /** What came back of one channel's purchases made in a period: cases that take goods back, not rejected or cancelled. */
    record Returned(SalesChannel channel, long cases, long units, java.math.BigDecimal amount) {
    }

    private final JdbcClient jdbc;
    private final Clock clock;
    private final Duration dueSoon;

    CaseQueues(JdbcClient jdbc, Clock clock, @Value("${santong.aftersales.due-soon:PT2H}") Duration dueSoon) {
        this.jdbc = jdbc;
        this.clock = clock;
        this.dueSoon = dueSoon;
    }

    /** The store's cases not yet final, the soonest due first (those waiting for the customer last). */
    List<Queued> storeQueue(String storeId, CallerIdentity caller, int limit) {
        requireStoreOrHq(storeId, caller);
        Instant now = clock.instant();
        return jdbc.sql("""
                SELECT id, type, status, opened_store, opened_at, due_at FROM aftersales_case
                WHERE opened_store = :store AND status NOT IN ('CLOSED', 'CANCELLED')
                ORDER BY due_at IS NULL, due_at, opened_at, id LIMIT :n""")
                .param("store", storeId).param("n", limit)
                .query((rs, n) -> {
                    Instant due = rs.getTimestamp("due_at") == null ? null : rs.getTimestamp("due_at").toInstant();
                    return new Queued(rs.getString("id"), CaseType.valueOf(rs.getString("type")), rs.getString("status"), rs.getString("opened_store"),
                            rs.getTimestamp("opened_at").toInstant(), due, due != null && !due.isBefore(now) && due.isBefore(now.plus(dueSoon)),
                            due != null && due.isBefore(now));
                })
                .list();
    }

    /** Late steps, newest first: every store's for HQ, a store's own for its staff. */
    Page<Breach> breaches(String storeId, CallerIdentity caller, String cursor, int limit) {
        if (!caller.isHq()) {
            requireStoreOrHq(storeId, caller);
        }
        Cursor.After after = Cursor.after(cursor);
        List<Breach> fetched = jdbc.sql("""
                SELECT b.id, b.case_id, c.type, b.state, b.store_id, b.due_at, b.detected_at, (c.version = b.version) AS pending
                FROM sla_breach b JOIN aftersales_case c ON c.id = b.case_id
                WHERE (:store IS NULL OR b.store_id = :store)
                AND (:afterAt IS NULL OR b.detected_at < :afterAt OR (b.detected_at = :afterAt AND b.id < :afterId))
                ORDER BY b.detected_at DESC, b.id DESC LIMIT :n""")
                .param("store", storeId).param("n", limit + 1)
                .param("afterAt", after.at()).param("afterId", after.keyAsNumber())
                .query((rs, n) -> new Breach(rs.getLong("id"), rs.getString("case_id"), CaseType.valueOf(rs.getString("type")), rs.getString("state"),
                        rs.getString("store_id"), rs.getTimestamp("due_at").toInstant(), rs.getTimestamp("detected_at").toInstant(),
                        rs.getBoolean("pending")))
                .list();
        return Page.of(fetched, limit, last -> Cursor.at(last.detectedAt(), last.id()));
    }

    /** Reasons goods come back for, per SKU, in cases of the type opened in [from, to), the most units first (HQ). */
    List<ReasonCount> reasons(CaseType type, Instant from, Instant to, ReasonGrouping grouping, int limit) {
        if (!to.isAfter(from)) {
            throw new InvalidRequestException("to", "must be after from");
        }
        // The grouping column is one of two fixed names, never the caller's text.
        String column = grouping == ReasonGrouping.CATEGORY ? "l.category" : "l.sku_code";
        return jdbc.sql("""
                SELECT %1$s AS grouped, l.reason_code, COUNT(DISTINCT l.case_id) AS cases, SUM(l.quantity) AS units
                FROM case_line l JOIN aftersales_case c ON c.id = l.case_id
                WHERE c.opened_at >= :from AND c.opened_at < :to AND (:type IS NULL OR c.type = :type) AND c.status <> 'CANCELLED'
                GROUP BY %1$s, l.reason_code ORDER BY units DESC, grouped, l.reason_code LIMIT :n""".formatted(column))
                .param("from", SqlTime.of(from)).param("to", SqlTime.of(to))
                .param("type", type == null ? null : type.name()).param("n", limit)
                .query((rs, n) -> new ReasonCount(grouping == ReasonGrouping.SKU ? rs.getString("grouped") : null,
                        grouping == ReasonGrouping.CATEGORY ? rs.getString("grouped") : null,
                        OpenCaseRequest.ReasonCode.valueOf(rs.getString("reason_code")), rs.getLong("cases"), rs.getLong("units")))
                .list();
    }

    /** Per channel the goods were bought in: what of the purchases made in [from, to) came back, in one currency. */
    List<Returned> returned(Instant from, Instant to, String currency) {
        return jdbc.sql("""
                SELECT c.purchase_channel, COUNT(DISTINCT c.id) AS cases, COALESCE(SUM(l.quantity), 0) AS units,
                    COALESCE(SUM(l.paid_amount), 0) AS amount
                FROM aftersales_case c JOIN case_line l ON l.case_id = c.id
                WHERE c.claims_goods AND c.purchased_at >= :from AND c.purchased_at < :to AND c.currency = :currency
                GROUP BY c.purchase_channel ORDER BY c.purchase_channel""")
                .param("from", SqlTime.of(from)).param("to", SqlTime.of(to)).param("currency", currency)
                .query((rs, n) -> new Returned(SalesChannel.valueOf(rs.getString("purchase_channel")), rs.getLong("cases"), rs.getLong("units"),
                        rs.getBigDecimal("amount")))
                .list();
    }

    private static void requireStoreOrHq(String storeId, CallerIdentity caller) {
        if (caller.isHq()) {
            return;
        }
        if (storeId == null || !caller.hasRole("store-staff") || !caller.actsForStore(storeId)) {
            throw new AccessDeniedException("a store sees its own queue only");
        }
    }
}
