package dev.santong.gateway.ratelimit;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * @param requests  requests one caller may make per {@code period}
 * @param period    the window the limit applies to
 * @param keyPrefix Redis key prefix of the limiters (tests isolate themselves with their own)
 */
@ConfigurationProperties("santong.gateway.rate-limit")
public record RateLimitProperties(long requests, Duration period, String keyPrefix) {

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
    }
}
