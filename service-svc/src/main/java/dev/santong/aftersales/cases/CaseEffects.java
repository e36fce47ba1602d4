package dev.santong.aftersales.cases;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.util.List;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.modulith.events.ApplicationModuleListener;
import org.springframework.stereotype.Component;

import dev.santong.aftersales.goods.ReturnedStock;
import dev.santong.aftersales.membership.Benefits;
import dev.santong.aftersales.goods.Replacements;
import dev.santong.aftersales.membership.MemberPoints;
import dev.santong.platform.kit.outbox.OutboxEvent;
import dev.santong.platform.kit.persistence.SqlTime;

/**
 * What a case's steps change in the other services, each exactly once, through the suite's outbox: planned in the
 * step's own transaction (a row here and an event in the registry), delivered after commit with a key the other
 * service deduplicates by, tried again while it is down, held for HQ after {@code santong.outbox.max-attempts}. The
 * case shows each effect as PENDING until the other service confirmed it, then DONE.
 */
@Component
class CaseEffects {

    enum Kind {
        /** goods-svc: the case's goods arrived at the receiving location, awaiting inspection. */
        STOCK_RECEIVED,
        /** goods-svc: inspected goods back on the shelf or to damaged. */
        STOCK_INSPECTED,
        /** member-svc: the refunded share of the purchase's earned points taken back, redeemed points given back. */
        POINTS_REVERSED,
        /** member-svc: the free-repair benefit the repair was done under, used once. */
        BENEFIT_USED,
        /** goods-svc: an exchange's (or a claim's) replacement held where the case is, for the shopper. */
        REPLACEMENT_HELD,
        /** member-svc: the points an exchange's replacement earns, as a purchase of its own. */
        POINTS_EARNED
    }

    /** One effect due, as the outbox stores it: the case and what to do; the rest is read from the case when delivered. */
    record CaseEffectDue(String caseId, Kind kind) implements OutboxEvent {

        @Override
        public String key() {
            return "case-" + caseId + "-" + kind;
        }
    }

    /**
     * @param doneAt when the other service confirmed it; none while pending
     * @param points the points it moved, as member-svc answered (points effects only)
     */
    record Effect(Kind kind, String status, Instant plannedAt, Instant doneAt, Long points) {
    }

    private final JdbcClient jdbc;
    private final ApplicationEventPublisher events;
    private final ReturnedStock stock;
    private final MemberPoints points;
    private final Replacements replacements;
    private final Benefits benefits;
    private final String freeRepairService;
    private final Clock clock;

    CaseEffects(JdbcClient jdbc, ApplicationEventPublisher events, ReturnedStock stock, MemberPoints points, Replacements replacements,
            Benefits benefits, AftersalesProperties properties, Clock clock) {
        this.replacements = replacements;
        this.benefits = benefits;
        this.freeRepairService = properties.freeRepairService();
        this.jdbc = jdbc;
        this.events = events;
        this.stock = stock;
        this.points = points;
        this.clock = clock;
    }

    /** Plans the effect in the caller's transaction (the step's): its row and its outbox event commit with the step or not at all. */
    void plan(String caseId, Kind kind, Instant at) {
        int planned = jdbc.sql("INSERT IGNORE INTO case_effect (case_id, kind, status, planned_at) VALUES (:id, :kind, 'PENDING', :at)")
                .param("id", caseId).param("kind", kind.name()).param("at", SqlTime.of(at)).update();
        if (planned == 1) {
            events.publishEvent(new CaseEffectDue(caseId, kind));
        }
    }

    List<Effect> of(String caseId) {
        return jdbc.sql("SELECT kind, status, planned_at, done_at, points FROM case_effect WHERE case_id = :id ORDER BY planned_at, kind")
                .param("id", caseId)
                .query((rs, n) -> new Effect(Kind.valueOf(rs.getString("kind")), rs.getString("status"), rs.getTimestamp("planned_at").toInstant(),
                        rs.getTimestamp("done_at") == null ? null : rs.getTimestamp("done_at").toInstant(),
                        rs.getObject("points") == null ? null : rs.getLong("points")))
                .list();
    }

    /** The effects the other services have not confirmed yet. */
    List<Kind> pending(String caseId) {
        return of(caseId).stream().filter(effect -> !"DONE".equals(effect.status())).map(Effect::kind).toList();
    }

