package dev.santong.platform.kit.problem;

/**
 * 422: an {@code Idempotency-Key} the caller already used came back with a different request. Replaying the first
 * result would hide the change and applying the second would apply twice, so neither happens.
 */
public class IdempotencyKeyReusedException extends RuntimeException {

    public IdempotencyKeyReusedException(String key) {
        super("Idempotency-Key " + key + " was already used for a different request");
    }
}
