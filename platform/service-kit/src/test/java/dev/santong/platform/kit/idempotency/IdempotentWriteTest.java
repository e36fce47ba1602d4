package dev.santong.platform.kit.idempotency;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;

import dev.santong.platform.kit.problem.ConflictException;

class IdempotentWriteTest {

    private final AtomicInteger writes = new AtomicInteger();

    private String write() {
        return "written-" + writes.incrementAndGet();
    }

    @Test
    void aNewKeyIsWrittenOnce() {
        IdempotentWrite.Outcome<String> outcome = IdempotentWrite.once(Optional.empty(), "f1", () -> new BusinessKeyReusedException("k"), this::write);
        assertThat(outcome).isEqualTo(new IdempotentWrite.Outcome<>("written-1", false));
    }

    @Test
    void theSameKeyAndFingerprintReturnsTheFirstResultWithoutWriting() {
        IdempotentWrite.Outcome<String> outcome = IdempotentWrite.once(Optional.of(new IdempotentWrite.Earlier<>("f1", "first")), "f1",
                () -> new BusinessKeyReusedException("k"), this::write);
        assertThat(outcome).isEqualTo(new IdempotentWrite.Outcome<>("first", true));
        assertThat(writes).hasValue(0);
    }

    @Test
    void theSameKeyWithOtherContentIsTheWritesOwnConflictAndWritesNothing() {
        assertThatThrownBy(() -> IdempotentWrite.once(Optional.of(new IdempotentWrite.Earlier<>("f1", "first")), "f2",
                () -> new ConflictException("sku-exists", "SKU X exists with other content"), this::write))
                .isInstanceOf(ConflictException.class).hasMessageContaining("other content")
                .extracting(e -> ((ConflictException) e).slug()).isEqualTo("sku-exists");
        assertThat(writes).hasValue(0);
    }

    @Test
    void aKeyStoredUnderAnEarlierRecipeReplaysOnTheKeyAlone() {
        IdempotentWrite.Outcome<String> outcome = IdempotentWrite.once(
                Optional.of(new IdempotentWrite.Earlier<>(Fingerprint.EARLIER_RECIPE, "first")), Fingerprint.of("anything"),
                () -> new BusinessKeyReusedException("k"), this::write);
        assertThat(outcome).isEqualTo(new IdempotentWrite.Outcome<>("first", true));
        assertThat(writes).hasValue(0);
    }
}
