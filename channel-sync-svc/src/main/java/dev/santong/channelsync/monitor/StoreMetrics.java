package dev.santong.channelsync.monitor;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

import dev.santong.channelsync.apply.ApplyWork;
import dev.santong.channelsync.upload.Conflicts;
import dev.santong.channelsync.upload.ReceivedTransactions;
import dev.santong.channelsync.upload.StoreContacts;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.MultiGauge;
import io.micrometer.core.instrument.Tags;

/**
 * The store health figures as gauges per store, for the alerts (a store's backlog ageing, quarantine growing, a store
 * gone quiet): read with one grouped query per figure, every {@code santong.sync.metrics.refresh}, on each replica
 * (every replica reports the same figures; the alerts take the largest).
 */
@Component
class StoreMetrics {

    private static final Logger log = LoggerFactory.getLogger(StoreMetrics.class);

    private final StoreContacts contacts;
    private final ReceivedTransactions received;
    private final ApplyWork work;
    private final Conflicts conflicts;
    private final Clock clock;
    private final MultiGauge backlog;
    private final MultiGauge backlogAge;
    private final MultiGauge quarantined;
    private final MultiGauge openConflicts;
    private final MultiGauge silence;

    StoreMetrics(StoreContacts contacts, ReceivedTransactions received, ApplyWork work, Conflicts conflicts, Clock clock, MeterRegistry meters) {
        this.contacts = contacts;
        this.received = received;
        this.work = work;
        this.conflicts = conflicts;
        this.clock = clock;
        this.backlog = MultiGauge.builder("santong.sync.apply.backlog").description("Work not applied yet, per store").register(meters);
        this.backlogAge = MultiGauge.builder("santong.sync.apply.backlog.age").baseUnit("seconds")
                .description("How long the store's oldest transaction not applied yet has waited since it arrived").register(meters);
        this.quarantined = MultiGauge.builder("santong.sync.quarantined").description("Quarantined work, per store").register(meters);
        this.openConflicts = MultiGauge.builder("santong.sync.conflicts.open").description("Conflicts waiting for HQ, per store").register(meters);
        this.silence = MultiGauge.builder("santong.sync.contact.age").baseUnit("seconds")
                .description("Time since the store's tills last reached Santong").register(meters);
    }

    @Scheduled(fixedDelayString = "${santong.sync.metrics.refresh:60s}", initialDelayString = "${santong.sync.metrics.initial-delay:5s}")
    void refresh() {
        try {
            read();
        } catch (RuntimeException e) {
            // The database may be briefly away: the last figures stay until the next read.
            log.warn("store figures not read: {}", e.toString());
        }
    }

    private void read() {
        Instant now = clock.instant();
        Map<String, Long> pending = work.countByStore(ApplyWork.Status.PENDING);
        Map<String, Long> held = work.countByStore(ApplyWork.Status.QUARANTINED);
        Map<String, Long> open = conflicts.openCountByStore();
        Map<String, Instant> oldest = received.oldestUnappliedByStore();
        Map<String, Instant> contact = contacts.lastContactByStore();
        // Every store with a figure, so a store's backlog going back to zero shows as zero rather than vanishing.
        TreeSet<String> stores = new TreeSet<>(contacts.known());
        List<MultiGauge.Row<?>> backlogRows = new ArrayList<>();
        List<MultiGauge.Row<?>> ageRows = new ArrayList<>();
        List<MultiGauge.Row<?>> quarantineRows = new ArrayList<>();
        List<MultiGauge.Row<?>> conflictRows = new ArrayList<>();
        List<MultiGauge.Row<?>> silenceRows = new ArrayList<>();
        for (String store : stores) {
            Tags tags = Tags.of("store", store);
            backlogRows.add(MultiGauge.Row.of(tags, pending.getOrDefault(store, 0L)));
            ageRows.add(MultiGauge.Row.of(tags, oldest.containsKey(store) ? Duration.between(oldest.get(store), now).toSeconds() : 0));
            quarantineRows.add(MultiGauge.Row.of(tags, held.getOrDefault(store, 0L)));
            conflictRows.add(MultiGauge.Row.of(tags, open.getOrDefault(store, 0L)));
            if (contact.containsKey(store)) {
                silenceRows.add(MultiGauge.Row.of(tags, Duration.between(contact.get(store), now).toSeconds()));
            }
        }
        backlog.register(backlogRows, true);
        backlogAge.register(ageRows, true);
        quarantined.register(quarantineRows, true);
        openConflicts.register(conflictRows, true);
        silence.register(silenceRows, true);
    }
}
