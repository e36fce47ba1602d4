package dev.santong.aftersales.cases;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import dev.santong.aftersales.membership.Purchases;
import dev.santong.platform.kit.persistence.ConcurrentWriteRetry;
import dev.santong.platform.kit.persistence.SqlTime;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Returns taken at a till, as channel-sync-svc applies them: recorded as closed return cases (the till already paid
 * the money back, and channel-sync-svc moves the stock and points itself), once per store and receipt. They count
 * against the purchase like any case, so goods returned at a till cannot be returned again online.
 */
@Component
class TillReturns {

    /** @param amount what the till paid back for the line */
    record Line(String sku, int quantity, BigDecimal amount, OpenCaseRequest.ReasonCode reasonCode) {
    }

    record TillReturn(String storeId, String reference, Instant occurredAt, OpenCaseRequest.Purchase purchase, String currency, List<Line> lines) {
    }

    record Recorded(String caseId, boolean replayed) {
    }

    private final JdbcClient jdbc;
    private final Purchases purchases;
    private final TransactionTemplate transactions;

    TillReturns(JdbcClient jdbc, Purchases purchases, TransactionTemplate transactions) {
        this.jdbc = jdbc;
        this.purchases = purchases;
        this.transactions = transactions;
    }

    Recorded record(TillReturn till, String actor) {
        Optional<String> earlier = existing(till);
        if (earlier.isPresent()) {
            return new Recorded(earlier.get(), true);
        }
        // The member and purchase date as member-svc knows them; a guest's or a not yet arrived sale leaves them open.
        Optional<Purchases.Purchase> purchase = purchases.find(till.purchase().channel().name(), till.purchase().storeId(),
                till.purchase().reference(), null);
        String id = UUID.randomUUID().toString();
        try {
            ConcurrentWriteRetry.inTransaction(transactions, 3, status -> {
                Line first = till.lines().getFirst();
                jdbc.sql("""
                        INSERT INTO aftersales_case (id, type, status, opened_channel, opened_store, opened_by, member_id, purchase_channel,
                            purchase_store, purchase_reference, sku_code, quantity, reason, opened_at, first_response_due, due_at, purchased_at,
                            currency, entitlement, eligibility, contents_checked, claims_goods, till_reference, receiving_location, version)
                        VALUES (:id, 'RETURN', 'CLOSED', 'STORE', :store, :by, :member, :purchaseChannel, :purchaseStore, :purchaseReference,
                            :sku, :quantity, 'returned at the till', :at, :at, NULL, :purchasedAt, :currency, 'RETURN_WINDOW',
                            'taken back at the till', FALSE, TRUE, :reference, :store, 1)""")
                        .param("id", id).param("store", till.storeId()).param("by", actor)
                        .param("member", purchase.map(Purchases.Purchase::memberId).orElse(null))
                        .param("purchaseChannel", till.purchase().channel().name()).param("purchaseStore", till.purchase().storeId())
                        .param("purchaseReference", till.purchase().reference()).param("sku", first.sku()).param("quantity", first.quantity())
                        .param("at", SqlTime.of(till.occurredAt()))
                        .param("purchasedAt", purchase.map(p -> SqlTime.of(p.occurredAt())).orElse(null)).param("currency", till.currency())
                        .param("reference", till.reference()).update();
                for (int i = 0; i < till.lines().size(); i++) {
                    Line line = till.lines().get(i);
                    jdbc.sql("""
                            INSERT INTO case_line (case_id, line_no, sku_code, quantity, reason_code, paid_amount, disposition)
                            VALUES (:id, :no, :sku, :quantity, :reason, :amount, 'RESTOCK')""")
                            .param("id", id).param("no", i + 1).param("sku", line.sku()).param("quantity", line.quantity())
                            .param("reason", line.reasonCode().name()).param("amount", line.amount()).update();
                }
                // The till paid the money back there and then.
                BigDecimal amount = till.lines().stream().map(Line::amount).reduce(BigDecimal.ZERO, BigDecimal::add);
                jdbc.sql("""
                        INSERT INTO refund_instruction (case_id, paying_channel, paying_store, amount, currency, tenders, status, created_at,
                            payment_reference, paid_at, paid_by)
                        VALUES (:id, 'STORE', :store, :amount, :currency, :tenders, 'PAID', :at, :reference, :at, :actor)""")
                        .param("id", id).param("store", till.storeId()).param("amount", amount).param("currency", till.currency())
                        .param("tenders", "[{\"method\":\"TILL\",\"amount\":" + amount.toPlainString() + "}]").param("at", SqlTime.of(till.occurredAt()))
                        .param("reference", till.reference()).param("actor", actor).update();
                jdbc.sql("""
                        INSERT INTO case_event (case_id, version, action, from_state, to_state, actor, actor_roles, note, at)
                        VALUES (:id, 1, 'TILL_RETURN', NULL, 'CLOSED', :actor, 'pos-sync', :note, :at)""")
                        .param("id", id).param("actor", actor).param("note", "returned at store " + till.storeId() + ", receipt " + till.reference())
                        .param("at", SqlTime.of(till.occurredAt())).update();
                return id;
            });
        } catch (org.springframework.dao.DuplicateKeyException e) {
            // The same till return applied at once twice: the first one recorded it.
            return new Recorded(existing(till).orElseThrow(() -> e), true);
        }
        return new Recorded(id, false);
    }

    private Optional<String> existing(TillReturn till) {
        return jdbc.sql("SELECT id FROM aftersales_case WHERE opened_store = :store AND till_reference = :reference")
                .param("store", till.storeId()).param("reference", till.reference()).query(String.class).optional();
    }
}
