package dev.santong.platform.kit.idempotency;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;

import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;

import dev.santong.platform.kit.persistence.SqlLike;
import dev.santong.platform.kit.persistence.SqlTime;

/**
 * The {@code idempotency_request} table a service brings in a Flyway migration: one row per caller and key, holding
 * the request's fingerprint, whether it is still being answered, and the response to replay once it is. Each call is
 * its own short transaction, so a key is claimed before the request's work begins and visible to a concurrent retry.
 */
public class IdempotencyRecords {

    /** What claiming a key found. */
    public sealed interface Claim {
    }

    /** The key is this request's now: answer it, then {@link #complete} or {@link #release}. */
    public record Claimed() implements Claim {
    }

    /** The key was answered before, for the same request. */
    public record Answered(int status, String contentType, String location, byte[] body) implements Claim {
    }

    /** The key was used for another request. */
    public record OtherRequest() implements Claim {
    }

    /** The same request is still being answered. */
    public record InFlight() implements Claim {
    }

    private static final Duration PURGE_EVERY = Duration.ofMinutes(1);

    private final JdbcClient jdbc;
    private final Clock clock;
    private final Duration lease;
    private final Duration retention;
    private final AtomicReference<Instant> lastPurge = new AtomicReference<>(Instant.EPOCH);

    /**
     * @param lease     how long a claimed key waits for its answer before a retry may take it over (a crashed replica)
     * @param retention how long an answer is replayed
     */
    public IdempotencyRecords(JdbcClient jdbc, Clock clock, Duration lease, Duration retention) {
        this.jdbc = jdbc;
        this.clock = clock;
        this.lease = lease;
        this.retention = retention;
    }

    public Claim claim(String scope, String fingerprint) {
        Instant now = clock.instant();
        purgeExpired(now);
        try {
            jdbc.sql("""
                    INSERT INTO idempotency_request (scope, fingerprint, state, locked_until, created_at, expires_at)
                    VALUES (:scope, :fingerprint, 'IN_FLIGHT', :lockedUntil, :now, :expires)""")
                    .param("scope", scope).param("fingerprint", fingerprint).param("lockedUntil", time(now.plus(lease)))
                    .param("now", time(now)).param("expires", time(now.plus(retention))).update();
            return new Claimed();
        } catch (DuplicateKeyException taken) {
            return existing(scope, fingerprint, now);
        }
    }

    private Claim existing(String scope, String fingerprint, Instant now) {
        Optional<Stored> stored = jdbc.sql("""
                SELECT fingerprint, state, locked_until, expires_at, response_status, response_content_type, response_location, response_body
                FROM idempotency_request WHERE scope = :scope""")
                .param("scope", scope)
                .query((rs, n) -> new Stored(rs.getString("fingerprint"), rs.getString("state"), rs.getTimestamp("locked_until").toInstant(),
                        rs.getTimestamp("expires_at").toInstant(), rs.getInt("response_status"), rs.getString("response_content_type"),
                        rs.getString("response_location"), rs.getBytes("response_body")))
                .optional();
        if (stored.isEmpty()) {
            // Released between the insert and this read: claim it afresh.
            return claim(scope, fingerprint);
        }
        Stored row = stored.get();
        if (row.expiresAt().isBefore(now)) {
            return takeOver(scope, fingerprint, now, "expires_at < :now") ? new Claimed() : existing(scope, fingerprint, now);
        }
        if (!row.fingerprint().equals(fingerprint)) {
            return new OtherRequest();
        }
        if (row.state().equals("ANSWERED")) {
            return new Answered(row.status(), row.contentType(), row.location(), row.body());
        }
        if (row.lockedUntil().isBefore(now) && takeOver(scope, fingerprint, now, "state = 'IN_FLIGHT' AND locked_until < :now")) {
            return new Claimed();
        }
        return new InFlight();
    }

    private boolean takeOver(String scope, String fingerprint, Instant now, String condition) {
        return jdbc.sql("""
                UPDATE idempotency_request SET fingerprint = :fingerprint, state = 'IN_FLIGHT', locked_until = :lockedUntil,
                    created_at = :now, expires_at = :expires, response_status = NULL, response_content_type = NULL,
                    response_location = NULL, response_body = NULL
                WHERE scope = :scope AND\s""" + condition)
                .param("scope", scope).param("fingerprint", fingerprint).param("lockedUntil", time(now.plus(lease)))
                .param("now", time(now)).param("expires", time(now.plus(retention))).update() == 1;
    }

    /** Keeps the answer for replay. */
    public void complete(String scope, int status, String contentType, String location, byte[] body) {
        jdbc.sql("""
                UPDATE idempotency_request SET state = 'ANSWERED', response_status = :status, response_content_type = :type,
                    response_location = :location, response_body = :body
                WHERE scope = :scope AND state = 'IN_FLIGHT'""")
                .param("scope", scope).param("status", status).param("type", contentType).param("location", location).param("body", body)
                .update();
    }

    /** Frees the key: the request was refused or failed, wrote nothing, and may be tried again. */
    public void release(String scope) {
        jdbc.sql("DELETE FROM idempotency_request WHERE scope = :scope AND state = 'IN_FLIGHT'").param("scope", scope).update();
    }

    /**
     * Drops every kept answer that mentions the value (an erased member's id): a kept response may carry personal data,
     * and an erasure must not leave it for the rest of the retention. Joins the caller's transaction.
     */
    public int forgetAnswersMentioning(String value) {
        if (value == null || value.isBlank()) {
            return 0;
        }
        return jdbc.sql("DELETE FROM idempotency_request WHERE response_body LIKE :pattern")
                .param("pattern", SqlLike.containing(value)).update();
    }

    private void purgeExpired(Instant now) {
        Instant last = lastPurge.get();
        if (now.isAfter(last.plus(PURGE_EVERY)) && lastPurge.compareAndSet(last, now)) {
            jdbc.sql("DELETE FROM idempotency_request WHERE expires_at < :now LIMIT 1000").param("now", time(now)).update();
        }
    }

    private static String time(Instant instant) {
        return SqlTime.of(instant);
    }

    private record Stored(String fingerprint, String state, Instant lockedUntil, Instant expiresAt, int status, String contentType,
            String location, byte[] body) {
    }
}
