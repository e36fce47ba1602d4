package dev.santong.e2e;

import java.time.Duration;
import java.util.function.BooleanSupplier;
import java.util.function.Predicate;
import java.util.function.Supplier;

import tools.jackson.databind.JsonNode;

/** What the suite does in the background (applying uploads, relaying erasures), awaited with a deadline. */
final class Eventually {

    private Eventually() {
    }

    static void until(Duration within, BooleanSupplier condition, String what) {
        long deadline = System.nanoTime() + within.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("not " + what + " within " + within.toSeconds() + " s");
            }
            pause();
        }
    }

    /** Reads until what was read satisfies {@code until}, and returns that read. */
    static JsonNode json(Supplier<JsonNode> read, Predicate<JsonNode> until, String what) {
        return json(Duration.ofSeconds(60), read, until, what);
    }

    static JsonNode json(Duration within, Supplier<JsonNode> read, Predicate<JsonNode> until, String what) {
        long deadline = System.nanoTime() + within.toNanos();
        JsonNode last = read.get();
        while (!until.test(last)) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("not " + what + " in " + within.toSeconds() + " s: " + last);
            }
            pause();
            last = read.get();
        }
        return last;
    }

    private static void pause() {
        try {
            Thread.sleep(500);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }
}
