package dev.santong.member.points;

import java.util.Optional;

/** The member's tier now, for the tier multiplier of an earn; the tier capability provides it. */
public interface TierSource {
    Optional<String> currentTier(String memberId);
}
