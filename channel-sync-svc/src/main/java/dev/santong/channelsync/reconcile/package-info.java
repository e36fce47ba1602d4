/**
 * Day close and reconciliation: what a store's POS declared for a business day, compared with what Santong received,
 * applied, and what goods-svc and member-svc hold for that day, with the evidence for every difference.
 */
@OwnsTables("day_close")
package dev.santong.channelsync.reconcile;

import dev.santong.platform.kit.module.OwnsTables;
