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

    /** How long each point of a series covers; weeks start on Monday, months on the 1st, all in UTC. */
    public enum Interval { DAY, WEEK, MONTH }

    /**
     * One period of a series.
     *
     * @param pointsGiven points earned or given back in the period, where they were posted (the channel and store asked)
     * @param pointsTaken points redeemed, reversed or expired in the period, where they were posted
     * @param pointsHeld  what every member held at the period's end, the whole programme (a point is the programme's,
     *                    wherever it was earned)
     * @param liability   {@code pointsHeld} at today's point value; none where points have no worth in the currency
     */
    public record SeriesPoint(Instant from, Instant to, long memberOrders, @MoneyInVersion1 Money memberAov, long nonMemberOrders,
            @MoneyInVersion1 Money nonMemberAov, long activeMembers, BigDecimal repurchaseRate, long pointsGiven, long pointsTaken,
            long pointsHeld, @MoneyInVersion1 Money liability) {
    }

    @Schema(example = """
            {"interval": "WEEK", "currency": "CNY", "channel": "STORE", "storeId": "9", "points": [{"from": "2026-11-02T00:00:00Z", \
            "to": "2026-11-09T00:00:00Z", "memberOrders": 42, "memberAov": {"amount": "268.00", "currency": "CNY"}, "nonMemberOrders": 30, \
            "nonMemberAov": {"amount": "171.00", "currency": "CNY"}, "activeMembers": 37, "repurchaseRate": 0.1351, "pointsGiven": 11256, \
            "pointsTaken": 2100, "pointsHeld": 182400, "liability": {"amount": "1824.00", "currency": "CNY"}}]}""")
    public record Series(Interval interval, String currency, Channel channel, String storeId, List<SeriesPoint> points) {
    }

    /** The most periods one series holds (two months of days, a year of weeks, five years of months). */
    static final int MAX_PERIODS = 62;

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

    /** The figures per period from {@code from} (a date, UTC) until {@code to} (inclusive), each period whole. */
    public Series series(java.time.LocalDate from, java.time.LocalDate to, Interval interval, String currency, Channel channel, String storeId) {
        List<java.time.LocalDate> starts = periodStarts(from, to, interval);
        if (starts.size() > MAX_PERIODS) {
            throw new dev.santong.platform.kit.problem.InvalidRequestException("to", "spans " + starts.size() + " periods of a " + interval
                    + "; at most " + MAX_PERIODS + " in one series");
        }
        Channel byChannel = storeId != null ? Channel.STORE : channel;
        List<SeriesPoint> points = new ArrayList<>();
        long held = -1;
        for (int i = 0; i < starts.size(); i++) {
            Instant start = starts.get(i).atStartOfDay(java.time.ZoneOffset.UTC).toInstant();
            Instant end = next(starts.get(i), interval).atStartOfDay(java.time.ZoneOffset.UTC).toInstant();
            PurchaseFacts.Totals totals = purchases.totals(start, end, currency, byChannel, storeId);
            PointsFigures.Flow flow = pointsFigures.flow(start, end, byChannel == null ? null : byChannel.name(), storeId);
            PointsFigures.Flow everywhere = byChannel == null ? flow : pointsFigures.flow(start, end, null, null);
            held = held < 0 ? pointsFigures.heldBefore(end) : held + everywhere.given() - everywhere.taken();
            BigDecimal memberRevenue = totals.memberRevenue().setScale(2, RoundingMode.HALF_UP);
            BigDecimal guestRevenue = totals.guestRevenue().setScale(2, RoundingMode.HALF_UP);
            points.add(new SeriesPoint(start, end, totals.memberOrders(), Money.ofNullable(average(memberRevenue, totals.memberOrders()), currency),
                    totals.guestOrders(), Money.ofNullable(average(guestRevenue, totals.guestOrders()), currency), totals.activeMembers(),
                    rate(totals), flow.given(), flow.taken(), held,
                    Money.ofNullable(EarnCalculation.value(rules.current().rules(), currency, held), currency)));
        }
        return new Series(interval, currency, byChannel, storeId, points);
    }

    static List<java.time.LocalDate> periodStarts(java.time.LocalDate from, java.time.LocalDate to, Interval interval) {
        java.time.LocalDate start = switch (interval) {
            case DAY -> from;
            case WEEK -> from.with(java.time.temporal.TemporalAdjusters.previousOrSame(java.time.DayOfWeek.MONDAY));
            case MONTH -> from.withDayOfMonth(1);
        };
        List<java.time.LocalDate> starts = new ArrayList<>();
        for (java.time.LocalDate at = start; !at.isAfter(to) && starts.size() <= MAX_PERIODS; at = next(at, interval)) {
            starts.add(at);
        }
        return starts;
    }

    private static java.time.LocalDate next(java.time.LocalDate start, Interval interval) {
        return switch (interval) {
            case DAY -> start.plusDays(1);
            case WEEK -> start.plusWeeks(1);
            case MONTH -> start.plusMonths(1);
        };
    }

    private static BigDecimal rate(PurchaseFacts.Totals totals) {
        return totals.buyers() == 0 ? null
                : BigDecimal.valueOf(totals.repeatBuyers()).divide(BigDecimal.valueOf(totals.buyers()), 4, RoundingMode.HALF_UP);
    }

    private Figures figures(Instant from, Instant to, String currency, Channel channel) {
        PurchaseFacts.Totals totals = purchases.totals(from, to, currency, channel);
        BigDecimal memberRevenue = totals.memberRevenue().setScale(2, RoundingMode.HALF_UP);
        BigDecimal guestRevenue = totals.guestRevenue().setScale(2, RoundingMode.HALF_UP);
        BigDecimal rate = rate(totals);
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
