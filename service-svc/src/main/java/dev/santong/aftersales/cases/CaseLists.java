package dev.santong.aftersales.cases;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.stereotype.Component;

import dev.santong.aftersales.cases.CaseLifecycle.State;
import dev.santong.platform.kit.persistence.SqlTime;
import dev.santong.platform.kit.security.CallerIdentity;
import dev.santong.platform.kit.web.Cursor;
import dev.santong.platform.kit.web.Page;

import io.swagger.v3.oas.annotations.media.Schema;

/**
 * Cases as lists, newest first, a page at a time: a shopper's own, a store's, or (for HQ) any store's, filtered by
 * state, type and the time they were opened. The cursor is the last case of the page; a case opened meanwhile never
 * shifts a page already read.
 */
@Component
class CaseLists {

    record Filter(State status, CaseType type, String storeId, String memberId, Instant openedFrom, Instant openedBefore) {
    }

    @Schema(example = """
            {"id": "0b7e2c4a-91d3-4f6e-8a2b-5c9d1e3f7a60", "type": "RETURN", "status": "APPROVED", "openedStore": "9", \
                "memberId": "01a20bc5-f360-7b8a-b1b7-947ef07e36c8", "purchaseReference": "SO-2026-118842", "openedAt": "2026-11-21T06:40:00Z", \
                "dueAt": "2026-12-05T06:40:00Z"}""")
    record Summary(String id, CaseType type, String status, String openedStore, String memberId, String purchaseReference, Instant openedAt,
            Instant dueAt) {
    }

    private final JdbcClient jdbc;

    CaseLists(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    Page<Summary> list(Filter filter, String cursor, int limit, CallerIdentity caller) {
        StringBuilder where = new StringBuilder("WHERE 1 = 1");
        Map<String, Object> params = new HashMap<>();
        if (caller.isHq()) {
            if (filter.storeId() != null) {
                where.append(" AND opened_store = :store");
                params.put("store", filter.storeId());
            }
        } else if (caller.hasRole("store-staff") || caller.hasRole("pos")) {
            String store = filter.storeId() != null ? filter.storeId() : caller.storeId().orElse(null);
            if (store == null || !caller.actsForStore(store)) {
                throw new AccessDeniedException("a store lists its own cases");
            }
            where.append(" AND opened_store = :store");
            params.put("store", store);
        } else if (caller.hasRole("customer")) {
            where.append(" AND opened_by = :me");
            params.put("me", caller.subject());
        } else {
            throw new AccessDeniedException("no role that lists cases");
        }
        if (filter.status() != null) {
            where.append(" AND status = :status");
            params.put("status", filter.status().name());
        }
        if (filter.memberId() != null) {
            where.append(" AND member_id = :member");
            params.put("member", filter.memberId());
        }
        if (filter.type() != null) {
            where.append(" AND type = :type");
            params.put("type", filter.type().name());
        }
        if (filter.openedFrom() != null) {
            where.append(" AND opened_at >= :from");
            params.put("from", SqlTime.of(filter.openedFrom()));
        }
        if (filter.openedBefore() != null) {
            where.append(" AND opened_at < :before");
            params.put("before", SqlTime.of(filter.openedBefore()));
        }
        Cursor.After after = Cursor.after(cursor);
        if (after.at() != null) {
            where.append(" AND (opened_at < :cursorAt OR (opened_at = :cursorAt AND id < :cursorId))");
            params.put("cursorAt", after.at());
            params.put("cursorId", after.key());
        }
        params.put("n", limit + 1);
        List<Summary> found = new ArrayList<>(jdbc.sql("""
                SELECT id, type, status, opened_store, member_id, purchase_reference, opened_at, due_at FROM aftersales_case
                """ + where + " ORDER BY opened_at DESC, id DESC LIMIT :n")
                .params(params)
                .query((rs, n) -> new Summary(rs.getString("id"), CaseType.valueOf(rs.getString("type")), rs.getString("status"),
                        rs.getString("opened_store"), rs.getString("member_id"), rs.getString("purchase_reference"),
                        rs.getTimestamp("opened_at").toInstant(), rs.getTimestamp("due_at") == null ? null : rs.getTimestamp("due_at").toInstant()))
                .list());
        return Page.of(found, limit, last -> Cursor.at(last.openedAt(), last.id()));
    }
}
