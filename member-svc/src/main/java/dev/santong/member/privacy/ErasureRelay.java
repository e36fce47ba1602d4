package dev.santong.member.privacy;

import java.net.URI;
import java.net.http.HttpClient;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

import org.apache.commons.codec.digest.DigestUtils;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.core.env.Environment;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.client.JdkClientHttpRequestFactory;
import org.springframework.modulith.events.ApplicationModuleListener;
import org.springframework.stereotype.Component;
import org.springframework.web.client.RestClient;

import dev.santong.platform.kit.outbox.Outbox;
import dev.santong.platform.kit.outbox.OutboxEvent;
import dev.santong.platform.kit.privacy.ErasureNotice;
import dev.santong.platform.kit.security.ServiceAccountTokens;
import dev.santong.platform.kit.web.Page;

import io.swagger.v3.oas.annotations.media.Schema;

/**
 * Relays an erasure to every service that keeps data about members (channel-sync-svc's raw batches, service-svc's
 * cases) through the suite's outbox: one event per service, published in the erasure's own database transaction,
 * delivered after commit with member-svc's service token and the key {@code erasure-<memberId>}, tried again with
 * backoff while a service is down and held for HQ's replay after {@code santong.outbox.max-attempts}. A service finds
 * the member by the SHA-256 digests of the erased values; the values themselves never leave the erasure, and the
 * event (digests included) is gone once delivered.
 */
@Component
class ErasureRelay {

    /** What one service is told: the erased member's ids and the digests of its erased values. */
    record ErasureToDeliver(String memberId, String service, List<String> memberIds, List<String> digests) implements OutboxEvent {

        /** One per member and service; HQ sees this, never the digests. */
        @Override
        public String key() {
            return "erasure-" + memberId + " to " + service;
        }

        String idempotencyKey() {
            return "erasure-" + memberId;
        }
    }

    @Schema(example = """
            {"id": "2f6d3c1e-8b4a-4e7d-9c21-6a5b4f3e2d10", "memberId": "01a20bc5-f360-7b8a-b1b7-947ef07e36c8", "service": "service-svc", \
            "status": "FAILED", "attempts": 3, "quarantined": false, "lastError": "HTTP 503", "createdAt": "2026-11-23T08:00:00Z", \
            "lastAttemptAt": "2026-11-23T08:04:00Z"}""")
    public record Delivery(String id, String memberId, String service, String status, int attempts, boolean quarantined, String lastError,
            Instant createdAt, Instant lastAttemptAt) {
    }

    private static final String REGISTRATION = "member-svc";

    private final ApplicationEventPublisher events;
    private final Outbox outbox;
    private final Map<String, String> hooks;
    private final ServiceAccountTokens tokens;
    private final RestClient http;

    ErasureRelay(ApplicationEventPublisher events, Outbox outbox, Environment environment, ServiceAccountTokens tokens,
            RestClient.Builder observedClient) {
        this.events = events;
        this.outbox = outbox;
        // A hook set to nothing is switched off (a deployment, or a test, without that service).
        this.hooks = new java.util.TreeMap<>(Binder.get(environment).bind("santong.privacy.erasure-hooks", Bindable.mapOf(String.class, String.class))
                .orElse(Map.of()));
        this.hooks.values().removeIf(url -> url == null || url.isBlank());
        this.tokens = tokens;
        JdkClientHttpRequestFactory requests = new JdkClientHttpRequestFactory(HttpClient.newBuilder()
                .connectTimeout(Duration.ofSeconds(2)).build());
        requests.setReadTimeout(Duration.ofSeconds(10));
        // Boot's builder: each relay call is a span of the erasure's trace and carries it on in traceparent.
        this.http = observedClient.requestFactory(requests).build();
    }

    /** One delivery per service; call in the erasure's database transaction (the event is stored with it). */
    void plan(String memberId, Collection<String> memberIds, Collection<String> erasedValues) {
        TreeSet<String> digests = new TreeSet<>();
        erasedValues.stream().filter(value -> value != null && !value.isBlank()).forEach(value -> {
            digests.add(digest(value));
            digests.add(digest(value.toLowerCase(java.util.Locale.ROOT)));
        });
        for (String service : hooks.keySet()) {
            events.publishEvent(new ErasureToDeliver(memberId, service, List.copyOf(new TreeSet<>(memberIds)), List.copyOf(digests)));
        }
    }

    /** How a value is found elsewhere without being sent: its SHA-256, hex, as the receiving services compute it. */
    public static String digest(String value) {
        return DigestUtils.sha256Hex(value.trim());
    }

    /** After the erasure committed; a failure (thrown) leaves the event to the outbox's retries. */
    @ApplicationModuleListener
    void deliver(ErasureToDeliver erasure) {
        String base = hooks.get(erasure.service());
        if (base == null) {
            throw new IllegalStateException("no erasure hook configured for " + erasure.service());
        }
        http.post().uri(URI.create(base + "/internal/members/" + erasure.memberId() + "/erasure"))
                .header(HttpHeaders.AUTHORIZATION, "Bearer " + tokens.token(REGISTRATION))
                .header("Idempotency-Key", erasure.idempotencyKey())
                .contentType(MediaType.APPLICATION_JSON).body(new ErasureNotice(erasure.memberIds(), erasure.digests()))
                .retrieve().toBodilessEntity();
    }

    /** Erasures a service has not confirmed yet, oldest first, for HQ (the outbox's entries for erasures). */
    public Page<Delivery> undelivered(String cursor, int limit) {
        return outbox.undelivered(entry -> ErasureToDeliver.class.getSimpleName().equals(entry.eventType()) && entry.key() != null, cursor, limit)
                .map(entry -> {
                    String[] memberAndService = entry.key().substring("erasure-".length()).split(" to ", 2);
                    return new Delivery(entry.id().toString(), memberAndService[0], memberAndService[1], entry.status().name(), entry.attempts(),
                            entry.quarantined(), entry.lastError(), entry.publishedAt(), entry.lastAttemptAt());
                });
    }
}
