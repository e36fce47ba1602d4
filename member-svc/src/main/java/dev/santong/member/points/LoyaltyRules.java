package dev.santong.member.points;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;

import jakarta.validation.Valid;
import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

import dev.santong.member.member.Channel;
import io.swagger.v3.oas.annotations.media.Schema;

/**
 * HQ's earning and redemption rules.
 * <p>
 * <b>Earning.</b> Each purchase line earns {@code amount × pointsPerUnit[currency] × channel × category × tier ×
 * campaign} multipliers (a missing multiplier is 1; of several campaigns running, the highest applies, they do not
 * stack). The purchase earns the sum of its lines rounded down to whole points, then capped at
 * {@code maxPointsPerPurchase}. A currency without a rate earns nothing.
 * <p>
 * <b>Redemption.</b> A point is worth {@code redemptionValuePerPoint[currency]}; a redemption must be at least
 * {@code minRedeemPoints} and may pay at most {@code maxRedeemShareOfOrder} of the order. Points live
 * {@code lotLifetimeDays} from the purchase that earned them.
 */
@Schema(example = """
        {"pointsPerUnit": {"CNY": 1}, "channelMultipliers": {"ONLINE": 1, "STORE": 1}, "categoryMultipliers": {"apparel": 2},
         "tierMultipliers": {"GOLD": 1.5}, "campaigns": [{"name": "Double 11", "from": "2026-11-11T00:00:00Z",
         "until": "2026-11-12T00:00:00Z", "multiplier": 2, "channels": ["ONLINE", "STORE"]}], "maxPointsPerPurchase": 100000,
         "lotLifetimeDays": 365, "redemptionValuePerPoint": {"CNY": 0.01}, "minRedeemPoints": 100, "maxRedeemShareOfOrder": 0.5}""")
record LoyaltyRules(
        @NotEmpty Map<@NotBlank @Size(min = 3, max = 3) String, @NotNull @DecimalMin("0") BigDecimal> pointsPerUnit,
        Map<@NotNull Channel, @NotNull @DecimalMin("0") BigDecimal> channelMultipliers,
        Map<@NotBlank String, @NotNull @DecimalMin("0") BigDecimal> categoryMultipliers,
        Map<@NotBlank String, @NotNull @DecimalMin("0") BigDecimal> tierMultipliers,
        @Size(max = 50) List<@Valid @NotNull Campaign> campaigns,
        @Min(1) Long maxPointsPerPurchase,
        @NotNull @Min(1) @Max(3650) Integer lotLifetimeDays,
        @NotEmpty Map<@NotBlank @Size(min = 3, max = 3) String, @NotNull @DecimalMin(value = "0", inclusive = false) BigDecimal> redemptionValuePerPoint,
        @NotNull @Min(1) Long minRedeemPoints,
        @NotNull @DecimalMin(value = "0", inclusive = false) @DecimalMax("1") BigDecimal maxRedeemShareOfOrder) {

    /** A multiplier for purchases made in [from, until), optionally only in some channels or categories. */
    public record Campaign(@NotBlank @Size(max = 80) String name, @NotNull Instant from, @NotNull Instant until,
            @NotNull @DecimalMin("0") BigDecimal multiplier, Set<Channel> channels, Set<String> categories) {

        boolean appliesTo(Instant at, Channel channel, String category) {
            return !at.isBefore(from) && at.isBefore(until)
                    && (channels == null || channels.isEmpty() || channels.contains(channel))
                    && (categories == null || categories.isEmpty() || (category != null && categories.contains(category)));
        }
    }

    /** One point per yuan, a point worth one fen, points for a year, at most half an order paid with points. */
    public static LoyaltyRules defaults() {
        return new LoyaltyRules(Map.of("CNY", BigDecimal.ONE), Map.of(), Map.of(), Map.of(), List.of(), null, 365,
                Map.of("CNY", new BigDecimal("0.01")), 100L, new BigDecimal("0.5"));
    }
}
