package dev.santong.platform.kit.persistence;

import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;

/**
 * When durable work that failed is tried again: doubling from {@code initial} per attempt, never further apart than
 * {@code max}, with jitter (half the delay fixed, half random) so a service coming back is not hit by every row at once.
 */
public record WorkBackoff(Duration initial, Duration max) {

    /** @param attempt the attempt that just failed, from 1 */
    public Duration after(int attempt) {
        long base = initial.toMillis() << Math.min(Math.max(attempt, 1) - 1, 20);
        long capped = Math.min(base, max.toMillis());
        return Duration.ofMillis(capped / 2 + ThreadLocalRandom.current().nextLong(capped / 2 + 1));
    }
}
