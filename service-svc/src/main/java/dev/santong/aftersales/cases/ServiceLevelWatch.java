package dev.santong.aftersales.cases;

import java.time.Clock;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.MultiGauge;
import io.micrometer.core.instrument.Tags;
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
    private final Counter breaches;
    private final MultiGauge cases;
    private final MultiGauge overdue;

    ServiceLevelWatch(JdbcClient jdbc, Clock clock, MeterRegistry meters) {
        this.jdbc = jdbc;
        this.clock = clock;
        this.breaches = Counter.builder("santong.aftersales.sla.breaches").description("Steps recorded as past due, each once")
                .register(meters);
        this.cases = MultiGauge.builder("santong.aftersales.cases").description("Cases per type and state").register(meters);
        this.overdue = MultiGauge.builder("santong.aftersales.overdue").description("Open cases past the due time of their step, per state")
                .register(meters);
    }

    /**
     * Cases per type and state, and the late ones per state, for the dashboards and alerts; on every replica (the same
     * figures). Every type and state has a series, zero when no case is in it, so a count going to zero shows as zero.
     */
    @Scheduled(fixedDelayString = "${santong.aftersales.metrics-refresh:PT1M}", initialDelayString = "PT5S")
    void refreshGauges() {
        try {
            java.util.Map<String, Long> counted = new java.util.HashMap<>();
            jdbc.sql("SELECT type, status, COUNT(*) FROM aftersales_case GROUP BY type, status")
                    .query((rs, n) -> counted.put(rs.getString(1) + "/" + rs.getString(2), rs.getLong(3))).list();
            java.util.Map<String, Long> late = new java.util.HashMap<>();
            jdbc.sql("SELECT status, COUNT(*) FROM aftersales_case WHERE due_at < :now GROUP BY status")
                    .param("now", SqlTime.of(clock.instant()))
                    .query((rs, n) -> late.put(rs.getString(1), rs.getLong(2))).list();
            java.util.List<MultiGauge.Row<?>> caseRows = new java.util.ArrayList<>();
            java.util.List<MultiGauge.Row<?>> lateRows = new java.util.ArrayList<>();
            for (CaseLifecycle.State state : CaseLifecycle.State.values()) {
                for (CaseType type : CaseType.values()) {
                    caseRows.add(MultiGauge.Row.of(Tags.of("type", type.name(), "state", state.name()),
                            counted.getOrDefault(type.name() + "/" + state.name(), 0L)));
                }
                if (!state.isFinal()) {
                    lateRows.add(MultiGauge.Row.of(Tags.of("state", state.name()), late.getOrDefault(state.name(), 0L)));
                }
            }
            cases.register(caseRows, true);
            overdue.register(lateRows, true);
        } catch (RuntimeException e) {
            log.warn("case figures not read: {}", e.toString());
        }
    }

    @Scheduled(fixedDelayString = "${santong.aftersales.watch-interval:PT1M}", initialDelayString = "${santong.aftersales.watch-interval:PT1M}")
    @SchedulerLock(name = "aftersales-sla-watch", lockAtMostFor = "PT5M")
    void watch() {
        try {
            breaches.increment(recordLateSteps());
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
