package dev.santong.member.points;

import java.math.BigDecimal;
import java.util.List;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import dev.santong.platform.kit.money.Money;
import dev.santong.platform.kit.money.Version1Only;
import dev.santong.platform.kit.persistence.SqlLike;
import io.swagger.v3.oas.annotations.media.Schema;

/**
 * What the ledger holds for one store's receipts, for reconciling a store's day against what its tills reported:
 * entries and purchases whose reference starts with a prefix (a store's receipt references start with its day).
 */
@Component
class StoreTotals {

    /** @param points signed as in the ledger: earns positive, redemptions and reversals negative */
    public record ReferencePoints(String reference, PointsLedger.Kind kind, long points) {
    }

    /**
     * @param amounts what was bought, one sum per currency: amounts in different currencies are never added
     * @param amount  version 1's sum, which added them
     */
    public record Purchases(long count, @Version1Only @Schema(hidden = true) BigDecimal amount, List<Money> amounts, long members) {
    }

    @Schema(example = """
            {"storeId": "9", "referencePrefix": "9-3-2026-11-21", "earned": 1240, "redeemed": 300, "reversed": 40, "givenBack": 0, \
            "purchases": {"count": 31, "amounts": [{"amount": "6214.50", "currency": "CNY"}], "members": 12}, \
            "entries": [{"reference": "9-3-2026-11-21-118", "kind": "EARN", "points": 398}]}""")
    public record Totals(String storeId, String referencePrefix, long earned, long redeemed, long reversed, long givenBack,
            Purchases purchases, List<ReferencePoints> entries) {
    }

    private final JdbcClient jdbc;

    StoreTotals(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public Totals of(String storeId, String referencePrefix) {
        String like = SqlLike.startingWith(referencePrefix);
        List<ReferencePoints> entries = jdbc.sql("""
                SELECT reference, kind, SUM(points) AS points FROM points_entry
                WHERE store_id = :store AND reference LIKE :prefix GROUP BY reference, kind ORDER BY reference, kind""")
                .param("store", storeId).param("prefix", like)
                .query((rs, n) -> new ReferencePoints(rs.getString("reference"), PointsLedger.Kind.valueOf(rs.getString("kind")),
                        rs.getLong("points")))
                .list();
        record InCurrency(String currency, long purchases, BigDecimal amount, long members) {
        }
        List<InCurrency> sums = jdbc.sql("""
                SELECT currency, COUNT(*) AS purchases, SUM(amount) AS amount, COUNT(member_id) AS members FROM purchase_fact
                WHERE store_id = :store AND reference LIKE :prefix GROUP BY currency ORDER BY currency""")
                .param("store", storeId).param("prefix", like)
                .query((rs, n) -> new InCurrency(rs.getString("currency"), rs.getLong("purchases"), rs.getBigDecimal("amount"), rs.getLong("members")))
                .list();
        Purchases purchases = new Purchases(sums.stream().mapToLong(InCurrency::purchases).sum(),
                sums.stream().map(InCurrency::amount).reduce(BigDecimal.ZERO, BigDecimal::add),
                sums.stream().map(sum -> Money.of(sum.amount(), sum.currency())).toList(), sums.stream().mapToLong(InCurrency::members).sum());
        return new Totals(storeId, referencePrefix, sum(entries, PointsLedger.Kind.EARN), -sum(entries, PointsLedger.Kind.REDEEM),
                -sum(entries, PointsLedger.Kind.REVERSE_EARN), sum(entries, PointsLedger.Kind.RETURN_REDEEMED), purchases, entries);
    }

    private static long sum(List<ReferencePoints> entries, PointsLedger.Kind kind) {
        return entries.stream().filter(entry -> entry.kind() == kind).mapToLong(ReferencePoints::points).sum();
    }
}
