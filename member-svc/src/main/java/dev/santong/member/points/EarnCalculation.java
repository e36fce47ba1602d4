package dev.santong.member.points;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import dev.santong.member.member.Channel;

/** The points a purchase earns under the rules (see {@link LoyaltyRules} for the formula and rounding). Pure. */
public final class EarnCalculation {

    /** One purchase line: its amount is what the shopper paid for it, after discounts. */
    public record Line(String sku, String category, BigDecimal amount) {
    }

    /** @param uncapped the points before the per-purchase cap, to explain a capped earn */
    public record Earned(long points, long uncapped, BigDecimal exact) {
    }

    private EarnCalculation() {
    }

    public static Earned compute(LoyaltyRules rules, Channel channel, String currency, List<Line> lines, String tier, Instant at) {
        BigDecimal rate = rules.pointsPerUnit().get(currency);
        if (rate == null || rate.signum() == 0) {
            return new Earned(0, 0, BigDecimal.ZERO);
        }
        BigDecimal channelMultiplier = multiplier(rules.channelMultipliers(), channel);
        BigDecimal tierMultiplier = tier == null ? BigDecimal.ONE : multiplier(rules.tierMultipliers(), tier);
        BigDecimal exact = BigDecimal.ZERO;
        for (Line line : lines) {
            BigDecimal campaign = rules.campaigns() == null ? BigDecimal.ONE : rules.campaigns().stream()
                    .filter(c -> c.appliesTo(at, channel, line.category()))
                    .map(LoyaltyRules.Campaign::multiplier).max(BigDecimal::compareTo).orElse(BigDecimal.ONE);
            BigDecimal category = line.category() == null ? BigDecimal.ONE : multiplier(rules.categoryMultipliers(), line.category());
            exact = exact.add(line.amount().multiply(rate).multiply(channelMultiplier).multiply(category).multiply(tierMultiplier)
                    .multiply(campaign));
        }
        long uncapped = exact.setScale(0, RoundingMode.FLOOR).longValueExact();
        long points = rules.maxPointsPerPurchase() == null ? uncapped : Math.min(uncapped, rules.maxPointsPerPurchase());
        return new Earned(points, uncapped, exact);
    }

    /** Money off for {@code points}, in the currency's minor unit rounded down: points never buy more than they are worth. */
    public static BigDecimal value(LoyaltyRules rules, String currency, long points) {
        BigDecimal perPoint = rules.redemptionValuePerPoint().get(currency);
        if (perPoint == null) {
            return null;
        }
        return perPoint.multiply(BigDecimal.valueOf(points)).setScale(2, RoundingMode.FLOOR);
    }

    private static <K> BigDecimal multiplier(Map<K, BigDecimal> multipliers, K key) {
        return multipliers == null ? BigDecimal.ONE : multipliers.getOrDefault(key, BigDecimal.ONE);
    }
}
