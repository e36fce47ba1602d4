package dev.santong.aftersales.cases;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.temporal.ChronoUnit;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

import dev.santong.aftersales.goods.WarrantyTerms;
import dev.santong.aftersales.membership.Benefits;
import dev.santong.aftersales.membership.Purchases;
import dev.santong.platform.kit.money.Money;
import dev.santong.platform.kit.persistence.ConcurrentWriteRetry;
import dev.santong.platform.kit.persistence.SqlTime;
import dev.santong.platform.kit.problem.InvalidRequestException;
import dev.santong.platform.kit.problem.ResourceNotFoundException;
import dev.santong.platform.kit.security.CallerIdentity;

/**
 * Opens cases from any channel for purchases from any channel, checked against the purchase (it is real, the
 * shopper's own, the goods were in it and not taken back already) and its terms ({@link Eligibility}), and answers who
 * may see them: a shopper their own cases, a store the cases opened at it, HQ all of them. A retried open with the
 * same {@code Idempotency-Key} returns the case it opened (the kit's IdempotencyKeyFilter).
 */
@Component
class CaseOpening {

    private static final String COLUMNS = """
            id, type, status, opened_channel, opened_store, member_id, purchase_channel, purchase_store,
            purchase_reference, sku_code, quantity, reason, opened_at, first_response_due, opened_by, version, resume_to, due_at, paused_remaining_us,
            purchased_at, currency, entitlement, entitled_until, eligibility""";

    private final JdbcClient jdbc;
    private final ServiceLevels levels;
    private final Purchases purchases;
    private final WarrantyTerms warranties;
    private final Eligibility.Windows windows;
    private final TransactionTemplate transactions;
    private final CaseEffects effects;
    private final RefundInstructions refunds;
    private final Benefits benefits;
    private final String freeRepairService;
    private final Clock clock;

    CaseOpening(JdbcClient jdbc, ServiceLevels levels, Purchases purchases, WarrantyTerms warranties, AftersalesProperties properties,
            TransactionTemplate transactions, CaseEffects effects, RefundInstructions refunds, Benefits benefits, Clock clock) {
        this.benefits = benefits;
        this.freeRepairService = properties.freeRepairService();
        this.effects = effects;
        this.refunds = refunds;
        this.jdbc = jdbc;
        this.levels = levels;
        this.purchases = purchases;
        this.warranties = warranties;
        this.windows = new Eligibility.Windows(properties.returnWindows(), properties.categoryReturnWindows());
        this.transactions = transactions;
        this.clock = clock;
    }

    /**
     * Opens the case once its purchase is checked: member-svc and goods-svc are asked first (no lock held meanwhile),
     * then the purchase's row here is locked while what other cases already take back is counted and the case written.
     */
    public CaseView open(OpenCaseRequest request, CallerIdentity caller) {
        authoriseOpening(request, caller);
        OpenCaseRequest.Purchase where = request.purchase();
        if (where.channel() == SalesChannel.STORE && where.storeId() == null) {
            throw new InvalidRequestException("purchase.storeId", "is required for a purchase made in a store");
        }
        if (where.channel() != SalesChannel.STORE && where.storeId() != null) {
            throw new InvalidRequestException("purchase.storeId", "is only for a purchase made in a store");
        }
        List<OpenCaseRequest.Line> lines = request.goods();
        boolean shopper = caller.isShopper();
        Purchases.Purchase purchase = purchases.find(where.channel().name(), where.storeId(), where.reference(), shopper ? caller.subject() : null)
                .orElseThrow(() -> new InvalidRequestException("purchase.reference", "names no purchase" + (shopper ? " of this shopper" : "")
                        + " recorded for that channel and store (a store's sale arrives once its till has uploaded it)"));
        if (request.memberId() != null && !request.memberId().equals(purchase.memberId())) {
            throw new InvalidRequestException("memberId", "is not the member who made the purchase");
        }
        PurchaseContents contents = PurchaseContents.of(purchase);
        if (!contents.known() && shopper) {
            throw new InvalidRequestException("purchase.reference", "has no recorded lines to check a shopper's case against; "
                    + "a store's service desk opens it with the receipt");
        }
        contents.requireBought(request, lines);
        Instant now = clock.instant();
        Eligibility.Decision terms = Eligibility.decide(request.type(), where.channel(), purchase.occurredAt(), goodsTerms(request.type(), lines, contents),
                () -> purchase.memberId() != null && benefits.available(purchase.memberId(), freeRepairService, request.channel().name()), windows, now);
        String purchaseKey = where.channel() + ":" + (where.storeId() == null ? "-" : where.storeId()) + ":" + where.reference();
        String id = UUID.randomUUID().toString();
        ConcurrentWriteRetry.inTransaction(transactions, 3, status -> {
            lockPurchase(purchaseKey, now);
            List<java.math.BigDecimal> paid = contents.shareOf(request, lines, request.type().takesGoodsBack() ? takenBack(where) : Map.of());
            insertCase(id, request, caller, purchase, terms, contents.known(), now);
            for (int i = 0; i < lines.size(); i++) {
                OpenCaseRequest.Line line = lines.get(i);
                jdbc.sql("""
                        INSERT INTO case_line (case_id, line_no, sku_code, quantity, reason_code, item_condition, serial_number, category, paid_amount)
                        VALUES (:id, :no, :sku, :quantity, :reason, :condition, :serial, :category, :paid)""")
                        .param("id", id).param("no", i + 1).param("sku", line.skuCode()).param("quantity", line.quantity())
                        .param("reason", line.reasonCode().name()).param("condition", line.condition() == null ? null : line.condition().name())
                        .param("serial", line.serialNumber()).param("category", contents.category(line.skuCode()))
                        .param("paid", paid.get(i)).update();
            }
            jdbc.sql("""
                    INSERT INTO case_event (case_id, version, action, from_state, to_state, actor, actor_roles, note, at)
                    VALUES (:id, 0, 'OPEN', NULL, 'REQUESTED', :actor, :roles, :note, :at)""")
                    .param("id", id).param("actor", caller.subject())
                    .param("roles", caller.roles().stream().sorted().collect(java.util.stream.Collectors.joining(",")))
                    .param("note", terms.explanation()).param("at", SqlTime.of(now)).update();
            return id;
        });
        return withLines(read(id));
    }

