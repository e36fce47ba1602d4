package dev.santong.member.points;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.Test;

import dev.santong.member.points.LedgerRules.LotBalance;
import dev.santong.member.points.LedgerRules.Payment;
import dev.santong.member.points.LedgerRules.Take;
import dev.santong.member.points.LedgerRules.Uncovered;
import dev.santong.platform.kit.problem.InvalidRequestException;

class LedgerRulesTest {

    private final LoyaltyRules rules = LoyaltyRules.defaults();

    @Test
    void aRedemptionPaysAPointsWorthUpToHalfTheOrderInACurrencyPointsPayIn() {
        assertThat(LedgerRules.redemptionValue(rules, "CNY", 5_000, new BigDecimal("100.00"))).isEqualByComparingTo("50.00");
        assertThatThrownBy(() -> LedgerRules.redemptionValue(rules, "CNY", 5_001, new BigDecimal("100.00")))
                .isInstanceOf(InvalidRequestException.class).hasMessageContaining("more than the 50% of the order").hasMessageContaining("50.00");
        assertThatThrownBy(() -> LedgerRules.redemptionValue(rules, "CNY", 99, new BigDecimal("100.00")))
                .isInstanceOf(InvalidRequestException.class).hasMessageContaining("at least 100");
        assertThatThrownBy(() -> LedgerRules.redemptionValue(rules, "USD", 100, new BigDecimal("100.00")))
                .isInstanceOf(InvalidRequestException.class).hasMessageContaining("cannot pay in USD");
    }

    @Test
    void partialReturnsTakeBackExactlyTheFloorOfTheirShareWhateverTheirNumber() {
        // 333 points on 100.00: returns of 33.33, 33.33 and 33.34 have taken back 110, 221, then all 333 in total.
        BigDecimal whole = new BigDecimal("100.00");
        assertThat(LedgerRules.proRata(333, new BigDecimal("33.33"), whole)).isEqualTo(110);
        assertThat(LedgerRules.proRata(333, new BigDecimal("66.66"), whole)).isEqualTo(221);
        assertThat(LedgerRules.proRata(333, whole, whole)).isEqualTo(333);
        assertThat(LedgerRules.proRata(333, BigDecimal.ONE, BigDecimal.ZERO)).as("a purchase of nothing earned nothing to take").isZero();
    }

    @Test
    void aDebitDrawsOnLotsInTheirOrderAndLeavesWhatTheyCannotCover() {
        List<LotBalance> lots = List.of(new LotBalance(7, 30), new LotBalance(3, 0), new LotBalance(5, 50));
        assertThat(LedgerRules.draw(lots, 60)).containsExactly(new Take(7, 30), new Take(5, 30));
        assertThat(LedgerRules.draw(lots, 200)).as("80 covered, 120 become debt").containsExactly(new Take(7, 30), new Take(5, 50));
        assertThat(LedgerRules.draw(lots, 0)).isEmpty();
    }

    @Test
    void aDebtBesideOpenLotsIsPaidOldestDebitFirstAndOnlyOnce() {
        assertThat(LedgerRules.debtBesideLots(500, -200)).as("lots of 500 while owing 200: 500 of them are owed").isEqualTo(500);
        assertThat(LedgerRules.debtBesideLots(500, 300)).isEqualTo(200);
        assertThat(LedgerRules.debtBesideLots(500, 500)).isZero();
        assertThat(LedgerRules.debtBesideLots(100, 900)).as("more balance than lots owes nothing").isZero();
        List<Uncovered> debits = List.of(new Uncovered(11, 150), new Uncovered(12, 400));
        assertThat(LedgerRules.payBack(debits, 300)).containsExactly(new Payment(11, 150), new Payment(12, 150));
        assertThat(LedgerRules.payBack(debits, 0)).isEmpty();
    }

    @Test
    void givenBackPointsKeepTheirLotsExpiryOrAtLeastTheGracePeriod() {
        Instant now = Instant.parse("2026-12-01T00:00:00Z");
        Instant later = now.plus(Duration.ofDays(200));
        assertThat(LedgerRules.giveBackExpiry(Optional.of(later), now)).isEqualTo(later);
        assertThat(LedgerRules.giveBackExpiry(Optional.of(now.minus(Duration.ofDays(1))), now)).isEqualTo(now.plus(LedgerRules.GIVE_BACK_GRACE));
        assertThat(LedgerRules.giveBackExpiry(Optional.empty(), now)).isEqualTo(now.plus(LedgerRules.GIVE_BACK_GRACE));
    }

    @Test
    void aLotExpiresOnceUnlessPointsWereHandedBackToIt() {
        assertThat(LedgerRules.expiryKey(42, 0)).isEqualTo("expire:lot:42");
        assertThat(LedgerRules.expiryKey(42, 1)).isEqualTo("expire:lot:42:1");
    }
}
