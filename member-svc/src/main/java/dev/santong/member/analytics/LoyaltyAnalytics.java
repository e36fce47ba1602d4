package dev.santong.member.analytics;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import dev.santong.member.member.Channel;
import dev.santong.member.points.EarnCalculation;
import dev.santong.member.points.LoyaltyRulesStore;
import dev.santong.platform.kit.persistence.SqlTime;

/**
 * HQ's figures for a period [from, to) and a currency, per channel and across channels, from one row per purchase.
 * Order value is the amount at purchase (returns are not netted, so AOV compares what was bought). Repurchase rate is
 * the share of members with a purchase in the period who made at least two; across channels it counts purchases in
 * any channel, which is where one member everywhere shows.
 */
@Component
public class LoyaltyAnalytics {

    /** @param channel null for the figures across all channels */
    public record Figures(Channel channel, long memberOrders, BigDecimal memberRevenue, BigDecimal memberAov, long nonMemberOrders,
            BigDecimal nonMemberRevenue, BigDecimal nonMemberAov, long activeMembers, BigDecimal repurchaseRate) {
    }

    public record Liability(long points, BigDecimal value, String currency, Instant asOf) {
    }

    public record Report(Instant from, Instant to, String currency, List<Figures> channels, Figures allChannels, Liability pointsLiability) {
    }

    private final JdbcClient jdbc;
    private final LoyaltyRulesStore rules;
    private final Clock clock;

    LoyaltyAnalytics(JdbcClient jdbc, LoyaltyRulesStore rules, Clock clock) {
        this.jdbc = jdbc;
        this.rules = rules;
        this.clock = clock;
    }

    public Report report(Instant from, Instant to, String currency) {
        List<Figures> perChannel = new ArrayList<>();
        for (Channel channel : List.of(Channel.ONLINE, Channel.STORE)) {
            perChannel.add(figures(from, to, currency, channel));
        }
        return new Report(from, to, currency, perChannel, figures(from, to, currency, null), liability(currency));
    }

    private Figures figures(Instant from, Instant to, String currency, Channel channel) {
        String channelFilter = channel == null ? "" : " AND channel = :channel";
        Map<String, Object> totals = jdbc.sql("""
                SELECT COALESCE(SUM(CASE WHEN member_id IS NOT NULL THEN 1 ELSE 0 END), 0) AS member_orders,
                       COALESCE(SUM(CASE WHEN member_id IS NOT NULL THEN amount ELSE 0 END), 0) AS member_revenue,
                       COALESCE(SUM(CASE WHEN member_id IS NULL THEN 1 ELSE 0 END), 0) AS guest_orders,
                       COALESCE(SUM(CASE WHEN member_id IS NULL THEN amount ELSE 0 END), 0) AS guest_revenue,
                       COUNT(DISTINCT member_id) AS active_members
                FROM purchase_fact WHERE currency = :currency AND occurred_at >= :from AND occurred_at < :to""" + channelFilter)
                .params(params(from, to, currency, channel)).query().singleRow();
        Map<String, Object> repeat = jdbc.sql("""
                SELECT COUNT(*) AS buyers, COALESCE(SUM(CASE WHEN purchases >= 2 THEN 1 ELSE 0 END), 0) AS repeaters FROM (
                    SELECT member_id, COUNT(*) AS purchases FROM purchase_fact
                    WHERE member_id IS NOT NULL AND currency = :currency AND occurred_at >= :from AND occurred_at < :to""" + channelFilter + """

                    GROUP BY member_id) per_member""")
                .params(params(from, to, currency, channel)).query().singleRow();
        long memberOrders = number(totals.get("member_orders")).longValue();
        long guestOrders = number(totals.get("guest_orders")).longValue();
        BigDecimal memberRevenue = decimal(totals.get("member_revenue"));
        BigDecimal guestRevenue = decimal(totals.get("guest_revenue"));
        long buyers = number(repeat.get("buyers")).longValue();
        BigDecimal rate = buyers == 0 ? null
                : BigDecimal.valueOf(number(repeat.get("repeaters")).longValue()).divide(BigDecimal.valueOf(buyers), 4, RoundingMode.HALF_UP);
        return new Figures(channel, memberOrders, memberRevenue, average(memberRevenue, memberOrders), guestOrders, guestRevenue,
                average(guestRevenue, guestOrders), number(totals.get("active_members")).longValue(), rate);
    }

    /** Points members hold now that have not expired, and what they would pay if all were redeemed. */
    private Liability liability(String currency) {
        Instant now = clock.instant();
        long points = jdbc.sql("SELECT COALESCE(SUM(points_remaining), 0) FROM points_lot WHERE expires_at > :now AND points_remaining > 0")
                .param("now", SqlTime.of(now)).query(Long.class).single();
        return new Liability(points, EarnCalculation.value(rules.current().rules(), currency, points), currency, now);
    }

    private static Map<String, Object> params(Instant from, Instant to, String currency, Channel channel) {
        Map<String, Object> params = new java.util.HashMap<>(Map.of("currency", currency, "from", SqlTime.of(from), "to", SqlTime.of(to)));
        if (channel != null) {
            params.put("channel", channel.name());
        }
        return params;
    }

    private static BigDecimal average(BigDecimal revenue, long orders) {
        return orders == 0 ? null : revenue.divide(BigDecimal.valueOf(orders), 2, RoundingMode.HALF_UP);
    }

    private static Number number(Object value) {
        return (Number) value;
    }

    private static BigDecimal decimal(Object value) {
        return value instanceof BigDecimal decimal ? decimal.setScale(2, RoundingMode.HALF_UP) : new BigDecimal(value.toString()).setScale(2, RoundingMode.HALF_UP);
    }
}
