package dev.santong.channelsync.reconcile;

import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.MultiGauge;
import io.micrometer.core.instrument.Tags;

/**
 * Each store's reconciliation status for its recent business days (yesterday, today and tomorrow in UTC, which hold
 * every store's current and last day in any zone from UTC-12 to UTC+14): one series per store and day, 1, labelled
 * with the status; a store RED for long is the "store drifting" alert. Refreshed every
 * {@code santong.sync.metrics.refresh}; a failed read (the database briefly away) leaves the last figures.
 */
@Component
class ReconciliationMetrics {

    private static final Logger log = LoggerFactory.getLogger(ReconciliationMetrics.class);

    private final DayTransactions days;
    private final Reconciliation reconciliation;
    private final Clock clock;
    private final MultiGauge status;
    private final MultiGauge missing;

    ReconciliationMetrics(DayTransactions days, Reconciliation reconciliation, Clock clock, MeterRegistry meters) {
        this.days = days;
        this.reconciliation = reconciliation;
        this.clock = clock;
        this.status = MultiGauge.builder("santong.sync.reconciliation")
                .description("1 for a store's business day, labelled with its reconciliation status").register(meters);
        this.missing = MultiGauge.builder("santong.sync.reconciliation.missing")
                .description("Transactions the store's day close declares that Santong has not received").register(meters);
    }

    @Scheduled(fixedDelayString = "${santong.sync.metrics.refresh:60s}", initialDelayString = "${santong.sync.metrics.initial-delay:5s}")
    void refresh() {
        try {
            read();
        } catch (RuntimeException e) {
            log.warn("reconciliation figures not read: {}", e.toString());
        }
    }

    private void read() {
        LocalDate today = LocalDate.now(clock.withZone(ZoneOffset.UTC));
        List<MultiGauge.Row<?>> statusRows = new ArrayList<>();
        List<MultiGauge.Row<?>> missingRows = new ArrayList<>();
        for (LocalDate day : List.of(today.minusDays(1), today, today.plusDays(1))) {
            for (String store : days.storesOf(day)) {
                Reconciliation.Report report = reconciliation.report(store, day);
                Tags tags = Tags.of("store", store, "day", day.toString());
                statusRows.add(MultiGauge.Row.of(tags.and("status", report.status().name()), 1));
                missingRows.add(MultiGauge.Row.of(tags, report.missing().size()));
            }
        }
        status.register(statusRows, true);
        missing.register(missingRows, true);
    }
}
