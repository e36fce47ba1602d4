package dev.santong.member.analytics;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import org.springframework.stereotype.Component;

import dev.santong.member.member.Channel;
import dev.santong.member.points.EarnCalculation;
import dev.santong.member.points.LoyaltyRulesStore;
import dev.santong.member.points.PointsFigures;
import dev.santong.member.points.PurchaseFacts;

/**
 * HQ's figures for a period [from, to) and a currency, per channel and across channels, from one row per purchase.
 * Order value is the amount at purchase (returns are not netted, so AOV compares what was bought). Repurchase rate is
 * the share of members with a purchase in the period who made at least two; across channels it counts purchases in
 * any channel, which is where one member everywhere shows.
 */
@Component
class LoyaltyAnalytics {

    /** @param channel null for the figures across all channels */
    public record Figures(Channel channel, long memberOrders, BigDecimal memberRevenue, BigDecimal memberAov, long nonMemberOrders,
            BigDecimal nonMemberRevenue, BigDecimal nonMemberAov, long activeMembers, BigDecimal repurchaseRate) {
    }

    public record Liability(long points, BigDecimal value, String currency, Instant asOf) {
    }

    public record Report(Instant from, Instant to, String currency, List<Figures> channels, Figures allChannels, Liability pointsLiability) {
    }

    private final PurchaseFacts purchases;
    private final PointsFigures pointsFigures;
    private final LoyaltyRulesStore rules;
    private final Clock clock;

    LoyaltyAnalytics(PurchaseFacts purchases, PointsFigures pointsFigures, LoyaltyRulesStore rules, Clock clock) {
        this.purchases = purchases;
        this.pointsFigures = pointsFigures;
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
        PurchaseFacts.Totals totals = purchases.totals(from, to, currency, channel);
        BigDecimal memberRevenue = totals.memberRevenue().setScale(2, RoundingMode.HALF_UP);
        BigDecimal guestRevenue = totals.guestRevenue().setScale(2, RoundingMode.HALF_UP);
        BigDecimal rate = totals.buyers() == 0 ? null
                : BigDecimal.valueOf(totals.repeatBuyers()).divide(BigDecimal.valueOf(totals.buyers()), 4, RoundingMode.HALF_UP);
        return new Figures(channel, totals.memberOrders(), memberRevenue, average(memberRevenue, totals.memberOrders()), totals.guestOrders(),
                guestRevenue, average(guestRevenue, totals.guestOrders()), totals.activeMembers(), rate);
    }

    /** Points members hold now that have not expired, and what they would pay if all were redeemed. */
    private Liability liability(String currency) {
        Instant now = clock.instant();
        long points = pointsFigures.outstanding(now);
        return new Liability(points, EarnCalculation.value(rules.current().rules(), currency, points), currency, now);
    }

    private static BigDecimal average(BigDecimal revenue, long orders) {
        return orders == 0 ? null : revenue.divide(BigDecimal.valueOf(orders), 2, RoundingMode.HALF_UP);
    }
}
