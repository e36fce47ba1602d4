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
        long capped = capped(attempt);
        return Duration.ofMillis(capped / 2 + ThreadLocalRandom.current().nextLong(capped / 2 + 1));
    }

    /**
     * The same delay with the jitter taken from {@code seed} (a row's id): asked again for the same row and attempt, the
     * answer does not change, so a poller deciding "is it due yet" does not see the due time move.
     */
    public Duration after(int attempt, long seed) {
        long capped = capped(attempt);
        return Duration.ofMillis(capped / 2 + Math.floorMod(seed * 0x9E3779B97F4A7C15L, capped / 2 + 1));
    }

    private long capped(int attempt) {
        long base = initial.toMillis() << Math.min(Math.max(attempt, 1) - 1, 20);
        return Math.min(base, max.toMillis());
    }
}
