/**
 * Applying what stores uploaded: durable work per transaction and target service, worked per till in sequence order,
 * with idempotency keys, backoff, and a quarantine HQ can replay.
 */
package dev.santong.channelsync.apply;
