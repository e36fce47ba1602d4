package dev.santong.member.member;

import java.time.Instant;
import java.util.List;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * A member as a client sees it; identity values are masked for store callers.
 *
 * @param resolvedFrom the id the caller asked for when it was an old id merged into this member
 */
record MemberView(String id, @JsonInclude(JsonInclude.Include.NON_NULL) String resolvedFrom, String displayName,
        String status, Channel enrolledChannel, String enrolledStore, Instant enrolledAt, List<IdentityView> identities) {

    public record IdentityView(IdentityType type, String value, boolean verified, Channel sourceChannel,
            String sourceStore, Instant firstSeenAt) {
    }
}
