package dev.santong.aftersales.cases;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.stream.Collectors;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

import dev.santong.aftersales.cases.CaseLifecycle.Action;
import dev.santong.aftersales.cases.CaseLifecycle.State;
import dev.santong.platform.kit.persistence.SqlTime;
import dev.santong.platform.kit.problem.ConflictException;
import dev.santong.platform.kit.problem.PreconditionException;
import dev.santong.platform.kit.security.CallerIdentity;

import io.swagger.v3.oas.annotations.media.Schema;

/**
 * Moves a case one step along its type's state machine ({@link CaseLifecycle}) for a caller allowed to take that
 * step, on the version the caller read: the case row is locked, a stale version is a 412, a step the state does not
 * allow is a 409 naming the state and the steps it allows, and every step is recorded with who took it and when.
 */
@Component
class CaseTransitions {

    /** One recorded step of a case. */
    @Schema(example = """
            {"version": 2, "action": "APPROVE", "from": "REQUESTED", "to": "APPROVED", "actor": "staff-9", "actorRoles": "store-staff", \
                "note": "Unworn, tags on: return accepted.", "at": "2026-11-21T06:52:00Z"}""")
    record Event(int version, String action, String from, String to, String actor, String actorRoles, String note, Instant at) {
    }

    /**
     * What a step brings besides its action: where goods are received (RECEIVE_ITEM; the case's store, or for a case
     * opened online the returns location, when not given), what inspection decided per line (INSPECT; lines not named
     * stay awaiting inspection), and the refund when the purchase's lines were not recorded (REFUND).
     */
    record Details(String locationId, List<LineDisposition> dispositions, java.math.BigDecimal refundAmount, List<LineReplacement> replacements) {

        static final Details NONE = new Details(null, List.of(), null, List.of());
    }

    /** EXCHANGE: the SKU a case line is exchanged for (the same SKU when not named). */
    record LineReplacement(int line, String skuCode) {
    }

    /** A line's replacement with what it costs now in the case's channel. */
    private record Priced(int line, String sku, java.math.BigDecimal amount) {
    }

    /** @param line the case line's number, from 1 */
    record LineDisposition(int line, CaseEffects.Disposition disposition) {
    }

    private final JdbcClient jdbc;
    private final TransactionTemplate transactions;
    private final CaseOpening cases;
    private final ServiceLevels levels;
    private final CaseEffects effects;
    private final RefundInstructions refunds;
    private final String onlineReturnsLocation;
    private final dev.santong.aftersales.goods.Replacements replacements;
    private final Clock clock;

    CaseTransitions(JdbcClient jdbc, TransactionTemplate transactions, CaseOpening cases, ServiceLevels levels, CaseEffects effects,
            RefundInstructions refunds, AftersalesProperties properties, dev.santong.aftersales.goods.Replacements replacements, Clock clock) {
        this.replacements = replacements;
        this.effects = effects;
        this.refunds = refunds;
        this.onlineReturnsLocation = properties.onlineReturnsLocation();
        this.levels = levels;
        this.jdbc = jdbc;
        this.transactions = transactions;
        this.cases = cases;
        this.clock = clock;
    }

    CaseView take(String caseId, Action action, String note, Integer expectedVersion, CallerIdentity caller) {
        return take(caseId, action, note, Details.NONE, expectedVersion, caller);
    }

