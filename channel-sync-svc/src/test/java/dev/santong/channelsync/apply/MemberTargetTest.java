package dev.santong.channelsync.apply;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;

import org.junit.jupiter.api.Test;

/** What a till's lines and tenders become in member-svc's purchase record. */
class MemberTargetTest {

    @Test
    void aTillsQuantityIsKeptToThreeDecimalsAndOneWhenItCannotBe() {
        assertThat(MemberTarget.earnQuantity(new BigDecimal("2"))).isEqualByComparingTo("2");
        assertThat(MemberTarget.earnQuantity(new BigDecimal("0.4567"))).isEqualByComparingTo("0.457");
        assertThat(MemberTarget.earnQuantity(new BigDecimal("0.0001"))).as("rounds to nothing").isNull();
        assertThat(MemberTarget.earnQuantity(new BigDecimal("-1"))).isNull();
        assertThat(MemberTarget.earnQuantity(new BigDecimal("1E+12"))).as("more than member-svc keeps").isNull();
        assertThat(MemberTarget.earnQuantity(null)).isNull();
    }

    @Test
    void tenderTypesAreNamedTheWayMemberSvcTakesThem() {
        assertThat(MemberTarget.tenderMethod("Credit Card")).isEqualTo("CREDIT_CARD");
        assertThat(MemberTarget.tenderMethod("WeChat Pay / 微信")).isEqualTo("WECHAT_PAY");
        assertThat(MemberTarget.tenderMethod("   ")).isEqualTo("UNKNOWN");
        assertThat(MemberTarget.tenderMethod("X".repeat(40))).hasSize(32);
    }
}
