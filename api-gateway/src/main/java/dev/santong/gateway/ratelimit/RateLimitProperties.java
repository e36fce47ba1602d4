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
 *                  {@code hq} (each HQ user); others get the default
 */
@ConfigurationProperties("santong.gateway.rate-limit")
public record RateLimitProperties(long requests, Duration period, String keyPrefix, Map<String, Limit> classes) {

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
    }

    /** The limit of a caller class, or the default. */
    Limit of(String callerClass) {
        Limit limit = classes.get(callerClass);
        return limit == null || limit.requests() <= 0 || limit.period() == null ? new Limit(requests, period) : limit;
    }
}
