package dev.santong.aftersales.cases;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import dev.santong.aftersales.membership.Purchases;
import dev.santong.platform.kit.money.Money;
import dev.santong.platform.kit.money.MoneyInVersion1;
import dev.santong.platform.kit.persistence.SqlTime;
import dev.santong.platform.kit.problem.InvalidRequestException;
import dev.santong.platform.kit.security.CallerIdentity;
import dev.santong.platform.kit.web.Cursor;
import dev.santong.platform.kit.web.Page;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

import io.swagger.v3.oas.annotations.media.Schema;

/**
 * What a refund pays back and how: the goods' paid amount, in the purchase's currency, split over the purchase's
 * tenders in proportion (a card paid 150 of 200, so it gets 75 % back), recorded with the step for the channel that
 * took the money (the shop for an online order, the store for its receipt) to pay out.
 */
@Component
class RefundInstructions {

    /** A tender's part as the refund's column keeps it. */
    record Share(String method, BigDecimal amount) {
    }

    /**
     * @param payingStore      the store that took the money, for a store purchase
     * @param paymentReference the paying channel's reference of the payout, once PAID
     */
    @Schema(example = """
            {"caseId": "0b7e2c4a-91d3-4f6e-8a2b-5c9d1e3f7a60", "payingChannel": "ONLINE", "payingStore": null, \
                "refund": {"amount": "199.00", "currency": "CNY"}, "tenders": [{"method": "CARD", "refund": {"amount": "149.00", "currency": "CNY"}}, \
                {"method": "ALIPAY", "refund": {"amount": "50.00", "currency": "CNY"}}], "status": "PENDING", \
                "createdAt": "2026-11-22T09:00:00Z", "paymentReference": null, "paidAt": null}""")
    record Instruction(String caseId, String payingChannel, String payingStore, @MoneyInVersion1(amount = "amount", currency = "currency") Money refund,
            List<TenderRefund> tenders, String status, Instant createdAt, String paymentReference, Instant paidAt) {
    }

    /** What goes back to one of the purchase's tenders. */
    record TenderRefund(String method, @MoneyInVersion1(amount = "amount") Money refund) {
    }

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final TypeReference<List<Share>> SHARES = new TypeReference<>() {
    };

    private final JdbcClient jdbc;

