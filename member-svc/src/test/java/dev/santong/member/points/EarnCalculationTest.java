package dev.santong.member.points;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Test;

import dev.santong.member.member.Channel;

class EarnCalculationTest {

    private static final Instant DOUBLE_11 = Instant.parse("2026-11-11T08:00:00Z");
    private final LoyaltyRules rules = new LoyaltyRules(Map.of("CNY", BigDecimal.ONE), Map.of(Channel.ONLINE, new BigDecimal("1.5")),
            Map.of("apparel", new BigDecimal("2")), Map.of("GOLD", new BigDecimal("1.25")),
            List.of(new LoyaltyRules.Campaign("Double 11", Instant.parse("2026-11-11T00:00:00Z"), Instant.parse("2026-11-12T00:00:00Z"),
                            new BigDecimal("3"), Set.of(Channel.ONLINE), Set.of()),
                    new LoyaltyRules.Campaign("Kids week", Instant.parse("2026-11-01T00:00:00Z"), Instant.parse("2026-11-30T00:00:00Z"),
                            new BigDecimal("2"), Set.of(), Set.of("kids"))),
            5000L, 365, Map.of("CNY", new BigDecimal("0.01")), 100L, new BigDecimal("0.5"));

    private static EarnCalculation.Line line(String category, String amount) {
        return new EarnCalculation.Line("SKU", category, new BigDecimal(amount));
    }

    @Test
    void aPlainStorePurchaseEarnsOnePointPerYuanRoundedDownOncePerPurchase() {
        EarnCalculation.Earned earned = EarnCalculation.compute(rules, Channel.STORE, "CNY",
                List.of(line(null, "10.60"), line(null, "10.60")), null, Instant.parse("2026-10-01T00:00:00Z"));
        assertThat(earned.points()).as("21.20 → 21, not 10 + 10").isEqualTo(21);
    }

    @Test
    void multipliersCombineAndTheHighestCampaignApplies() {
        // 100 apparel online, gold, Double 11: 100 × 1.5 × 2 × 1.25 × 3 = 1125; kids line: 40 × 1.5 × 1.25 × max(3, 2) = 225
        EarnCalculation.Earned earned = EarnCalculation.compute(rules, Channel.ONLINE, "CNY",
                List.of(line("apparel", "100.00"), line("kids", "40.00")), "GOLD", DOUBLE_11);
        assertThat(earned.points()).isEqualTo(1350);
    }

    @Test
    void theCapLimitsAPurchaseAndOtherCurrenciesEarnNothing() {
        EarnCalculation.Earned capped = EarnCalculation.compute(rules, Channel.STORE, "CNY", List.of(line(null, "9999.99")), null, DOUBLE_11);
        assertThat(capped.points()).isEqualTo(5000);
        assertThat(capped.uncapped()).isEqualTo(9999);
        assertThat(EarnCalculation.compute(rules, Channel.STORE, "USD", List.of(line(null, "100")), null, DOUBLE_11).points()).isZero();
    }

    @Test
    void pointsNeverBuyMoreThanTheyAreWorth() {
        assertThat(EarnCalculation.value(rules, "CNY", 1234)).isEqualByComparingTo("12.34");
        assertThat(EarnCalculation.value(rules, "USD", 1234)).isNull();
    }
}
