package dev.santong.platform.kit.outbox;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;

import org.junit.jupiter.api.Test;

import dev.santong.platform.kit.persistence.WorkBackoff;

class OutboxTest {

    @Test
    void hqSeesTheListenerAsClassAndMethod() {
        assertThat(Outbox.listener("void dev.santong.member.privacy.ErasureRelay.deliver(dev.santong.member.privacy.ErasureRelay$ErasureToDeliver)"))
                .isEqualTo("ErasureRelay.deliver");
        assertThat(Outbox.listener("dev.santong.x.Relay.deliver")).isEqualTo("Relay.deliver");
    }

    @Test
    void aPublicationsDueTimeDoesNotMoveBetweenPollsAndDoublesPerAttempt() {
        WorkBackoff backoff = new WorkBackoff(Duration.ofSeconds(2), Duration.ofMinutes(10));
        long seed = 0x1234_5678_9abcL;
        for (int attempt = 1; attempt <= 12; attempt++) {
            Duration first = backoff.after(attempt, seed);
            assertThat(backoff.after(attempt, seed)).isEqualTo(first);
            long capped = Math.min(2_000L << (attempt - 1), 600_000L);
            assertThat(first.toMillis()).isBetween(capped / 2, capped);
        }
        assertThat(backoff.after(3, 1)).as("jitter differs between publications").isNotEqualTo(backoff.after(3, 2));
    }

    @Test
    void aFailureReasonIsAStatusOrAClassNeverTheRemotesText() {
        assertThat(OutboxDeliveryAdvisor.reasonOf(new org.springframework.web.client.HttpServerErrorException(
                org.springframework.http.HttpStatus.SERVICE_UNAVAILABLE, "member 13800138000 unknown"))).isEqualTo("HTTP 503");
        assertThat(OutboxDeliveryAdvisor.reasonOf(new IllegalStateException("phone 13800138000"))).isEqualTo("IllegalStateException");
    }
}