    private void insertCase(String id, OpenCaseRequest request, CallerIdentity caller, Purchases.Purchase purchase, Eligibility.Decision terms,
            boolean contentsChecked, Instant now) {
        OpenCaseRequest.Line first = request.goods().getFirst();
        jdbc.sql("""
                INSERT INTO aftersales_case (id, type, status, opened_channel, opened_store, opened_by, member_id,
                    purchase_channel, purchase_store, purchase_reference, sku_code, quantity, reason, opened_at,
                    first_response_due, due_at, purchased_at, currency, entitlement, entitled_until, eligibility, contents_checked, claims_goods,
                    purchase_tenders)
                VALUES (:id, :type, 'REQUESTED', :channel, :store, :by, :member, :purchaseChannel, :purchaseStore,
                    :reference, :sku, :quantity, :reason, :openedAt, :due, :due, :purchasedAt, :currency, :entitlement, :until, :eligibility,
                    :checked, :claims, :tenders)""")
                .param("id", id).param("type", request.type().name()).param("channel", request.channel().name())
                .param("store", request.storeId()).param("by", caller.subject()).param("member", purchase.memberId())
                .param("purchaseChannel", request.purchase().channel().name()).param("purchaseStore", request.purchase().storeId())
                .param("reference", request.purchase().reference()).param("sku", first.skuCode())
                .param("quantity", first.quantity()).param("reason", request.reason())
                .param("openedAt", SqlTime.of(now))
                .param("due", SqlTime.of(levels.dueAfter(request.type(), CaseLifecycle.State.REQUESTED, now).orElseThrow()))
                .param("purchasedAt", SqlTime.of(purchase.occurredAt())).param("currency", purchase.currency())
                .param("entitlement", terms.entitlement().name()).param("until", terms.until() == null ? null : SqlTime.of(terms.until()))
                .param("eligibility", terms.explanation()).param("checked", contentsChecked).param("claims", request.type().takesGoodsBack())
                .param("tenders", RefundInstructions.tendersText(purchase.tenders()))
                .update();
    }

    /** The SKUs' terms: the purchase line's category (else the catalogue's) and the catalogue's warranty. */
    private List<Eligibility.Goods> goodsTerms(CaseType type, List<OpenCaseRequest.Line> lines, PurchaseContents contents) {
        if (type == CaseType.COMPLAINT) {
            return List.of();
        }
        Map<String, Eligibility.Goods> terms = new java.util.LinkedHashMap<>();
        for (OpenCaseRequest.Line line : lines) {
            terms.computeIfAbsent(line.skuCode(), sku -> {
                java.util.Optional<WarrantyTerms.Terms> catalogue = warranties.of(sku);
                String category = contents.category(sku) != null ? contents.category(sku) : catalogue.map(WarrantyTerms.Terms::category).orElse(null);
                return new Eligibility.Goods(sku, category, catalogue.map(WarrantyTerms.Terms::warrantyMonths).orElse(0));
            });
        }
        return List.copyOf(terms.values());
    }

    /**
     * Locks the purchase's row, creating it on its first case. An upsert takes the row's exclusive lock at once: an
     * insert-if-absent followed by a locking read would have two first cases share a lock and deadlock upgrading it.
     */
    private void lockPurchase(String purchaseKey, Instant now) {
        jdbc.sql("""
                INSERT INTO case_purchase (purchase_key, created_at) VALUES (:key, :at)
                ON DUPLICATE KEY UPDATE purchase_key = VALUES(purchase_key)""")
                .param("key", purchaseKey).param("at", SqlTime.of(now)).update();
    }

