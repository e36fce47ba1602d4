package dev.santong.member.tier;

import java.time.Clock;

import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

import net.javacrumbs.shedlock.spring.annotation.SchedulerLock;

/** The period-end tier review on the 1st of each month (UTC), once per cluster; idempotent if it ever runs twice. */
@Component
class MonthlyTierReview {

    private final MemberTiers tiers;
    private final Clock clock;

    MonthlyTierReview(MemberTiers tiers, Clock clock) {
        this.tiers = tiers;
        this.clock = clock;
    }

    @Scheduled(cron = "${santong.tiers.review-cron:0 5 0 1 * *}", zone = "UTC")
    @SchedulerLock(name = "monthly-tier-review", lockAtLeastFor = "PT1M", lockAtMostFor = "PT2H")
    void review() {
        tiers.review(clock.instant());
    }
}
