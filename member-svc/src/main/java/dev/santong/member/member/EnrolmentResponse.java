package dev.santong.member.member;

import com.fasterxml.jackson.annotation.JsonInclude;

import io.swagger.v3.oas.annotations.media.Schema;

/**
 * The enrolled (or already existing) member and why: a till that enrols a phone the member already has gets that
 * member back, with the identity that matched and whether it was verified.
 */
@Schema(example = """
        {"member": {"id": "01a20bc5-f360-7b8a-b1b7-947ef07e36c8", "displayName": "Wei Zhang", "status": "ACTIVE", \
        "enrolledChannel": "STORE", "enrolledStore": "9", "enrolledAt": "2026-11-20T02:10:00Z", "identities": [{"type": "PHONE", \
        "value": "+8613800138000", "verified": false, "sourceChannel": "STORE", "sourceStore": "9", "firstSeenAt": "2026-11-20T02:10:00Z"}]}, \
        "resolution": {"outcome": "ENROLLED", "matchedBy": null, "matchedVerified": null}}""")
record EnrolmentResponse(MemberView member, Resolution resolution) {

    public enum Outcome { ENROLLED, EXISTING }

    /**
     * @param matchedBy        the identity that resolved to an existing member; null when a member was enrolled
     * @param queuedForReview  how many other members share an identity of this request and were queued for HQ review;
     *                         never told to a shopper, or typing someone's phone would reveal that they are a member
     */
    public record Resolution(Outcome outcome, IdentityType matchedBy, Boolean matchedVerified,
            @JsonInclude(JsonInclude.Include.NON_NULL) Integer queuedForReview) {

        Resolution toShopper() {
            return new Resolution(outcome, matchedBy, matchedVerified, null);
        }
    }
}
