package dev.santong.member.points;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

import net.javacrumbs.shedlock.spring.annotation.SchedulerLock;

/**
 * Writes off expired lots in the background so the ledger and HQ's liability figure stay exact without waiting for
 * the member's next purchase. Once per cluster (the job's lock); and safe even when two runs overlap: each member is
 * done under its account lock, and each lot's expiry entry is unique, so a lot expires once.
 */
@Component
class PointsExpiry {

    private static final Logger log = LoggerFactory.getLogger(PointsExpiry.class);

    private final PointsLedger ledger;

    PointsExpiry(PointsLedger ledger) {
        this.ledger = ledger;
    }

    @Scheduled(fixedDelayString = "${santong.points.expiry-interval:PT1M}", initialDelayString = "${santong.points.expiry-initial-delay:PT30S}")
    @SchedulerLock(name = "points-expiry", lockAtLeastFor = "PT30S", lockAtMostFor = "PT30M")
    void expireDueLots() {
        int members = 0;
        for (String memberId : ledger.membersWithDueLots(500)) {
            try {
                ledger.expire(memberId);
                members++;
            } catch (RuntimeException e) {
                log.warn("Expiry of member {} deferred to the next run: {}", memberId, e.getClass().getSimpleName());
            }
        }
        if (members > 0) {
            log.info("Expired due points lots of {} members", members);
        }
    }
}
