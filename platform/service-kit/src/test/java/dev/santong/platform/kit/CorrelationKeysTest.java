package dev.santong.platform.kit;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class CorrelationKeysTest {

    @Test
    void keepsAWellFormedIdFromTheCaller() {
        assertThat(CorrelationKeys.acceptOrCreate("4bf92f3577b34da6a3ce929d0e0e4736")).isEqualTo("4bf92f3577b34da6a3ce929d0e0e4736");
    }

    @Test
    void replacesIdsThatCouldForgeLogLinesOrAreMissing() {
        assertThat(CorrelationKeys.acceptOrCreate("abc\nFAKE LOG LINE")).doesNotContain("FAKE");
        assertThat(CorrelationKeys.acceptOrCreate("x".repeat(500))).matches("[0-9a-f]{32}");
        assertThat(CorrelationKeys.acceptOrCreate(null)).matches("[0-9a-f]{32}");
    }
}
