/**
 * Applying what stores uploaded: durable work per transaction and target service, worked per till in sequence order,
 * with the business keys the target services deduplicate by, backoff, and a quarantine HQ can replay.
 */
package dev.santong.channelsync.apply;
