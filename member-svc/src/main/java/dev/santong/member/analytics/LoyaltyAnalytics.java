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
import dev.santong.platform.kit.money.Money;
import dev.santong.platform.kit.money.MoneyInVersion1;
import dev.santong.platform.kit.money.Version1Only;
import io.swagger.v3.oas.annotations.media.Schema;

/**
 * HQ's figures for a period [from, to) and a currency, per channel and across channels, from one row per purchase.
 * Order value is the amount at purchase (returns are not netted, so AOV compares what was bought). Repurchase rate is
 * the share of members with a purchase in the period who made at least two; across channels it counts purchases in
 * any channel, which is where one member everywhere shows.
 */
@Component
class LoyaltyAnalytics {

    /** @param channel null for the figures across all channels */
    public record Figures(Channel channel, long memberOrders, @MoneyInVersion1 Money memberRevenue, @MoneyInVersion1 Money memberAov,
            long nonMemberOrders, @MoneyInVersion1 Money nonMemberRevenue, @MoneyInVersion1 Money nonMemberAov, long activeMembers,
            BigDecimal repurchaseRate) {
    }

    /** @param currency version 1's, beside its number; version 2's value carries it, and has none without a value */
    public record Liability(long points, @MoneyInVersion1 Money value, @Version1Only @Schema(hidden = true) String currency, Instant asOf) {
    }

    @Schema(example = """
            {"from": "2026-11-01T00:00:00Z", "to": "2026-12-01T00:00:00Z", "currency": "CNY", "channels": [\
            {"channel": "ONLINE", "memberOrders": 120, "memberRevenue": {"amount": "31200.00", "currency": "CNY"}, \
            "memberAov": {"amount": "260.00", "currency": "CNY"}, "nonMemberOrders": 80, \
            "nonMemberRevenue": {"amount": "14400.00", "currency": "CNY"}, "nonMemberAov": {"amount": "180.00", "currency": "CNY"}, \
            "activeMembers": 95, "repurchaseRate": 0.2105}], \
            "allChannels": {"channel": null, "memberOrders": 120, "memberRevenue": {"amount": "31200.00", "currency": "CNY"}, \
            "memberAov": {"amount": "260.00", "currency": "CNY"}, "nonMemberOrders": 80, \
            "nonMemberRevenue": {"amount": "14400.00", "currency": "CNY"}, "nonMemberAov": {"amount": "180.00", "currency": "CNY"}, \
            "activeMembers": 95, "repurchaseRate": 0.2105}, \
            "pointsLiability": {"points": 182400, "value": {"amount": "1824.00", "currency": "CNY"}, "asOf": "2026-12-01T08:00:00Z"}}""")
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
        return new Figures(channel, totals.memberOrders(), Money.of(memberRevenue, currency),
                Money.ofNullable(average(memberRevenue, totals.memberOrders()), currency), totals.guestOrders(), Money.of(guestRevenue, currency),
                Money.ofNullable(average(guestRevenue, totals.guestOrders()), currency), totals.activeMembers(), rate);
    }

    /**
     * Points members hold now that have not expired, and what they would pay if all were redeemed; no value in a
     * currency the loyalty rules give points no worth in.
     */
    private Liability liability(String currency) {
        Instant now = clock.instant();
        long points = pointsFigures.outstanding(now);
        return new Liability(points, Money.ofNullable(EarnCalculation.value(rules.current().rules(), currency, points), currency), currency, now);
    }

    private static BigDecimal average(BigDecimal revenue, long orders) {
        return orders == 0 ? null : revenue.divide(BigDecimal.valueOf(orders), 2, RoundingMode.HALF_UP);
    }
}
