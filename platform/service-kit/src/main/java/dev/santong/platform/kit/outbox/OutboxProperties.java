package dev.santong.platform.kit.outbox;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * @param maxAttempts    deliveries tried before an event is held for HQ (quarantined); HQ may replay it any time
 * @param initialBackoff the wait after the first failure, doubling per attempt
 * @param maxBackoff     the longest wait between two attempts
 * @param poll           how often failed deliveries are looked at
 * @param path           where HQ lists and replays this service's outbox (under the service's own prefix at the gateway)
 */
@ConfigurationProperties("santong.outbox")
public record OutboxProperties(@DefaultValue("20") int maxAttempts, @DefaultValue("2s") Duration initialBackoff,
        @DefaultValue("10m") Duration maxBackoff, @DefaultValue("2s") Duration poll, @DefaultValue("/api/outbox") String path) {
}
