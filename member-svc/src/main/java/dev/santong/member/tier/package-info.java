/** Tiers: HQ's definitions, qualification on rolling 12-month spend or points in every channel, history. */
@OwnsTables({"member_tier", "tier_change", "tier_definition", "tier_settings"})
package dev.santong.member.tier;

import dev.santong.platform.kit.module.OwnsTables;
