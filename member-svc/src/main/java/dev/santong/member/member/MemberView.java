package dev.santong.member.member;

import java.time.Instant;
import java.util.List;

/** A member as a client sees it; identity values are masked for store callers. */
public record MemberView(String id, String displayName, String status, Channel enrolledChannel, String enrolledStore,
        Instant enrolledAt, List<IdentityView> identities) {

    public record IdentityView(IdentityType type, String value, boolean verified, Channel sourceChannel,
            String sourceStore, Instant firstSeenAt) {
    }
}
