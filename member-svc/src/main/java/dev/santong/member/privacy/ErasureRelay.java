package dev.santong.member.privacy;

import java.net.URI;
import java.net.http.HttpClient;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;

import org.apache.commons.codec.digest.DigestUtils;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.core.env.Environment;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.client.JdkClientHttpRequestFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;
import org.springframework.web.client.RestClient;

import dev.santong.platform.kit.persistence.SqlTime;
import dev.santong.platform.kit.persistence.WorkBackoff;
import dev.santong.platform.kit.privacy.ErasureNotice;
import dev.santong.platform.kit.security.ServiceAccountTokens;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/**
 * Relays an erasure to every service that keeps data about members (channel-sync-svc's raw batches, service-svc's
 * cases): planned in the erasure's own database transaction, then delivered by any replica (rows claimed with
 * {@code SKIP LOCKED}) with member-svc's service token and the key {@code erasure-<memberId>}, retried with backoff
 * while a service is down, never given up. A service finds the member by the SHA-256 digests of the erased values;
 * the values themselves never leave the erasure, and the digests are cleared once delivered.
 */
@Component
class ErasureRelay {

    public record Delivery(long id, String memberId, String service, String status, int attempts, Instant nextAttemptAt, String lastError,
            Instant createdAt, Instant deliveredAt) {
    }

    /** A due delivery, with what it sends (the digests are never part of what HQ reads). */
    private record Claimed(Delivery delivery, ErasureNotice notice) {
    }

    private static final Logger log = LoggerFactory.getLogger(ErasureRelay.class);
    private static final String REGISTRATION = "member-svc";

    private final JdbcClient jdbc;
    private final TransactionTemplate transactions;
    private final JsonMapper json;
    private final Clock clock;
    private final Map<String, String> hooks;
    private final ServiceAccountTokens tokens;
    private final RestClient http;
    private final WorkBackoff backoff;

    ErasureRelay(JdbcClient jdbc, TransactionTemplate transactions, JsonMapper json, Clock clock, Environment environment,
            ServiceAccountTokens tokens, @Value("${santong.privacy.relay-initial-backoff:2s}") Duration initialBackoff,
            @Value("${santong.privacy.relay-max-backoff:10m}") Duration maxBackoff) {
        this.jdbc = jdbc;
        this.transactions = transactions;
        this.json = json;
        this.clock = clock;
        // A hook set to nothing is switched off (a deployment, or a test, without that service).
        this.hooks = new java.util.TreeMap<>(Binder.get(environment).bind("santong.privacy.erasure-hooks", Bindable.mapOf(String.class, String.class))
                .orElse(Map.of()));
        this.hooks.values().removeIf(url -> url == null || url.isBlank());
        this.tokens = tokens;
        JdkClientHttpRequestFactory requests = new JdkClientHttpRequestFactory(HttpClient.newBuilder()
                .connectTimeout(Duration.ofSeconds(2)).build());
        requests.setReadTimeout(Duration.ofSeconds(10));
        this.http = RestClient.builder().requestFactory(requests).build();
        this.backoff = new WorkBackoff(initialBackoff, maxBackoff);
    }

    /** Plans one delivery per service; call in the erasure's database transaction. A second erasure plans nothing. */
    void plan(String memberId, Collection<String> memberIds, Collection<String> erasedValues) {
        TreeSet<String> digests = new TreeSet<>();
        erasedValues.stream().filter(value -> value != null && !value.isBlank()).forEach(value -> {
            digests.add(digest(value));
            digests.add(digest(value.toLowerCase(java.util.Locale.ROOT)));
        });
        Instant now = clock.instant();
        for (String service : hooks.keySet()) {
            jdbc.sql("""
                    INSERT IGNORE INTO erasure_relay (member_id, service, member_ids, digests, status, attempts, next_attempt_at, created_at)
                    VALUES (:member, :service, :ids, :digests, 'PENDING', 0, :now, :now)""")
                    .param("member", memberId).param("service", service).param("ids", json.writeValueAsString(new TreeSet<>(memberIds)))
                    .param("digests", json.writeValueAsString(digests)).param("now", SqlTime.of(now)).update();
        }
    }

    /** How a value is found elsewhere without being sent: its SHA-256, hex, as the receiving services compute it. */
    public static String digest(String value) {
        return DigestUtils.sha256Hex(value.trim());
    }

