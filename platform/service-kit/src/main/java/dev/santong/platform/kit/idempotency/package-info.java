/**
 * Writes a client may retry: one fingerprint recipe ({@link dev.santong.platform.kit.idempotency.Fingerprint}), one
 * rule for a business key seen again ({@link dev.santong.platform.kit.idempotency.IdempotentWrite}), and the
 * {@code Idempotency-Key} request header honoured on every POST
 * ({@link dev.santong.platform.kit.idempotency.IdempotencyKeyFilter}).
 */
package dev.santong.platform.kit.idempotency;
