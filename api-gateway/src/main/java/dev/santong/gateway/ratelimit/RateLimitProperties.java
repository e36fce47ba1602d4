package dev.santong.gateway.ratelimit;

import java.time.Duration;
import java.util.Map;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * @param requests  requests one caller may make per {@code period} when its class has no limit of its own
 * @param period    the window that default applies to
 * @param keyPrefix Redis key prefix of the limiters (tests isolate themselves with their own)
 * @param classes   the limit of each caller class: {@code shopper} (each shopper), {@code store} (all of a store's tills
 *                  and staff together), {@code shop-backend} (the shop's server, one client serving every shopper),
 *                  {@code hq} (each HQ user), {@code anonymous} (reads without a token, per client address); others get the
 *                  default
 * @param trustedProxies how many proxies in front of the gateway append to {@code X-Forwarded-For} (the cluster's
 *                  ingress: 1); 0 counts the connection's own address. Entries a client wrote itself are never trusted.
 * @param redisTimeout how long a request waits for Redis's answer before its when-redis-down mode decides
 * @param whenRedisDown what the limit does while Redis cannot be reached (ADR 0010): for reads and for writes, on every
 *                  route unless the route says otherwise
 */
@ConfigurationProperties("santong.gateway.rate-limit")
public record RateLimitProperties(long requests, Duration period, String keyPrefix, Map<String, Limit> classes, int trustedProxies,
        Duration redisTimeout, WhenRedisDown whenRedisDown) {

    /**
     * {@code LOCAL}: each replica limits on its own (the same quota, counted per replica); {@code OPEN}: no limit;
     * {@code CLOSED}: refused with 503 until Redis answers again.
     */
    public enum Mode {
        LOCAL, OPEN, CLOSED
    }

    /** @param routes by route id, what differs from {@code reads} and {@code writes} */
    public record WhenRedisDown(Mode reads, Mode writes, Map<String, RouteModes> routes) {

        public WhenRedisDown {
            reads = reads == null ? Mode.LOCAL : reads;
            writes = writes == null ? Mode.LOCAL : writes;
            routes = routes == null ? Map.of() : Map.copyOf(routes);
        }

        Mode of(String route, boolean read) {
            RouteModes own = route == null ? null : routes.get(route);
            Mode mode = own == null ? null : read ? own.reads() : own.writes();
            return mode != null ? mode : read ? reads : writes;
        }
    }

    public record RouteModes(Mode reads, Mode writes) {
    }

    /** @param requests requests per {@code period} */
    public record Limit(long requests, Duration period) {
    }

    public RateLimitProperties {
        if (requests <= 0) {
            requests = 200;
        }
        if (period == null || period.isZero() || period.isNegative()) {
            period = Duration.ofSeconds(1);
        }
        if (keyPrefix == null || keyPrefix.isBlank()) {
            keyPrefix = "santong:gateway:rate:";
        }
        classes = classes == null ? Map.of() : Map.copyOf(classes);
        trustedProxies = Math.max(0, trustedProxies);
        redisTimeout = redisTimeout == null || !redisTimeout.isPositive() ? Duration.ofMillis(250) : redisTimeout;
        whenRedisDown = whenRedisDown == null ? new WhenRedisDown(null, null, null) : whenRedisDown;
    }

    /** The limit of a caller class, or the default. */
    Limit of(String callerClass) {
        Limit limit = classes.get(callerClass);
        return limit == null || limit.requests() <= 0 || limit.period() == null ? new Limit(requests, period) : limit;
    }
}
