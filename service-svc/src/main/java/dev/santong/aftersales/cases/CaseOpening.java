package dev.santong.aftersales.cases;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.temporal.ChronoUnit;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.stereotype.Component;

import dev.santong.platform.kit.persistence.SqlTime;
import dev.santong.platform.kit.problem.InvalidRequestException;
import dev.santong.platform.kit.problem.ResourceNotFoundException;
import dev.santong.platform.kit.security.CallerIdentity;

/**
 * Opens cases from any channel and answers who may see them: a shopper their own cases, a store the cases opened
 * at it, HQ all of them. A retried open with the same {@code Idempotency-Key} returns the case it opened (the kit's
 * IdempotencyKeyFilter).
 */
@Component
class CaseOpening {

    private static final String COLUMNS = """
            id, type, status, opened_channel, opened_store, member_id, purchase_channel, purchase_store,
            purchase_reference, sku_code, quantity, reason, opened_at, first_response_due, opened_by, version, resume_to, due_at, paused_remaining_us""";

    private final JdbcClient jdbc;
    private final ServiceLevels levels;
    private final Clock clock;

    CaseOpening(JdbcClient jdbc, ServiceLevels levels, Clock clock) {
        this.jdbc = jdbc;
        this.levels = levels;
        this.clock = clock;
    }

    public CaseView open(OpenCaseRequest request, CallerIdentity caller) {
        authoriseOpening(request, caller);
        if (request.purchase().channel() == SalesChannel.STORE && request.purchase().storeId() == null) {
            throw new InvalidRequestException("purchase.storeId", "is required for a purchase made in a store");
        }
        List<OpenCaseRequest.Line> lines = request.goods();
        Instant now = clock.instant();
        String id = UUID.randomUUID().toString();
        jdbc.sql("""
                INSERT INTO aftersales_case (id, type, status, opened_channel, opened_store, opened_by, member_id,
                    purchase_channel, purchase_store, purchase_reference, sku_code, quantity, reason, opened_at,
                    first_response_due, due_at)
                VALUES (:id, :type, 'REQUESTED', :channel, :store, :by, :member, :purchaseChannel, :purchaseStore,
                    :reference, :sku, :quantity, :reason, :openedAt, :due, :due)""")
                .param("id", id).param("type", request.type().name()).param("channel", request.channel().name())
                .param("store", request.storeId()).param("by", caller.subject()).param("member", request.memberId())
                .param("purchaseChannel", request.purchase().channel().name()).param("purchaseStore", request.purchase().storeId())
                .param("reference", request.purchase().reference()).param("sku", lines.getFirst().skuCode())
                .param("quantity", lines.getFirst().quantity()).param("reason", request.reason())
                .param("openedAt", SqlTime.of(now))
                .param("due", SqlTime.of(levels.dueAfter(request.type(), CaseLifecycle.State.REQUESTED, now).orElseThrow()))
                .update();
        for (int i = 0; i < lines.size(); i++) {
            OpenCaseRequest.Line line = lines.get(i);
            jdbc.sql("""
                    INSERT INTO case_line (case_id, line_no, sku_code, quantity, reason_code, item_condition, serial_number)
                    VALUES (:id, :no, :sku, :quantity, :reason, :condition, :serial)""")
                    .param("id", id).param("no", i + 1).param("sku", line.skuCode()).param("quantity", line.quantity())
                    .param("reason", line.reasonCode().name()).param("condition", line.condition() == null ? null : line.condition().name())
                    .param("serial", line.serialNumber()).update();
        }
        jdbc.sql("""
                INSERT INTO case_event (case_id, version, action, from_state, to_state, actor, actor_roles, note, at)
                VALUES (:id, 0, 'OPEN', NULL, 'REQUESTED', :actor, :roles, NULL, :at)""")
                .param("id", id).param("actor", caller.subject())
                .param("roles", caller.roles().stream().sorted().collect(java.util.stream.Collectors.joining(",")))
                .param("at", SqlTime.of(now)).update();
        return withLines(read(id));
    }

    public CaseView readAs(String id, CallerIdentity caller) {
        return withLines(visibleRow(id, caller).view());
    }

    /** The case and who opened it, if the caller may see it. */
    Row visibleRow(String id, CallerIdentity caller) {
        return visible(jdbc.sql("SELECT " + COLUMNS + " FROM aftersales_case WHERE id = :id").param("id", id)
                .query(CaseOpening::row).optional(), id, caller);
    }

