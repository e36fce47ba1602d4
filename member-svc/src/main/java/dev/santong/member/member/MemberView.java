package dev.santong.member.member;

import java.time.Instant;
import java.util.List;

import com.fasterxml.jackson.annotation.JsonInclude;

import io.swagger.v3.oas.annotations.media.Schema;

/**
 * A member as a client sees it; identity values are masked for store callers.
 *
 * @param resolvedFrom the id the caller asked for when it was an old id merged into this member
 */
@Schema(example = """
        {"id": "01a20bc5-f360-7b8a-b1b7-947ef07e36c8", "displayName": "Wei Zhang", "status": "ACTIVE", "enrolledChannel": "STORE", \
        "enrolledStore": "9", "enrolledAt": "2026-11-20T02:10:00Z", "identities": [{"type": "PHONE", "value": "+8613800138000", \
        "verified": true, "sourceChannel": "STORE", "sourceStore": "9", "firstSeenAt": "2026-11-20T02:10:00Z"}, {"type": "LOYALTY_CARD", \
        "value": "LC-0009-7781", "verified": false, "sourceChannel": "STORE", "sourceStore": "9", "firstSeenAt": "2026-11-20T02:10:00Z"}]}""")
record MemberView(String id, @JsonInclude(JsonInclude.Include.NON_NULL) String resolvedFrom, String displayName,
        String status, Channel enrolledChannel, String enrolledStore, Instant enrolledAt, List<IdentityView> identities) {

    public record IdentityView(IdentityType type, String value, boolean verified, Channel sourceChannel,
            String sourceStore, Instant firstSeenAt) {
    }
}
