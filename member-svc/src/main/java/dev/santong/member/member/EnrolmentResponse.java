package dev.santong.member.member;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * The enrolled (or already existing) member and why: a till that enrols a phone the member already has gets that
 * member back, with the identity that matched and whether it was verified.
 */
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
