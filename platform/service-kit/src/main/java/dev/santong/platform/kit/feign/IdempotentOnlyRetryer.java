package dev.santong.platform.kit.feign;

import java.time.Duration;
import java.util.Collection;
import java.util.Map;

import feign.Request;
import feign.RetryableException;
import feign.Retryer;
import io.github.resilience4j.core.IntervalFunction;
import io.github.resilience4j.retry.Retry;
import io.github.resilience4j.retry.RetryConfig;

/**
 * Retries a failed call only when repeating it cannot apply a write twice: a GET or HEAD, or a request that
 * carries an {@code Idempotency-Key} the remote deduplicates on. Everything else fails fast to the caller
 * (usually an outbox event or a work row that retries later with the same key). The attempts and the exponential
 * backoff are Resilience4j Retry's; Feign asks it after each failed attempt.
 */
public class IdempotentOnlyRetryer implements Retryer {

    public static final String IDEMPOTENCY_KEY_HEADER = "Idempotency-Key";

    private final RetryConfig config;
    private final Retry.Context<Object> attempts;

    public IdempotentOnlyRetryer(int maxAttempts, long initialBackoffMillis, long maxBackoffMillis) {
        this(RetryConfig.custom()
                .maxAttempts(maxAttempts)
                .intervalFunction(IntervalFunction.ofExponentialBackoff(Duration.ofMillis(initialBackoffMillis), 2.0,
                        Duration.ofMillis(maxBackoffMillis)))
                .retryOnException(failure -> failure instanceof RetryableException retryable && isSafeToRepeat(retryable.request()))
                .build());
    }

    private IdempotentOnlyRetryer(RetryConfig config) {
        this.config = config;
        this.attempts = Retry.of("feign", config).context();
    }

    @Override
    public void continueOrPropagate(RetryableException e) {
        try {
            // Waits the backoff when another attempt is allowed; throws when not (not safe, or attempts used up).
            attempts.onError(e);
        } catch (Exception notRetried) {
            throw e;
        }
    }

    static boolean isSafeToRepeat(Request request) {
        if (request == null) {
            return false;
        }
        Request.HttpMethod method = request.httpMethod();
        if (method == Request.HttpMethod.GET || method == Request.HttpMethod.HEAD) {
            return true;
        }
        return hasHeader(request.headers(), IDEMPOTENCY_KEY_HEADER);
    }

    private static boolean hasHeader(Map<String, Collection<String>> headers, String name) {
        return headers.entrySet().stream()
                .anyMatch(entry -> entry.getKey().equalsIgnoreCase(name) && !entry.getValue().isEmpty());
    }

    /** Feign takes one retryer per call: a fresh count of attempts with the same rules. */
    @Override
    public Retryer clone() {
        return new IdempotentOnlyRetryer(config);
    }
}
