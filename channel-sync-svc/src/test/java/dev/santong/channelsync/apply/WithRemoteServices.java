package dev.santong.channelsync.apply;

import java.time.Duration;
import java.util.function.BooleanSupplier;

import org.junit.jupiter.api.AfterAll;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** A test class whose channel-sync-svc applies to real goods-svc and member-svc processes started for the class. */
abstract class WithRemoteServices {

    static RemoteServices remotes;

    @DynamicPropertySource
    static void remotes(DynamicPropertyRegistry registry) {
        remotes = RemoteServices.start();
        remotes.register(registry);
    }

    @AfterAll
    static void stopRemotes() {
        if (remotes != null) {
            remotes.close();
        }
    }

    /** Applying is asynchronous: waits until the condition holds, failing after {@code timeout}. */
    static void await(Duration timeout, BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("not reached within " + timeout);
            }
            Thread.sleep(250);
        }
    }

    /** One named check of a day's reconciliation report. */
    static tools.jackson.databind.JsonNode check(tools.jackson.databind.JsonNode report, String name) {
        for (tools.jackson.databind.JsonNode check : report.path("checks")) {
            if (name.equals(check.path("name").asString())) {
                return check;
            }
        }
        throw new AssertionError("no check " + name + " in " + report);
    }

    /** A GTIN-13 with its check digit, for catalogue test data. */
    static String gtin13(String first12) {
        int sum = 0;
        for (int i = 0; i < 12; i++) {
            sum += (first12.charAt(i) - '0') * (i % 2 == 0 ? 1 : 3);
        }
        return first12 + (10 - sum % 10) % 10;
    }
}
