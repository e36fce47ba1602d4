/**
 * Applying what stores uploaded: durable work per transaction and target service, worked per till in sequence order,
 * with the business keys the target services deduplicate by, backoff, and a quarantine HQ can replay.
 */
@OwnsTables({"apply_lane", "apply_work"})
package dev.santong.channelsync.apply;

import dev.santong.platform.kit.module.OwnsTables;
