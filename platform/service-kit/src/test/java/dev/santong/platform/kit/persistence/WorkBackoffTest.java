package dev.santong.platform.kit.persistence;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;

import org.junit.jupiter.api.Test;

class WorkBackoffTest {

    private final WorkBackoff backoff = new WorkBackoff(Duration.ofSeconds(1), Duration.ofSeconds(60));

    @Test
    void doublesPerAttemptWithHalfOfItJitteredAndNeverBeyondTheMaximum() {
        for (int i = 0; i < 200; i++) {
            assertThat(backoff.after(1)).isBetween(Duration.ofMillis(500), Duration.ofSeconds(1));
            assertThat(backoff.after(3)).isBetween(Duration.ofSeconds(2), Duration.ofSeconds(4));
            assertThat(backoff.after(50)).isBetween(Duration.ofSeconds(30), Duration.ofSeconds(60));
        }
    }
}
