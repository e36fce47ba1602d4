package dev.santong.member.points;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.util.Optional;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

import dev.santong.platform.kit.money.Money;
import dev.santong.platform.kit.money.MoneyInVersion1;
import dev.santong.platform.kit.persistence.ConcurrentWriteRetry;
import dev.santong.platform.kit.persistence.SqlTime;
import dev.santong.platform.kit.problem.ConflictException;

import io.swagger.v3.oas.annotations.media.Schema;

/**
 * Online orders as the shop's server vouches for them before checkout: whose order it is and what it comes to. A shopper
 * redeems points only against an order vouched for their own member, and the share of an order points may pay is
 * taken from the vouched amount, never from what the shopper declares.
 */
@Component
class OnlineOrders {

    @Schema(example = """
            {"reference": "SO-2026-118842", "memberId": "01a20bc5-f360-7b8a-b1b7-947ef07e36c8", \
            "total": {"amount": "398.00", "currency": "CNY"}, "vouchedBy": "shop-backend", "vouchedAt": "2026-11-21T05:59:00Z"}""")
    public record Order(String reference, String memberId, @MoneyInVersion1(amount = "amount", currency = "currency") Money total,
            String vouchedBy, Instant vouchedAt) {
    }

    /** @param replayed the same order was vouched for before with the same content */
    public record Vouched(Order order, boolean replayed) {
    }

    private final JdbcClient jdbc;
    private final TransactionTemplate transactions;
    private final Clock clock;

    OnlineOrders(JdbcClient jdbc, TransactionTemplate transactions, Clock clock) {
        this.jdbc = jdbc;
        this.transactions = transactions;
        this.clock = clock;
    }

    /** Once per reference; the same content again answers the first, other content is a 409 (the order is fixed at checkout). */
    public Vouched vouch(String reference, String memberId, BigDecimal amount, String currency, String by) {
        return ConcurrentWriteRetry.inTransaction(transactions, 3, status -> {
            Optional<Order> earlier = find(reference);
            if (earlier.isPresent()) {
                Order order = earlier.get();
                if (!order.memberId().equals(memberId) || order.total().amount().compareTo(amount) != 0 || !order.total().currency().equals(currency)) {
                    throw new ConflictException("order-vouched-otherwise", "Order " + reference + " was vouched for with other content");
                }
                return new Vouched(order, true);
            }
            jdbc.sql("""
                    INSERT INTO online_order (reference, member_id, amount, currency, vouched_by, vouched_at)
                    VALUES (:r, :m, :a, :c, :by, :at)""")
                    .param("r", reference).param("m", memberId).param("a", amount).param("c", currency).param("by", by)
                    .param("at", SqlTime.of(clock.instant())).update();
            return new Vouched(find(reference).orElseThrow(), false);
        });
    }

    public Optional<Order> find(String reference) {
        return jdbc.sql("SELECT * FROM online_order WHERE reference = :r").param("r", reference)
                .query((rs, n) -> new Order(rs.getString("reference"), rs.getString("member_id"),
                        Money.of(rs.getBigDecimal("amount"), rs.getString("currency")), rs.getString("vouched_by"), rs.getTimestamp("vouched_at").toInstant()))
                .optional();
    }
}
