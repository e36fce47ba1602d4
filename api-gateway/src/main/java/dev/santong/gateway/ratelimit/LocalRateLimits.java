package dev.santong.gateway.ratelimit;

import java.time.Duration;

import org.springframework.stereotype.Component;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;

import io.github.resilience4j.ratelimiter.RateLimiter;
import io.github.resilience4j.ratelimiter.RateLimiterConfig;

/**
 * The limits a replica keeps on its own while Redis is out of reach: the same quota per caller, counted in this
 * replica only (so N replicas let up to N times through). Bounded: callers idle for a while are forgotten, and at most
 * {@code MAX_CALLERS} are kept, so a flood of addresses cannot fill the heap.
 */
@Component
class LocalRateLimits {

    private static final long MAX_CALLERS = 100_000;

    private final Cache<String, RateLimiter> limiters;

    LocalRateLimits() {
        this.limiters = Caffeine.newBuilder().maximumSize(MAX_CALLERS).expireAfterAccess(Duration.ofMinutes(5)).build();
    }

    boolean tryAcquire(String key, RateLimitProperties.Limit limit) {
        RateLimiter limiter = limiters.get(key + "|" + limit.requests() + "/" + limit.period(), ignored -> RateLimiter.of(key,
                RateLimiterConfig.custom().limitForPeriod((int) Math.min(Integer.MAX_VALUE, limit.requests()))
                        .limitRefreshPeriod(limit.period()).timeoutDuration(Duration.ZERO).build()));
        return limiter.acquirePermission();
    }
}
