package dev.santong.aftersales.cases;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import dev.santong.platform.kit.problem.ConflictException;

class EligibilityTest {

    private static final Eligibility.Windows WINDOWS = new Eligibility.Windows(
            Map.of(SalesChannel.ONLINE, Duration.ofDays(30), SalesChannel.STORE, Duration.ofDays(15)), Map.of("food", Duration.ZERO));
    private static final Instant BOUGHT = Instant.parse("2026-10-01T10:00:00Z");

    private static Eligibility.Goods shirt() {
        return new Eligibility.Goods("SHIRT-M", "apparel", 0);
    }

    private static Eligibility.Goods kettle() {
        return new Eligibility.Goods("KETTLE-1", "appliances", 12);
    }

    @Test
    void aReturnWithinTheChannelsWindowGoesAheadUntilItsEnd() {
        Eligibility.Decision decision = Eligibility.decide(CaseType.RETURN, SalesChannel.ONLINE, BOUGHT, List.of(shirt()), () -> false, WINDOWS,
                BOUGHT.plus(Duration.ofDays(29)));
        assertThat(decision.entitlement()).isEqualTo(Eligibility.Entitlement.RETURN_WINDOW);
        assertThat(decision.until()).isEqualTo(Instant.parse("2026-10-31T10:00:00Z"));
    }

    @Test
    void aLateReturnIsRefusedNamingTheRuleTheDatesAndTheFigures() {
        assertThatThrownBy(() -> Eligibility.decide(CaseType.RETURN, SalesChannel.STORE, BOUGHT, List.of(shirt()), () -> false, WINDOWS,
                Instant.parse("2026-10-20T10:00:00Z")))
                .isInstanceOfSatisfying(ConflictException.class, refusal -> {
                    assertThat(refusal.getMessage()).contains("return-window", "SHIRT-M", "15 days", "2026-10-01", "2026-10-16", "4 days ago");
                    assertThat(refusal.facts()).containsEntry("rule", "return-window").containsEntry("deadline", "2026-10-16T10:00:00Z")
                            .containsEntry("windowDays", 15L);
                });
    }

    @Test
    void aCategoryWithItsOwnWindowOverridesTheChannels() {
        assertThatThrownBy(() -> Eligibility.decide(CaseType.EXCHANGE, SalesChannel.ONLINE, BOUGHT,
                List.of(new Eligibility.Goods("BREAD", "Food", 0)), () -> false, WINDOWS, BOUGHT.plusSeconds(60)))
                .hasMessageContaining("category Food").hasMessageContaining("0 days");
    }

    @Test
    void aDefectIsClaimedWithinTheWarrantyLongAfterTheReturnWindow() {
        Eligibility.Decision decision = Eligibility.decide(CaseType.CLAIM, SalesChannel.STORE, BOUGHT, List.of(kettle()), () -> false, WINDOWS,
                Instant.parse("2027-09-30T10:00:00Z"));
        assertThat(decision.entitlement()).isEqualTo(Eligibility.Entitlement.WARRANTY);
        assertThat(decision.until()).isEqualTo(Instant.parse("2027-10-01T10:00:00Z"));
        assertThatThrownBy(() -> Eligibility.decide(CaseType.CLAIM, SalesChannel.STORE, BOUGHT, List.of(kettle()), () -> false, WINDOWS,
                Instant.parse("2027-10-02T10:00:00Z")))
                .isInstanceOfSatisfying(ConflictException.class, refusal -> assertThat(refusal.facts()).containsEntry("rule", "warranty")
                        .containsEntry("warrantyMonths", 12));
    }

    @Test
    void aRepairIsFreeUnderWarrantyThenWithABenefitThenCharged() {
        Instant late = Instant.parse("2028-01-01T00:00:00Z");
        assertThat(Eligibility.decide(CaseType.REPAIR, SalesChannel.STORE, BOUGHT, List.of(kettle()), () -> false, WINDOWS, BOUGHT.plus(Duration.ofDays(200)))
                .entitlement()).isEqualTo(Eligibility.Entitlement.WARRANTY);
        assertThat(Eligibility.decide(CaseType.REPAIR, SalesChannel.STORE, BOUGHT, List.of(kettle()), () -> true, WINDOWS, late).entitlement())
                .isEqualTo(Eligibility.Entitlement.FREE_SERVICE_BENEFIT);
        assertThat(Eligibility.decide(CaseType.REPAIR, SalesChannel.STORE, BOUGHT, List.of(kettle()), () -> false, WINDOWS, late).entitlement())
                .isEqualTo(Eligibility.Entitlement.CHARGEABLE);
        // One item of the case out of warranty makes the repair not a warranty repair.
        assertThat(Eligibility.decide(CaseType.REPAIR, SalesChannel.STORE, BOUGHT, List.of(kettle(), shirt()), () -> false, WINDOWS,
                BOUGHT.plus(Duration.ofDays(2))).entitlement()).isEqualTo(Eligibility.Entitlement.CHARGEABLE);
    }

    @Test
    void warrantyMonthsAreCalendarMonths() {
        assertThat(Eligibility.warrantyEnd(Instant.parse("2026-01-31T08:00:00Z"), 1)).isEqualTo(Instant.parse("2026-02-28T08:00:00Z"));
    }
}