    /** How many of each SKU of the purchase other cases take back (returns, exchanges, claims not rejected or cancelled). */
    private Map<String, Integer> takenBack(OpenCaseRequest.Purchase where) {
        Map<String, Integer> taken = new java.util.HashMap<>();
        jdbc.sql("""
                SELECT l.sku_code, SUM(l.quantity) AS taken FROM aftersales_case c JOIN case_line l ON l.case_id = c.id
                WHERE c.purchase_reference = :reference AND c.purchase_channel = :channel AND c.purchase_store <=> :store AND c.claims_goods
                GROUP BY l.sku_code""")
                .param("reference", where.reference()).param("channel", where.channel().name()).param("store", where.storeId())
                .query((rs, n) -> taken.put(rs.getString("sku_code"), rs.getInt("taken"))).list();
        return taken;
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

    /** The case as its caller sees it, with its lines and, for goods taken back, what they were paid. */
    CaseView withLines(CaseView view) {
        Map<String, Object> money = jdbc.sql("SELECT currency, price_difference FROM aftersales_case WHERE id = :id").param("id", view.id())
                .query().singleRow();
        String currency = (String) money.get("currency");
        java.math.BigDecimal difference = (java.math.BigDecimal) money.get("price_difference");
        List<CaseView.Item> items = jdbc.sql("""
                SELECT sku_code, quantity, reason_code, item_condition, serial_number, category, paid_amount, disposition, replacement_sku,
                    replacement_amount FROM case_line
                WHERE case_id = :id ORDER BY line_no""")
                .param("id", view.id())
                .query((rs, n) -> new CaseView.Item(rs.getString("sku_code"), rs.getInt("quantity"),
                        OpenCaseRequest.ReasonCode.valueOf(rs.getString("reason_code")),
                        rs.getString("item_condition") == null ? null : OpenCaseRequest.ItemCondition.valueOf(rs.getString("item_condition")),
                        rs.getString("serial_number"), rs.getString("category"), Money.ofNullable(rs.getBigDecimal("paid_amount"), currency),
                        rs.getString("disposition") == null ? null : CaseEffects.Disposition.valueOf(rs.getString("disposition")),
                        rs.getString("replacement_sku"), Money.ofNullable(rs.getBigDecimal("replacement_amount"), currency)))
                .list();
        boolean priced = view.type().takesGoodsBack() && currency != null && !items.isEmpty() && items.stream().allMatch(item -> item.paid() != null);
        return view.with(items, priced
                ? Money.of(items.stream().map(item -> item.paid().amount()).reduce(java.math.BigDecimal.ZERO, java.math.BigDecimal::add), currency)
                : null, effects.of(view.id()), refunds.of(view.id()).orElse(null), Money.ofNullable(difference, currency));
    }

    private static void authoriseOpening(OpenCaseRequest request, CallerIdentity caller) {
        if (caller.hasRole("pos") || caller.hasRole("store-staff")) {
            if (request.channel() != SalesChannel.STORE || request.storeId() == null || !caller.actsForStore(request.storeId())) {
                throw new AccessDeniedException("a store opens cases with channel STORE at its own store");
            }
        } else if (caller.isShopper()) {
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

    private static Instant instant(ResultSet rs, String column) throws SQLException {
        java.sql.Timestamp at = rs.getTimestamp(column);
        return at == null ? null : at.toInstant();
    }

    private static Row row(ResultSet rs, int n) throws SQLException {
        CaseView view = new CaseView(rs.getString("id"), CaseType.valueOf(rs.getString("type")), rs.getString("status"),
                SalesChannel.valueOf(rs.getString("opened_channel")), rs.getString("opened_store"), rs.getString("member_id"),
                new OpenCaseRequest.Purchase(SalesChannel.valueOf(rs.getString("purchase_channel")),
                        rs.getString("purchase_store"), rs.getString("purchase_reference")),
                rs.getString("sku_code"), rs.getInt("quantity"), rs.getString("reason"),
                rs.getTimestamp("opened_at").toInstant(), rs.getTimestamp("first_response_due").toInstant(), rs.getInt("version"),
                instant(rs, "due_at"), instant(rs, "purchased_at"),
                rs.getString("entitlement") == null ? null : new CaseView.Terms(Eligibility.Entitlement.valueOf(rs.getString("entitlement")),
                        instant(rs, "entitled_until"), rs.getString("eligibility")),
                null, List.of(), List.of(), null, null, null);
        long paused = rs.getLong("paused_remaining_us");
        return new Row(view, rs.getString("opened_by"), rs.getString("resume_to"), rs.wasNull() ? null : Duration.of(paused, ChronoUnit.MICROS));
    }

}