    CaseView take(String caseId, Action action, String note, Details details, Integer expectedVersion, CallerIdentity caller) {
        // Prices come from goods-svc before the case is locked: no lock is held while another service answers.
        List<Priced> pricedNow = List.of();
        if (action == Action.EXCHANGE || action == Action.REPLACE) {
            CaseOpening.Row seen = cases.visibleRow(caseId, caller);
            // Only a case that may take the step now is priced: a refusal by state needs no answer from goods-svc.
            if (CaseLifecycle.step(seen.view().type(), State.valueOf(seen.view().status()),
                    seen.resumeTo() == null ? null : State.valueOf(seen.resumeTo()), action).isPresent()) {
                pricedNow = price(seen.view(), details);
            }
        }
        List<Priced> priced = pricedNow;
        return transactions.execute(status -> {
            CaseOpening.Row row = cases.lockVisible(caseId, caller);
            CaseView current = row.view();
            if (expectedVersion == null) {
                throw PreconditionException.required("If-Match");
            }
            if (current.version() != expectedVersion) {
                throw PreconditionException.stale(CaseController.etag(current.version()));
            }
            State from = State.valueOf(current.status());
            State resumeTo = row.resumeTo() == null ? null : State.valueOf(row.resumeTo());
            CaseLifecycle.Step step = CaseLifecycle.step(current.type(), from, resumeTo, action)
                    .orElseThrow(() -> new ConflictException("case-state-forbids-step", "A " + current.type().name().toLowerCase()
                            + " case in state " + from + " cannot " + action + "; allowed now: "
                            + CaseLifecycle.allowed(current.type(), from, resumeTo)));
            if (step.actors().stream().noneMatch(actor -> row.actsAs(actor, caller))) {
                throw new AccessDeniedException(action + " is not a step this caller may take");
            }
            if (action == Action.CLOSE) {
                List<CaseEffects.Kind> pending = effects.pending(caseId);
                if (!pending.isEmpty()) {
                    throw new ConflictException("effects-pending", "The case cannot close while its effects in other services are pending: " + pending
                            + "; they are tried again until those services confirm them");
                }
            }
            Instant now = clock.instant();
            int version = current.version() + 1;
            // Waiting for the customer remembers where the case waited and stops its clock; the answer restarts it with
            // what was left; any other step starts the new state's clock.
            String nextResume = action == Action.ASK_CUSTOMER ? from.name() : null;
            Instant due;
            Long pausedMicros = null;
            if (step.to() == State.WAITING_FOR_CUSTOMER) {
                due = null;
                pausedMicros = current.dueAt() == null ? null : Math.max(0, Duration.between(now, current.dueAt()).toNanos() / 1_000);
            } else if (action == Action.CUSTOMER_ANSWERED && row.pausedRemaining() != null) {
                due = now.truncatedTo(java.time.temporal.ChronoUnit.MICROS).plus(row.pausedRemaining());
            } else {
                due = levels.dueAfter(current.type(), step.to(), now).orElse(null);
            }
            int updated = jdbc.sql("""
                    UPDATE aftersales_case SET status = :to, version = :version, resume_to = :resume, updated_at = :at, due_at = :due,
                        paused_remaining_us = :paused, claims_goods = claims_goods AND :keepsGoods
                    WHERE id = :id AND version = :expected""")
                    // A rejected or cancelled case gives its goods back to the purchase: another case may take them back.
                    .param("keepsGoods", step.to() != State.REJECTED && step.to() != State.CANCELLED)
                    .param("to", step.to().name()).param("version", version).param("resume", nextResume).param("at", SqlTime.of(now))
                    .param("due", due == null ? null : SqlTime.of(due)).param("paused", pausedMicros)
                    .param("id", caseId).param("expected", expectedVersion).update();
            if (updated != 1) {
                throw PreconditionException.stale(CaseController.etag(current.version()));
            }
            jdbc.sql("""
                    INSERT INTO case_event (case_id, version, action, from_state, to_state, actor, actor_roles, note, at)
                    VALUES (:id, :version, :action, :from, :to, :actor, :roles, :note, :at)""")
                    .param("id", caseId).param("version", version).param("action", action.name()).param("from", from.name())
                    .param("to", step.to().name()).param("actor", caller.subject())
                    .param("roles", caller.roles().stream().sorted().collect(Collectors.joining(","))).param("note", note)
                    .param("at", SqlTime.of(now)).update();
            planEffects(current, action, details, priced, caller, now);
            return cases.withLines(cases.read(caseId));
        });
    }

    /** What the step changes in other services, planned in its transaction (CaseEffects delivers after commit). */
    private void planEffects(CaseView current, Action action, Details details, List<Priced> priced, CallerIdentity caller, Instant now) {
        boolean goods = current.type().takesGoodsBack();
        switch (action) {
            case RECEIVE_ITEM -> {
                if (!goods) {
                    return; // a repair's item is the shopper's: it is not stock
                }
                String location = details.locationId() != null ? details.locationId()
                        : current.openedStore() != null ? current.openedStore() : onlineReturnsLocation;
                if (!caller.hasRole("hq-admin") && !caller.actsForStore(location)) {
                    throw new AccessDeniedException("a store receives goods at its own store only");
                }
                jdbc.sql("UPDATE aftersales_case SET receiving_location = :location WHERE id = :id").param("location", location)
                        .param("id", current.id()).update();
                effects.plan(current.id(), CaseEffects.Kind.STOCK_RECEIVED, now);
            }
            case INSPECT -> {
                if (!goods) {
                    return;
                }
                int lineCount = jdbc.sql("SELECT COUNT(*) FROM case_line WHERE case_id = :id").param("id", current.id()).query(Integer.class).single();
                java.util.Set<Integer> named = new java.util.HashSet<>();
                for (int i = 0; i < details.dispositions().size(); i++) {
                    LineDisposition decided = details.dispositions().get(i);
                    if (decided.line() < 1 || decided.line() > lineCount || !named.add(decided.line())) {
                        throw new dev.santong.platform.kit.problem.InvalidRequestException("dispositions[" + i + "].line",
                                "must name one of the case's " + lineCount + " lines, once");
                    }
                    jdbc.sql("UPDATE case_line SET disposition = :disposition WHERE case_id = :id AND line_no = :line")
                            .param("disposition", decided.disposition().name()).param("id", current.id()).param("line", decided.line()).update();
                }
                jdbc.sql("UPDATE case_line SET disposition = 'PROCESSING_REQUIRED' WHERE case_id = :id AND disposition IS NULL")
                        .param("id", current.id()).update();
                if (details.dispositions().stream().anyMatch(d -> d.disposition() != CaseEffects.Disposition.PROCESSING_REQUIRED)) {
                    effects.plan(current.id(), CaseEffects.Kind.STOCK_INSPECTED, now);
                }
            }
            case EXCHANGE, REPLACE -> {
                for (Priced line : priced) {
                    jdbc.sql("UPDATE case_line SET replacement_sku = :sku, replacement_amount = :amount WHERE case_id = :id AND line_no = :line")
                            .param("sku", line.sku()).param("amount", line.amount()).param("id", current.id()).param("line", line.line()).update();
                }
                effects.plan(current.id(), CaseEffects.Kind.REPLACEMENT_HELD, now);
                if (action == Action.EXCHANGE) {
                    // The shopper pays the difference (or gets it back); the points follow both purchases.
                    jdbc.sql("""
                            UPDATE aftersales_case SET price_difference =
                                (SELECT SUM(replacement_amount) - SUM(paid_amount) FROM case_line WHERE case_id = :id) WHERE id = :id""")
                            .param("id", current.id()).update();
                    // Points follow what was paid: a purchase whose lines were never recorded leaves them to HQ.
                    boolean paidKnown = jdbc.sql("SELECT COUNT(*) FROM case_line WHERE case_id = :id AND paid_amount IS NULL")
                            .param("id", current.id()).query(Integer.class).single() == 0;
                    if (current.memberId() != null && paidKnown) {
                        effects.plan(current.id(), CaseEffects.Kind.POINTS_REVERSED, now);
                        effects.plan(current.id(), CaseEffects.Kind.POINTS_EARNED, now);
                    }
                }
            }
            case REPAIR -> {
                if (current.memberId() != null && current.terms() != null
                        && current.terms().entitlement() == Eligibility.Entitlement.FREE_SERVICE_BENEFIT) {
                    effects.plan(current.id(), CaseEffects.Kind.BENEFIT_USED, now);
                }
            }
            case REFUND -> {
                refunds.record(current, details.refundAmount(), now);
                if (current.memberId() != null) {
                    effects.plan(current.id(), CaseEffects.Kind.POINTS_REVERSED, now);
                }
            }
            default -> {
            }
        }
    }

