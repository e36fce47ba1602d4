package dev.santong.member.segment;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.EnumSet;
import java.util.Set;

import org.junit.jupiter.api.Test;

import dev.santong.member.member.Channel;
import dev.santong.member.privacy.ConsentPurpose;

class SegmentRuleTest {

    private static final Instant NOW = Instant.parse("2026-11-24T00:00:00Z");
    private final SegmentRule.Facts omnichannelVip = new SegmentRule.Facts(Channel.STORE, EnumSet.of(Channel.STORE, Channel.ONLINE),
            NOW.minus(Duration.ofDays(10)), Set.of("vip", "kids"), EnumSet.of(ConsentPurpose.PERSONALISED_OFFERS));

    @Test
    void anEmptyRuleMatchesEveryone() {
        assertThat(new SegmentRule(null, null, null, null, null, null).matches(omnichannelVip, NOW)).isTrue();
    }

    @Test
    void everyGivenConditionMustHold() {
        assertThat(new SegmentRule(Set.of(Channel.STORE), Set.of(Channel.ONLINE, Channel.STORE), 30, Set.of("vip"), Set.of("kids", "x"),
                Set.of(ConsentPurpose.PERSONALISED_OFFERS)).matches(omnichannelVip, NOW)).isTrue();
        assertThat(new SegmentRule(Set.of(Channel.ONLINE), null, null, null, null, null).matches(omnichannelVip, NOW)).isFalse();
        assertThat(new SegmentRule(null, Set.of(Channel.HQ_IMPORT), null, null, null, null).matches(omnichannelVip, NOW)).isFalse();
        assertThat(new SegmentRule(null, null, 9, null, null, null).matches(omnichannelVip, NOW)).isFalse();
        assertThat(new SegmentRule(null, null, null, Set.of("vip", "gold"), null, null).matches(omnichannelVip, NOW)).isFalse();
        assertThat(new SegmentRule(null, null, null, null, Set.of("gold"), null).matches(omnichannelVip, NOW)).isFalse();
        assertThat(new SegmentRule(null, null, null, null, null, Set.of(ConsentPurpose.MARKETING_SMS)).matches(omnichannelVip, NOW)).isFalse();
    }

    @Test
    void recencyCountsTheBoundaryDayIn() {
        assertThat(new SegmentRule(null, null, 10, null, null, null).matches(omnichannelVip, NOW)).isTrue();
    }
}
