package dev.santong.platform.kit.feign;

import java.util.Collection;
import java.util.Map;

import feign.Request;
import feign.RetryableException;
import feign.Retryer;

/**
 * Retries a failed call only when repeating it cannot apply a write twice: a GET or HEAD, or a request that
 * carries an {@code Idempotency-Key} the remote deduplicates on. Everything else fails fast to the caller
 * (usually a durable work row that retries later with the same key).
 */
public class IdempotentOnlyRetryer implements Retryer {

    public static final String IDEMPOTENCY_KEY_HEADER = "Idempotency-Key";

    private final int maxAttempts;
    private final long initialBackoffMillis;
    private final long maxBackoffMillis;
    private int attempt = 1;

    public IdempotentOnlyRetryer(int maxAttempts, long initialBackoffMillis, long maxBackoffMillis) {
        this.maxAttempts = maxAttempts;
        this.initialBackoffMillis = initialBackoffMillis;
        this.maxBackoffMillis = maxBackoffMillis;
    }

    @Override
    public void continueOrPropagate(RetryableException e) {
        if (!isSafeToRepeat(e.request()) || attempt >= maxAttempts) {
            throw e;
        }
        long backoff = Math.min(maxBackoffMillis, initialBackoffMillis * (1L << (attempt - 1)));
        attempt++;
        try {
            Thread.sleep(backoff);
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
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

    @Override
    public Retryer clone() {
        return new IdempotentOnlyRetryer(maxAttempts, initialBackoffMillis, maxBackoffMillis);
    }
}