    /**
     * The replacement of each line and its price now in the case's channel: an exchange names another SKU per line (or
     * keeps the same), a claim's replacement is the same SKU. A SKU without a price there cannot be exchanged for.
     */
    private List<Priced> price(CaseView current, Details details) {
        if (!current.type().takesGoodsBack()) {
            return List.of();
        }
        List<CaseView.Item> lines = cases.withLines(current).lines();
        java.util.Map<Integer, String> named = new java.util.HashMap<>();
        for (int i = 0; i < details.replacements().size(); i++) {
            LineReplacement replacement = details.replacements().get(i);
            if (replacement.line() < 1 || replacement.line() > lines.size() || named.put(replacement.line(), replacement.skuCode()) != null) {
                throw new dev.santong.platform.kit.problem.InvalidRequestException("replacements[" + i + "].line",
                        "must name one of the case's " + lines.size() + " lines, once");
            }
        }
        String channel = current.openedStore() != null ? "STORE:" + current.openedStore() : "ONLINE";
        String currency = current.refund() != null ? current.refund().currency() : "CNY";
        List<Priced> priced = new java.util.ArrayList<>();
        for (int no = 1; no <= lines.size(); no++) {
            CaseView.Item line = lines.get(no - 1);
            String sku = named.getOrDefault(no, line.skuCode());
            java.math.BigDecimal unit = replacements.unitPrice(sku, channel, currency)
                    .orElseThrow(() -> new ConflictException("no-price", "The replacement " + sku + " has no price in " + channel + " to exchange for"));
            priced.add(new Priced(no, sku, unit.multiply(java.math.BigDecimal.valueOf(line.quantity()))));
        }
        return priced;
    }

    /** Every step of the case, first to last, for whoever may see the case. */
    /** A step this caller may take on the case now, and the state it leads to. */
    @io.swagger.v3.oas.annotations.media.Schema(name = "AllowedStep", example = """
            {"action": "APPROVE", "to": "APPROVED"}""")
    record AllowedStep(Action action, State to) {
    }

    /** The steps the case's state allows that this caller may take (none in a final state, or for a caller who only reads). */
    List<AllowedStep> allowedSteps(String caseId, CallerIdentity caller) {
        CaseOpening.Row row = cases.visibleRow(caseId, caller);
        State resumeTo = row.resumeTo() == null ? null : State.valueOf(row.resumeTo());
        return CaseLifecycle.steps(row.view().type(), State.valueOf(row.view().status()), resumeTo).stream()
                .filter(step -> step.actors().stream().anyMatch(actor -> row.actsAs(actor, caller)))
                .map(step -> new AllowedStep(step.action(), step.to())).toList();
    }

    List<Event> history(String caseId, CallerIdentity caller) {
        cases.visibleRow(caseId, caller);
        return jdbc.sql("""
                SELECT version, action, from_state, to_state, actor, actor_roles, note, at FROM case_event WHERE case_id = :id ORDER BY version""")
                .param("id", caseId)
                .query((rs, n) -> new Event(rs.getInt("version"), rs.getString("action"), rs.getString("from_state"), rs.getString("to_state"),
                        rs.getString("actor"), rs.getString("actor_roles"), rs.getString("note"), rs.getTimestamp("at").toInstant()))
                .list();
    }
}
