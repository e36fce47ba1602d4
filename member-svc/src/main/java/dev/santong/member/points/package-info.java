/** The points ledger: earn anywhere, spend anywhere, lots with exact expiry, exactly once by business key. */
@OwnsTables({"loyalty_rules", "online_order", "points_account", "points_entry", "points_lot", "points_lot_use", "purchase_fact", "purchase_line", "purchase_tender"})
package dev.santong.member.points;

import dev.santong.platform.kit.module.OwnsTables;
