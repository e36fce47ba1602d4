package dev.santong.platform.kit.outbox;

import java.time.Clock;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.modulith.events.EventPublication;
import org.springframework.modulith.events.IncompleteEventPublications;
import org.springframework.modulith.events.core.EventPublicationRegistry;
import org.springframework.modulith.events.core.TargetEventPublication;
import org.springframework.scheduling.annotation.Scheduled;

import dev.santong.platform.kit.persistence.WorkBackoff;
import dev.santong.platform.kit.web.Cursor;
import dev.santong.platform.kit.web.Page;
import net.javacrumbs.shedlock.spring.annotation.SchedulerLock;

import io.swagger.v3.oas.annotations.media.Schema;

/**
 * The service's outbox as HQ sees it, and the worker that tries failed deliveries again. A delivery that failed waits
 * (doubling from {@code initial-backoff} to {@code max-backoff}, jitter fixed per publication) and is resubmitted to its
 * listener; after {@code max-attempts} it stays failed, quarantined, until HQ replays it. One replica works at a time
 * (ShedLock); every delivery carries the event's key, so a repeated one is harmless at the receiver.
 */
public class Outbox {

    private static final Logger log = LoggerFactory.getLogger(Outbox.class);

    /**
     * @param listener    the listener that delivers it ({@code Class.method})
     * @param quarantined tried {@code max-attempts} times: waits for HQ's replay
     * @param lastError   why the last attempt failed (an HTTP status or an exception class, never a remote's text)
     */
    @Schema(example = """
            {"id": "2f6d3c1e-8b4a-4e7d-9c21-6a5b4f3e2d10", "eventType": "CaseEffectToDeliver", "key": "case-0b7e2c4a-reverse-points", \
            "listener": "dev.santong.aftersales.cases.CaseEffects.deliver(CaseEffectToDeliver)", "status": "FAILED", "attempts": 2, \
            "publishedAt": "2026-11-22T09:00:00Z", "lastAttemptAt": "2026-11-22T09:00:05Z", "quarantined": false, "lastError": "HTTP 503"}""")
    public record Entry(UUID id, String eventType, String key, String listener, EventPublication.Status status, int attempts,
            Instant publishedAt, Instant lastAttemptAt, boolean quarantined, String lastError) {
    }

    public enum Replay { REPLAYED, NOT_FOUND, IN_FLIGHT }

    private final EventPublicationRegistry registry;
    private final IncompleteEventPublications incomplete;
    private final OutboxFailures failures;
    private final OutboxProperties properties;
    private final WorkBackoff backoff;
    private final Clock clock;

    Outbox(EventPublicationRegistry registry, IncompleteEventPublications incomplete, OutboxFailures failures, OutboxProperties properties,
            Clock clock) {
        this.registry = registry;
        this.incomplete = incomplete;
        this.failures = failures;
        this.properties = properties;
        this.backoff = new WorkBackoff(properties.initialBackoff(), properties.maxBackoff());
        this.clock = clock;
    }

    /** Events not delivered yet (or only the quarantined ones), oldest first, a page at a time. */
    public Page<Entry> undelivered(boolean quarantinedOnly, String cursor, int limit) {
        return undelivered(entry -> !quarantinedOnly || entry.quarantined(), cursor, limit);
    }

    /** The undelivered events a filter keeps, oldest first, a page at a time; the cursor is the last one's time and id. */
    public Page<Entry> undelivered(java.util.function.Predicate<Entry> kept, String cursor, int limit) {
        Optional<Position> after = Cursor.parse(cursor, 2).map(Position::of);
        Map<OutboxFailures.Key, String> errors = failures.all();
        List<Entry> fetched = registry.findIncompletePublications().stream()
                .map(publication -> entry(publication, errors))
                .filter(kept)
                .filter(entry -> after.map(last -> last.isBefore(entry)).orElse(true))
                .sorted(Comparator.comparing(Entry::publishedAt).thenComparing(Entry::id))
                .limit(limit + 1L)
                .toList();
        return Page.of(fetched, limit, last -> Cursor.of(last.publishedAt().toString(), last.id().toString()));
    }