    /** The case locked for a change in the caller's transaction, if the caller may see it. */
    Row lockVisible(String id, CallerIdentity caller) {
        return visible(jdbc.sql("SELECT " + COLUMNS + " FROM aftersales_case WHERE id = :id FOR UPDATE").param("id", id)
                .query(CaseOpening::row).optional(), id, caller);
    }

    private static Row visible(java.util.Optional<Row> found, String id, CallerIdentity caller) {
        Row row = found.orElseThrow(() -> new ResourceNotFoundException("case", id));
        boolean visible = caller.isHq()
                || (row.view().openedStore() != null && caller.actsForStore(row.view().openedStore()))
                || (caller.hasRole("customer") && caller.subject().equals(row.openedBy()));
        if (!visible) {
            // Not "forbidden": whether someone else's case exists is not the caller's business.
            throw new ResourceNotFoundException("case", id);
        }
        return row;
    }

    CaseView read(String id) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM aftersales_case WHERE id = :id").param("id", id)
                .query(CaseOpening::row).single().view();
    }

    /** The case as its caller sees it, with its lines. */
    CaseView withLines(CaseView view) {
        List<OpenCaseRequest.Line> lines = jdbc.sql("""
                SELECT sku_code, quantity, reason_code, item_condition, serial_number FROM case_line WHERE case_id = :id ORDER BY line_no""")
                .param("id", view.id())
                .query((rs, n) -> new OpenCaseRequest.Line(rs.getString("sku_code"), rs.getInt("quantity"),
                        OpenCaseRequest.ReasonCode.valueOf(rs.getString("reason_code")),
                        rs.getString("item_condition") == null ? null : OpenCaseRequest.ItemCondition.valueOf(rs.getString("item_condition")),
                        rs.getString("serial_number")))
                .list();
        return view.withLines(lines);
    }

    private static void authoriseOpening(OpenCaseRequest request, CallerIdentity caller) {
        if (caller.hasRole("pos") || caller.hasRole("store-staff")) {
            if (request.channel() != SalesChannel.STORE || request.storeId() == null || !caller.actsForStore(request.storeId())) {
                throw new AccessDeniedException("a store opens cases with channel STORE at its own store");
            }
        } else if (caller.hasRole("customer")) {
            if (request.channel() != SalesChannel.ONLINE || request.storeId() != null) {
                throw new AccessDeniedException("a shopper opens cases online");
            }
        } else if (!caller.hasRole("hq-admin")) {
            throw new AccessDeniedException("no role that may open cases");
        }
    }

    /** @param pausedRemaining what was left of the step's time when the case began to wait for the customer */
    record Row(CaseView view, String openedBy, String resumeTo, Duration pausedRemaining) {

        /** Whether the caller acts on this case as the actor: its shopper, staff of its store, or an HQ admin. */
        boolean actsAs(CaseLifecycle.Actor actor, CallerIdentity caller) {
            return switch (actor) {
                case SHOPPER -> caller.hasRole("customer") && caller.subject().equals(openedBy);
                case STORE_STAFF -> caller.hasRole("store-staff") && view.openedStore() != null && caller.actsForStore(view.openedStore());
                case HQ_ADMIN -> caller.hasRole("hq-admin");
            };
        }
    }

    private static Row row(ResultSet rs, int n) throws SQLException {
        CaseView view = new CaseView(rs.getString("id"), CaseType.valueOf(rs.getString("type")), rs.getString("status"),
                SalesChannel.valueOf(rs.getString("opened_channel")), rs.getString("opened_store"), rs.getString("member_id"),
                new OpenCaseRequest.Purchase(SalesChannel.valueOf(rs.getString("purchase_channel")),
                        rs.getString("purchase_store"), rs.getString("purchase_reference")),
                rs.getString("sku_code"), rs.getInt("quantity"), rs.getString("reason"),
                rs.getTimestamp("opened_at").toInstant(), rs.getTimestamp("first_response_due").toInstant(), rs.getInt("version"),
                rs.getTimestamp("due_at") == null ? null : rs.getTimestamp("due_at").toInstant(), List.of());
        long paused = rs.getLong("paused_remaining_us");
        return new Row(view, rs.getString("opened_by"), rs.getString("resume_to"), rs.wasNull() ? null : Duration.of(paused, ChronoUnit.MICROS));
    }

}