    /** After the step committed; a failure (thrown) leaves the event to the outbox's retries. */
    @ApplicationModuleListener
    void deliver(CaseEffectDue due) {
        Delivery delivery = jdbc.sql("""
                SELECT c.type, c.member_id, c.opened_channel, c.opened_store, c.purchase_channel, c.purchase_store, c.purchase_reference,
                    c.currency, c.receiving_location, e.planned_at
                FROM aftersales_case c JOIN case_effect e ON e.case_id = c.id AND e.kind = :kind WHERE c.id = :id""")
                .param("id", due.caseId()).param("kind", due.kind().name())
                .query((rs, n) -> new Delivery(rs.getString("member_id"), rs.getString("opened_channel"), rs.getString("opened_store"),
                        rs.getString("purchase_channel"), rs.getString("purchase_store"), rs.getString("purchase_reference"), rs.getString("currency"),
                        rs.getString("receiving_location"), rs.getTimestamp("planned_at").toInstant()))
                .optional().orElse(null);
        if (delivery == null) {
            return; // the case's effect is gone (never the case today); nothing to deliver
        }
        Long moved = null;
        switch (due.kind()) {
            case STOCK_RECEIVED -> stock.move(due.caseId(), delivery.receivingLocation(), delivery.at(), delivery.at(),
                    lines(due.caseId()).stream().map(line -> new ReturnedStock.Item(line.sku(), line.no(), line.quantity(), ReturnedStock.Move.RECEIVED))
                            .toList(), due.key());
            case STOCK_INSPECTED -> {
                // The arrival goes first in the same batch: delivered already it is a replay; not yet, and the inspection
                // would find nothing awaiting it.
                List<ReturnedStock.Item> moves = new java.util.ArrayList<>();
                List<Line> lines = lines(due.caseId());
                lines.forEach(line -> moves.add(new ReturnedStock.Item(line.sku(), line.no(), line.quantity(), ReturnedStock.Move.RECEIVED)));
                lines.stream().filter(line -> line.disposition() != null && line.disposition() != Disposition.PROCESSING_REQUIRED)
                        .forEach(line -> moves.add(new ReturnedStock.Item(line.sku(), line.no(), line.quantity(),
                                line.disposition() == Disposition.RESTOCK ? ReturnedStock.Move.RESTOCKED : ReturnedStock.Move.DAMAGED)));
                stock.move(due.caseId(), delivery.receivingLocation(), receivedAt(due.caseId()), delivery.at(), moves, due.key());
            }
            case POINTS_REVERSED -> moved = points.reverse(new MemberPoints.Refund(delivery.purchaseChannel(), delivery.purchaseStore(),
                    delivery.purchaseReference(), due.caseId(), delivery.openedChannel(), delivery.openedStore(), returnedAmount(due.caseId()),
                    delivery.currency(), delivery.at()), due.key());
            case BENEFIT_USED -> benefits.use(delivery.memberId(), freeRepairService, due.caseId(), delivery.openedChannel(), delivery.openedStore(),
                    due.key());
            case REPLACEMENT_HELD -> lines(due.caseId()).forEach(line -> replacements.hold(due.caseId(), line.no(), line.replacementSku(),
                    delivery.receivingLocation(), line.quantity(), delivery.openedStore() != null, due.key()));
            case POINTS_EARNED -> moved = points.earn(new MemberPoints.Replacement(delivery.memberId(), due.caseId(), delivery.openedChannel(),
                    delivery.openedStore(), lines(due.caseId()).stream().map(line -> new MemberPoints.Line(line.replacementSku(), line.category(),
                            (int) line.quantity(), line.replacementAmount())).toList(), delivery.currency(), delivery.at()), due.key());
        }
        jdbc.sql("UPDATE case_effect SET status = 'DONE', done_at = :at, points = :points WHERE case_id = :id AND kind = :kind")
                .param("at", SqlTime.of(clock.instant())).param("points", moved).param("id", due.caseId()).param("kind", due.kind().name()).update();
    }

    /** What inspection decided for a line: Shopify's RESTOCKED / NOT_RESTOCKED (damaged) / PROCESSING_REQUIRED. */
    enum Disposition { RESTOCK, DAMAGED, PROCESSING_REQUIRED }

    private record Delivery(String memberId, String openedChannel, String openedStore, String purchaseChannel, String purchaseStore,
            String purchaseReference, String currency, String receivingLocation, Instant at) {
    }

    private record Line(int no, String sku, long quantity, Disposition disposition, String category, String replacementSku,
            BigDecimal replacementAmount) {
    }

    private List<Line> lines(String caseId) {
        return jdbc.sql("""
                SELECT line_no, sku_code, quantity, disposition, category, replacement_sku, replacement_amount FROM case_line
                WHERE case_id = :id ORDER BY line_no""").param("id", caseId)
                .query((rs, n) -> new Line(rs.getInt("line_no"), rs.getString("sku_code"), rs.getLong("quantity"),
                        rs.getString("disposition") == null ? null : Disposition.valueOf(rs.getString("disposition")), rs.getString("category"),
                        rs.getString("replacement_sku"), rs.getBigDecimal("replacement_amount")))
                .list();
    }

    /** When the goods arrived: the arrival's own time, whichever delivery carries it. */
    private Instant receivedAt(String caseId) {
        return jdbc.sql("SELECT planned_at FROM case_effect WHERE case_id = :id AND kind = 'STOCK_RECEIVED'").param("id", caseId)
                .query(java.sql.Timestamp.class).single().toInstant();
    }

    /** What the case takes back from the purchase: the refund, or for an exchange what was paid for the goods. */
    private BigDecimal returnedAmount(String caseId) {
        return jdbc.sql("SELECT amount FROM refund_instruction WHERE case_id = :id").param("id", caseId).query(BigDecimal.class).optional()
                .orElseGet(() -> jdbc.sql("SELECT SUM(paid_amount) FROM case_line WHERE case_id = :id").param("id", caseId)
                        .query(BigDecimal.class).single());
    }
}
