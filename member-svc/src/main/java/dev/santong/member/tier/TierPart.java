package dev.santong.member.tier;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

import dev.santong.member.member.MemberPart;

/**
 * Tiers as a {@link MemberPart}. A merge gives the survivor the higher of the two tiers (held as long as the longer
 * hold), then re-qualifies it on the combined purchases. An unmerge gives the survivor back the tier it had before
 * (the merged member's own tier row was never touched), then re-qualifies both on their own purchases.
 */
@Component
@Order(40)
class TierPart implements MemberPart {

    private final MemberTiers tiers;
    private final TierProgramme programme;

    TierPart(MemberTiers tiers, TierProgramme programme) {
        this.tiers = tiers;
        this.programme = programme;
    }

    @Override
    public String name() {
        return "tier";
    }

    @Override
    public Object preview(String survivorId, String mergedId) {
        Map<String, Object> preview = new LinkedHashMap<>();
        preview.put("survivorTier", tiers.currentTier(survivorId).orElse(null));
        preview.put("mergedTier", tiers.currentTier(mergedId).orElse(null));
        preview.put("tierAfterMerge", higher(tiers.currentTier(survivorId), tiers.currentTier(mergedId)).orElse(null));
        return preview;
    }

    @Override
    public void merge(MergeContext merge) {
        Optional<MemberTiers.Held> survivor = tiers.held(merge.survivorId());
        Optional<MemberTiers.Held> merged = tiers.held(merge.mergedId());
        Optional<String> higher = higher(tiers.currentTier(merge.survivorId()), tiers.currentTier(merge.mergedId()));
        if (higher.isPresent()) {
            java.time.Instant heldUntil = java.util.stream.Stream.of(survivor, merged).flatMap(Optional::stream)
                    .map(MemberTiers.Held::heldUntil).max(java.time.Instant::compareTo).orElse(merge.at());
            tiers.setTier(merge.survivorId(), merge.survivorId(), survivor.map(MemberTiers.Held::tier).orElse(null), higher.get(),
                    merge.at(), heldUntil, MemberTiers.Cause.MERGE, merge.mergeId(), survivor.map(MemberTiers.Held::heldUntil).orElse(null));
        }
        tiers.requalify(merge.survivorId(), merge.at(), MemberTiers.Cause.UPGRADE, merge.mergeId());
    }

    @Override
    public void unmerge(MergeContext merge) {
        Optional<String> before = tiers.tierBeforeMerge(merge.survivorId(), merge.mergeId());
        Optional<java.time.Instant> heldBefore = tiers.heldUntilBeforeMerge(merge.survivorId(), merge.mergeId());
        String current = tiers.currentTier(merge.survivorId()).orElse(null);
        if (before.isPresent() && heldBefore.isPresent()) {
            tiers.setTier(merge.survivorId(), merge.survivorId(), current, before.get(), merge.at(), heldBefore.get(),
                    MemberTiers.Cause.UNMERGE, merge.mergeId(), null);
        } else if (tiers.tierBeforeMerge(merge.survivorId(), merge.mergeId()).isEmpty() && current != null) {
            // The survivor had no tier row before the merge: back to the base tier.
            tiers.clearTier(merge.survivorId());
        }
        tiers.requalify(merge.survivorId(), merge.at(), MemberTiers.Cause.UPGRADE, null);
        tiers.requalify(merge.mergedId(), merge.at(), MemberTiers.Cause.UPGRADE, null);
    }

    @Override
    public Object export(String memberId) {
        Map<String, Object> export = new LinkedHashMap<>();
        export.put("status", tiers.status(memberId).orElse(null));
        export.put("history", tiers.history(memberId));
        return export;
    }

    /** Tier facts are no personal data; they stay with the pseudonymous member. */
    @Override
    public void erase(String memberId) {
        // Nothing personal to remove.
    }

    private Optional<String> higher(Optional<String> a, Optional<String> b) {
        int rankA = a.flatMap(programme::find).map(TierDefinition::rank).orElse(-1);
        int rankB = b.flatMap(programme::find).map(TierDefinition::rank).orElse(-1);
        return rankA >= rankB ? a : b;
    }
}
