package dev.santong.gateway.ratelimit;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.LongSupplier;
import java.util.function.Supplier;

import org.springframework.stereotype.Component;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;

import reactor.core.publisher.Mono;

/**
 * Permits this replica took from a caller's shared limit in Redis ahead of need: a busy caller's requests are counted
 * in memory, and Redis is asked once per lease instead of once per request. A lease is a twentieth of the caller's
 * quota (at most {@link #MAX_LEASE}); a caller whose quota is under 40 a period gets no lease, so small limits stay
 * exact. Leased permits are taken from the shared limit, so all replicas together never let more through than it
 * allows; what a lease has left when its period ends is dropped (never carried into the next), which only makes the
 * limit a little stricter for callers spread over many replicas. A replica asks for one lease of a caller at a time
 * ({@link #renewal}): the caller's requests that find the lease used up meanwhile wait for that answer.
 */
@Component
class RateLimitLeases {

    static final long MAX_LEASE = 100;
    private static final long MAX_CALLERS = 100_000;

    private final Cache<String, Lease> leases;
    /** The request to Redis for a caller's next lease, while one is under way; removed when it ends. */
    private final Map<String, Mono<Boolean>> renewals = new ConcurrentHashMap<>();
    private final LongSupplier nanoTime;

    RateLimitLeases() {
        this(System::nanoTime);
    }

    RateLimitLeases(LongSupplier nanoTime) {
        this.nanoTime = nanoTime;
        this.leases = Caffeine.newBuilder().maximumSize(MAX_CALLERS).expireAfterAccess(Duration.ofMinutes(5)).build();
    }

    /** Permits a lease for this limit holds: 1 means no lease, every request asks Redis. */
    static long sizeFor(RateLimitProperties.Limit limit) {
        return Math.max(1, Math.min(MAX_LEASE, limit.requests() / 20));
    }

    /** Takes one permit from the caller's lease; false when it has none left, or it is past its period. */
    boolean tryTake(String caller) {
        Lease lease = current(caller);
        return lease != null && lease.left().getAndUpdate(left -> left > 0 ? left - 1 : 0) > 0;
    }

    /**
     * The caller's lease request under way, or {@code takeLease} started as the one; every request that finds the lease
     * used up subscribes to the same answer (whether Redis gave a lease), so Redis is asked once however many wait.
     * When a lease came in since the request found none (another request's, just ended), the answer is that one: a
     * new lease would replace it with its permits. {@code takeLease} stores the lease before its answer, and the
     * request stays here until it ended, so no lease is stored while this looks.
     */
    Mono<Boolean> renewal(String caller, Supplier<Mono<Boolean>> takeLease) {
        return Mono.defer(() -> {
            AtomicReference<Mono<Boolean>> answer = new AtomicReference<>();
            renewals.compute(caller, (key, underWay) -> {
                if (underWay != null) {
                    answer.set(underWay);
                    return underWay;
                }
                if (hasPermits(key)) {
                    answer.set(Mono.just(true));
                    return null;
                }
                AtomicReference<Mono<Boolean>> self = new AtomicReference<>();
                Mono<Boolean> shared = takeLease.get().doFinally(signal -> renewals.remove(key, self.get())).cache();
                self.set(shared);
                answer.set(shared);
                return shared;
            });
            return answer.get();
        });
    }

    private boolean hasPermits(String caller) {
        Lease lease = current(caller);
        return lease != null && lease.left().get() > 0;
    }

    /** The caller's lease while its period lasts; none before the first or after it ended. */
    private Lease current(String caller) {
        Lease lease = leases.getIfPresent(caller);
        return lease != null && nanoTime.getAsLong() < lease.validUntil() ? lease : null;
    }

    /** Keeps {@code permits} just taken from Redis for the caller's next requests, for at most one period. */
    void lease(String caller, long permits, Duration period) {
        if (permits > 0) {
            leases.put(caller, new Lease(new AtomicLong(permits), nanoTime.getAsLong() + period.toNanos()));
        }
    }

    private record Lease(AtomicLong left, long validUntil) {
    }
}