    @Scheduled(fixedDelayString = "${santong.privacy.relay-poll:2s}", initialDelayString = "${santong.privacy.relay-poll:2s}")
    void deliverDue() {
        try {
            while (deliverBatch(10) == 10) {
                // keep going while a backlog is due
            }
        } catch (RuntimeException e) {
            // The database may be briefly away; the next poll tries again and nothing planned is lost.
            log.warn("erasure relay poll failed: {}", e.toString());
        }
    }

    /** @return how many rows were claimed */
    int deliverBatch(int limit) {
        Integer claimed = transactions.execute(status -> {
            Instant now = clock.instant();
            List<Claimed> due = jdbc.sql("""
                    SELECT * FROM erasure_relay WHERE status = 'PENDING' AND next_attempt_at <= :now
                    ORDER BY next_attempt_at LIMIT :n FOR UPDATE SKIP LOCKED""")
                    .param("now", SqlTime.of(now)).param("n", limit)
                    .query((rs, n) -> new Claimed(delivery(rs, n), new ErasureNotice(strings(rs.getString("member_ids")),
                            strings(rs.getString("digests")))))
                    .list();
            for (Claimed next : due) {
                Delivery delivery = next.delivery();
                Optional<String> failure = deliver(delivery, next.notice());
                if (failure.isEmpty()) {
                    jdbc.sql("""
                            UPDATE erasure_relay SET status = 'DELIVERED', digests = NULL, attempts = attempts + 1, delivered_at = :now,
                                last_error = NULL WHERE id = :id""")
                            .param("now", SqlTime.of(clock.instant())).param("id", delivery.id()).update();
                } else {
                    log.warn("erasure of member {} not yet delivered to {} (attempt {}): {}", delivery.memberId(), delivery.service(),
                            delivery.attempts() + 1, failure.get());
                    jdbc.sql("UPDATE erasure_relay SET attempts = attempts + 1, next_attempt_at = :next, last_error = :error WHERE id = :id")
                            .param("next", SqlTime.of(clock.instant().plus(backoff.after(delivery.attempts() + 1))))
                            .param("error", failure.get().length() > 300 ? failure.get().substring(0, 300) : failure.get())
                            .param("id", delivery.id()).update();
                }
            }
            return due.size();
        });
        return claimed == null ? 0 : claimed;
    }

    private Optional<String> deliver(Delivery delivery, ErasureNotice notice) {
        String base = hooks.get(delivery.service());
        if (base == null) {
            return Optional.of("no hook configured for " + delivery.service());
        }
        try {
            http.post().uri(URI.create(base + "/internal/members/" + delivery.memberId() + "/erasure"))
                    .header(HttpHeaders.AUTHORIZATION, "Bearer " + tokens.token(REGISTRATION))
                    .header("Idempotency-Key", "erasure-" + delivery.memberId())
                    .contentType(MediaType.APPLICATION_JSON).body(notice).retrieve().toBodilessEntity();
            return Optional.empty();
        } catch (RuntimeException e) {
            // Status and class only: a remote's error text is not ours to log.
            return Optional.of(e instanceof org.springframework.web.client.RestClientResponseException response
                    ? "HTTP " + response.getStatusCode().value() : e.getClass().getSimpleName());
        }
    }

    private List<String> strings(String jsonArray) {
        return jsonArray == null ? List.of() : json.readValue(jsonArray, new TypeReference<List<String>>() { });
    }

    /** Deliveries not yet confirmed, oldest first, for HQ. */
    public List<Delivery> undelivered(int limit) {
        return jdbc.sql("SELECT * FROM erasure_relay WHERE status = 'PENDING' ORDER BY created_at, id LIMIT :n").param("n", limit)
                .query(ErasureRelay::delivery).list();
    }

    private static Delivery delivery(java.sql.ResultSet rs, int n) throws java.sql.SQLException {
        java.sql.Timestamp delivered = rs.getTimestamp("delivered_at");
        return new Delivery(rs.getLong("id"), rs.getString("member_id"), rs.getString("service"), rs.getString("status"), rs.getInt("attempts"),
                rs.getTimestamp("next_attempt_at").toInstant(), rs.getString("last_error"), rs.getTimestamp("created_at").toInstant(),
                delivered == null ? null : delivered.toInstant());
    }
}