    RefundInstructions(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * Records the refund of the case in the step's transaction. Its amount is what was paid for the case's goods; only
     * where the purchase's lines were never recorded does the step give it ({@code refundAmount}).
     */
    void record(CaseView current, BigDecimal refundAmount, Instant now) {
        Map<String, Object> facts = jdbc.sql("""
                SELECT c.purchase_channel, c.purchase_store, c.currency, c.purchase_tenders,
                    SUM(l.paid_amount) AS paid, SUM(CASE WHEN l.paid_amount IS NULL THEN 1 ELSE 0 END) AS unpriced
                FROM aftersales_case c JOIN case_line l ON l.case_id = c.id WHERE c.id = :id
                GROUP BY c.purchase_channel, c.purchase_store, c.currency, c.purchase_tenders""")
                .param("id", current.id()).query().singleRow();
        boolean priced = ((Number) facts.get("unpriced")).longValue() == 0;
        BigDecimal amount;
        if (priced) {
            amount = (BigDecimal) facts.get("paid");
            if (refundAmount != null && refundAmount.compareTo(amount) != 0) {
                throw new InvalidRequestException("refundAmount", "is what was paid for the goods, " + amount.toPlainString() + "; leave it out");
            }
        } else {
            if (refundAmount == null) {
                throw new InvalidRequestException("refundAmount", "is required: the purchase's lines were not recorded, so what was paid is not known here");
            }
            amount = refundAmount;
        }
        List<Share> tenders = split(amount, readTenders((String) facts.get("purchase_tenders")));
        jdbc.sql("""
                INSERT INTO refund_instruction (case_id, paying_channel, paying_store, amount, currency, tenders, status, created_at)
                VALUES (:id, :channel, :store, :amount, :currency, :tenders, 'PENDING', :at)""")
                .param("id", current.id()).param("channel", facts.get("purchase_channel")).param("store", facts.get("purchase_store"))
                .param("amount", amount).param("currency", facts.get("currency")).param("tenders", JSON.writeValueAsString(tenders))
                .param("at", SqlTime.of(now)).update();
    }

    Optional<Instruction> of(String caseId) {
        return jdbc.sql("SELECT * FROM refund_instruction WHERE case_id = :id").param("id", caseId).query(RefundInstructions::instruction)
                .optional();
    }

    /**
     * What a paying channel has to pay out (or paid), oldest first: the shop's server the online ones, a store its own,
     * HQ any. {@code status} PENDING or PAID.
     */
    /** The caller's channel's refunds, oldest first, a page at a time; the cursor is the last one's creation and case. */
    Page<Instruction> toPay(CallerIdentity caller, String status, String cursor, int limit) {
        String who;
        java.util.Map<String, Object> params = new java.util.HashMap<>(java.util.Map.of("status", status, "n", limit + 1));
        if (caller.isHq()) {
            who = "";
        } else if (caller.hasRole("shop-backend")) {
            who = " AND paying_channel = 'ONLINE'";
        } else if ((caller.hasRole("pos") || caller.hasRole("store-staff")) && caller.storeId().isPresent()) {
            who = " AND paying_channel = 'STORE' AND paying_store = :store";
            params.put("store", caller.storeId().get());
        } else {
            throw new org.springframework.security.access.AccessDeniedException("refunds are paid out by the shop's server, stores and HQ");
        }
        String after = "";
        Cursor.After position = Cursor.after(cursor);
        if (position.at() != null) {
            after = " AND (created_at > :afterAt OR (created_at = :afterAt AND case_id > :afterCase))";
            params.put("afterAt", position.at());
            params.put("afterCase", position.key());
        }
        List<Instruction> fetched = jdbc.sql("SELECT * FROM refund_instruction WHERE status = :status" + who + after
                        + " ORDER BY created_at, case_id LIMIT :n")
                .params(params).query(RefundInstructions::instruction).list();
        return Page.of(fetched, limit, last -> Cursor.at(last.createdAt(), last.caseId()));
    }

    /**
     * The paying channel paid the refund out: once. The same payment reference again answers the instruction as
     * paid (a retry); another one is a 409.
     */
    Instruction paid(String caseId, String paymentReference, CallerIdentity caller, Instant now) {
        Instruction instruction = of(caseId).filter(found -> mayPay(found, caller))
                .orElseThrow(() -> new dev.santong.platform.kit.problem.ResourceNotFoundException("refund instruction", caseId));
        int changed = jdbc.sql("""
                UPDATE refund_instruction SET status = 'PAID', payment_reference = :reference, paid_at = :at, paid_by = :by
                WHERE case_id = :id AND status = 'PENDING'""")
                .param("reference", paymentReference).param("at", SqlTime.of(now)).param("by", caller.subject()).param("id", caseId).update();
        Instruction after = of(caseId).orElseThrow();
        if (changed == 0 && !paymentReference.equals(after.paymentReference())) {
            throw new dev.santong.platform.kit.problem.ConflictException("refund-already-paid", "The refund of case " + caseId
                    + " was paid out already under another payment reference");
        }
        return after;
    }

    private static boolean mayPay(Instruction instruction, CallerIdentity caller) {
        if (caller.hasRole("hq-admin")) {
            return true;
        }
        if ("ONLINE".equals(instruction.payingChannel())) {
            return caller.hasRole("shop-backend");
        }
        return (caller.hasRole("pos") || caller.hasRole("store-staff")) && instruction.payingStore() != null
                && caller.actsForStore(instruction.payingStore());
    }

    private static Instruction instruction(java.sql.ResultSet rs, int n) throws java.sql.SQLException {
        String currency = rs.getString("currency");
        return new Instruction(rs.getString("case_id"), rs.getString("paying_channel"), rs.getString("paying_store"),
                Money.of(rs.getBigDecimal("amount"), currency), JSON.readValue(rs.getString("tenders"), SHARES).stream()
                        .map(share -> new TenderRefund(share.method(), Money.of(share.amount(), currency))).toList(), rs.getString("status"),
                rs.getTimestamp("created_at").toInstant(), rs.getString("payment_reference"),
                rs.getTimestamp("paid_at") == null ? null : rs.getTimestamp("paid_at").toInstant());
    }

    /** The purchase's tenders as the case keeps them from its opening. */
    static String tendersText(List<Purchases.Tender> tenders) {
        return JSON.writeValueAsString(tenders.stream().map(tender -> new Share(tender.method(), tender.amount())).toList());
    }

    private static List<Share> readTenders(String text) {
        return text == null ? List.of() : JSON.readValue(text, SHARES);
    }

    /**
     * The amount over the tenders in proportion to what each paid; the shares are cut from rounded running totals, so
     * they add up to the amount exactly. Without tenders (or with nothing paid) the whole goes back the original way.
     */
    static List<Share> split(BigDecimal amount, List<Share> paid) {
        BigDecimal total = paid.stream().map(Share::amount).filter(a -> a.signum() > 0).reduce(BigDecimal.ZERO, BigDecimal::add);
        if (total.signum() == 0) {
            return List.of(new Share("ORIGINAL_PAYMENT", amount));
        }
        List<Share> shares = new ArrayList<>();
        BigDecimal running = BigDecimal.ZERO;
        BigDecimal given = BigDecimal.ZERO;
        for (Share tender : paid) {
            if (tender.amount().signum() <= 0) {
                continue;
            }
            running = running.add(tender.amount());
            BigDecimal upTo = amount.multiply(running).divide(total, 2, RoundingMode.HALF_UP);
            shares.add(new Share(tender.method(), upTo.subtract(given)));
            given = upTo;
        }
        return shares;
    }
}
