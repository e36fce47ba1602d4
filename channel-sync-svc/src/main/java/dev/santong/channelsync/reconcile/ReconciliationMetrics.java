package dev.santong.channelsync.reconcile;

import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.MultiGauge;
import io.micrometer.core.instrument.Tags;

/**
 * Each store's reconciliation status for its recent business days (yesterday and today in UTC, which hold every
 * store's current and last day wherever it is): one series per store and day, 1, labelled with the status; a store
 * RED for long is the "store drifting" alert. Refreshed every {@code santong.sync.metrics.refresh}.
 */
@Component
class ReconciliationMetrics {

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
        LocalDate today = LocalDate.now(clock.withZone(ZoneOffset.UTC));
        List<MultiGauge.Row<?>> statusRows = new ArrayList<>();
        List<MultiGauge.Row<?>> missingRows = new ArrayList<>();
        for (LocalDate day : List.of(today.minusDays(1), today)) {
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
