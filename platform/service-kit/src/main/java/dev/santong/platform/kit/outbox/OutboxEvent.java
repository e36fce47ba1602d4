package dev.santong.platform.kit.outbox;

/**
 * An effect another service must see, published with Spring's {@code ApplicationEventPublisher} inside the writing
 * transaction and handled by an {@code @ApplicationModuleListener}: the event publication registry stores it with the
 * write, the listener delivers it after commit, and the kit's {@link Outbox} tries failed deliveries again with backoff
 * until {@code santong.outbox.max-attempts}, then holds them for HQ to replay.
 */
public interface OutboxEvent {

    /**
     * The idempotency key the receiver deduplicates by (also what HQ sees of the event): the same effect delivered
     * twice, after a crash or a replay, is one effect. Never personal data.
     */
    String key();
}
