package dev.santong.platform.kit.outbox;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;

import org.springframework.modulith.events.core.EventPublicationRegistry;
import org.springframework.modulith.events.core.TargetEventPublication;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;

/**
 * The outbox's backlog for alerts: events waiting to be delivered (still being retried) and events held for HQ after
 * their last attempt, and how long the oldest has waited. Read from the registry at most once per {@code refresh}, so
 * frequent scrapes by several Prometheus servers do not each read the table.
 */
class OutboxMetrics implements MeterBinder {

    private record Snapshot(Instant takenAt, long waiting, long held, double oldestAgeSeconds) {
    }

    private final EventPublicationRegistry registry;
    private final OutboxProperties properties;
    private final Clock clock;
    private final Duration refresh;
    private volatile Snapshot snapshot;

    OutboxMetrics(EventPublicationRegistry registry, OutboxProperties properties, Clock clock, Duration refresh) {
        this.registry = registry;
        this.properties = properties;
        this.clock = clock;
        this.refresh = refresh;
    }

    @Override
    public void bindTo(MeterRegistry meters) {
        Gauge.builder("santong.outbox.backlog", this, metrics -> metrics.current().waiting()).tag("state", "waiting")
                .description("Events not delivered yet that are still being retried").register(meters);
        Gauge.builder("santong.outbox.backlog", this, metrics -> metrics.current().held()).tag("state", "held")
                .description("Events whose attempts ran out, held until HQ replays them").register(meters);
        Gauge.builder("santong.outbox.oldest.age", this, metrics -> metrics.current().oldestAgeSeconds()).baseUnit("seconds")
                .description("How long the oldest undelivered event has waited").register(meters);
    }

    private Snapshot current() {
        Instant now = clock.instant();
        Snapshot last = snapshot;
        if (last != null && last.takenAt().plus(refresh).isAfter(now)) {
            return last;
        }
        Collection<TargetEventPublication> incomplete = registry.findIncompletePublications();
        long held = incomplete.stream().filter(publication -> publication.getCompletionAttempts() >= properties.maxAttempts()).count();
        double oldest = incomplete.stream().map(TargetEventPublication::getPublicationDate).min(Instant::compareTo)
                .map(date -> Duration.between(date, now).toMillis() / 1000.0).orElse(0.0);
        Snapshot taken = new Snapshot(now, incomplete.size() - held, held, oldest);
        snapshot = taken;
        return taken;
    }
}
