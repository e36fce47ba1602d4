package dev.santong.aftersales.cases;

import java.time.Clock;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

import dev.santong.platform.kit.persistence.SqlTime;
import net.javacrumbs.shedlock.spring.annotation.SchedulerLock;

/**
 * Records every step that is past due, once (the case's version names the step): one replica at a time looks, and a
 * second replica's look finds them recorded. A case waiting for the customer has no clock, so it is never late.
 */
@Component
class ServiceLevelWatch {

    private static final Logger log = LoggerFactory.getLogger(ServiceLevelWatch.class);

    private final JdbcClient jdbc;
    private final Clock clock;

    ServiceLevelWatch(JdbcClient jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    @Scheduled(fixedDelayString = "${santong.aftersales.watch-interval:PT1M}", initialDelayString = "${santong.aftersales.watch-interval:PT1M}")
    @SchedulerLock(name = "aftersales-sla-watch", lockAtMostFor = "PT5M")
    void watch() {
        try {
            recordLateSteps();
        } catch (RuntimeException e) {
            // The database may be briefly away: the next look finds the same late steps, nothing is lost.
            log.warn("service level watch failed: {}", e.toString());
        }
    }

    /** @return how many late steps were recorded now */
    int recordLateSteps() {
        String now = SqlTime.of(clock.instant());
        return jdbc.sql("""
                INSERT IGNORE INTO sla_breach (case_id, version, state, store_id, due_at, detected_at)
                SELECT id, version, status, opened_store, due_at, :now FROM aftersales_case WHERE due_at < :now""")
                .param("now", now).update();
    }
}