    /** Where a page ended: the last entry's publication time and id, the list's order. */
    private record Position(Instant publishedAt, UUID id) {

        static Position of(Cursor cursor) {
            try {
                return new Position(Instant.parse(cursor.key(0)), UUID.fromString(cursor.key(1)));
            } catch (RuntimeException notOurs) {
                throw Cursor.notGivenOut();
            }
        }

        boolean isBefore(Entry entry) {
            int byTime = entry.publishedAt().compareTo(publishedAt);
            return byTime > 0 || byTime == 0 && entry.id().compareTo(id) > 0;
        }
    }

    /** HQ's replay after a fix: the failed delivery is tried again now, whatever its attempts. */
    public Replay replay(UUID id) {
        Optional<TargetEventPublication> publication = registry.findIncompletePublications().stream()
                .filter(candidate -> candidate.getIdentifier().equals(id)).findFirst();
        if (publication.isEmpty()) {
            return Replay.NOT_FOUND;
        }
        if (publication.get().getStatus() != EventPublication.Status.FAILED) {
            return Replay.IN_FLIGHT;
        }
        incomplete.resubmitIncompletePublications(candidate -> candidate.getIdentifier().equals(id)
                && candidate.getStatus() == EventPublication.Status.FAILED);
        return Replay.REPLAYED;
    }

    @Scheduled(fixedDelayString = "${santong.outbox.poll:2s}", initialDelayString = "${santong.outbox.poll:2s}")
    @SchedulerLock(name = "outbox-redelivery", lockAtMostFor = "PT5M")
    public void redeliverDue() {
        Instant now = clock.instant();
        try {
            incomplete.resubmitIncompletePublications(publication -> publication.getStatus() == EventPublication.Status.FAILED
                    && publication.getCompletionAttempts() < properties.maxAttempts() && !dueAt(publication).isAfter(now));
        } catch (RuntimeException e) {
            // The database may be briefly away; the next poll looks again and nothing stored is lost.
            log.warn("outbox redelivery poll failed: {}", e.toString());
        }
    }

    private Instant dueAt(EventPublication publication) {
        Instant lastAttempt = publication.getLastResubmissionDate() != null ? publication.getLastResubmissionDate()
                : publication.getPublicationDate();
        return lastAttempt.plus(backoff.after(publication.getCompletionAttempts(), publication.getIdentifier().getLeastSignificantBits()));
    }

    private Entry entry(TargetEventPublication publication, Map<OutboxFailures.Key, String> errors) {
        Object event = publication.getEvent();
        String key = event instanceof OutboxEvent outboxEvent ? outboxEvent.key() : null;
        String type = event.getClass().getName();
        boolean quarantined = publication.getStatus() == EventPublication.Status.FAILED
                && publication.getCompletionAttempts() >= properties.maxAttempts();
        return new Entry(publication.getIdentifier(), event.getClass().getSimpleName(), key, listener(publication.getTargetIdentifier().getValue()),
                publication.getStatus(), publication.getCompletionAttempts(), publication.getPublicationDate(),
                publication.getLastResubmissionDate(), quarantined, key == null ? null : errors.get(new OutboxFailures.Key(type, key)));
    }

    /** {@code void dev.santong.x.Relay.deliver(dev.santong.x.Event)} → {@code Relay.deliver}. */
    static String listener(String identifier) {
        String signature = identifier.contains("(") ? identifier.substring(0, identifier.indexOf('(')) : identifier;
        signature = signature.substring(signature.lastIndexOf(' ') + 1);
        int method = signature.lastIndexOf('.');
        int type = method > 0 ? signature.lastIndexOf('.', method - 1) : -1;
        return signature.substring(type + 1);
    }
}
