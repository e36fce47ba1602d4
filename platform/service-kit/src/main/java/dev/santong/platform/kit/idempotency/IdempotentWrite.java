package dev.santong.platform.kit.idempotency;

import java.util.Optional;
import java.util.function.Supplier;

import dev.santong.platform.kit.problem.ConflictException;

/**
 * The one rule for a write identified by a business key: the first request with a key is written; the same key with
 * the same fingerprint returns the first result, marked as a replay; the same key with another fingerprint is a
 * conflict ({@link BusinessKeyReusedException}, or the write's own 409 where its API names one, such as
 * {@code sku-exists}). Call it inside the write's transaction, after any lock that serialises writers
 * of the key, so that the lookup sees every committed first write.
 */
public final class IdempotentWrite {

    private IdempotentWrite() {
    }

    /** What a key already stands for: the fingerprint it was written with and the result that write produced. */
    public record Earlier<T>(String fingerprint, T result) {
    }

    /** The result, and whether it is the first write's result returned again. */
    public record Outcome<T>(T result, boolean replayed) {
    }

    /**
     * @param earlier    what the key already stands for, if anything
     * @param fingerprint the fingerprint of this request ({@link Fingerprint#of})
     * @param reused     the conflict to throw, naming the key but no personal data
     * @param firstWrite the write, run only when the key is new
     */
    public static <T> Outcome<T> once(Optional<Earlier<T>> earlier, String fingerprint, Supplier<? extends ConflictException> reused,
            Supplier<T> firstWrite) {
        if (earlier.isPresent()) {
            String stored = earlier.get().fingerprint();
            if (!stored.equals(fingerprint) && !stored.equals(Fingerprint.EARLIER_RECIPE)) {
                throw reused.get();
            }
            return new Outcome<>(earlier.get().result(), true);
        }
        return new Outcome<>(firstWrite.get(), false);
    }
}
