package dev.santong.member.points;

import java.math.BigDecimal;
import java.util.List;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import dev.santong.platform.kit.persistence.SqlLike;

/**
 * What the ledger holds for one store's receipts, for reconciling a store's day against what its tills reported:
 * entries and purchases whose reference starts with a prefix (a store's receipt references start with its day).
 */
@Component
class StoreTotals {

    /** @param points signed as in the ledger: earns positive, redemptions and reversals negative */
    public record ReferencePoints(String reference, PointsLedger.Kind kind, long points) {
    }

    public record Purchases(long count, BigDecimal amount, long members) {
    }

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
        Purchases purchases = jdbc.sql("""
                SELECT COUNT(*) AS purchases, COALESCE(SUM(amount), 0) AS amount, COUNT(member_id) AS members FROM purchase_fact
                WHERE store_id = :store AND reference LIKE :prefix""")
                .param("store", storeId).param("prefix", like)
                .query((rs, n) -> new Purchases(rs.getLong("purchases"), rs.getBigDecimal("amount"), rs.getLong("members"))).single();
        return new Totals(storeId, referencePrefix, sum(entries, PointsLedger.Kind.EARN), -sum(entries, PointsLedger.Kind.REDEEM),
                -sum(entries, PointsLedger.Kind.REVERSE_EARN), sum(entries, PointsLedger.Kind.RETURN_REDEEMED), purchases, entries);
    }

    private static long sum(List<ReferencePoints> entries, PointsLedger.Kind kind) {
        return entries.stream().filter(entry -> entry.kind() == kind).mapToLong(ReferencePoints::points).sum();
    }
}
