package dev.santong.member.member;

/**
 * The enrolled (or already existing) member and why: a till that enrols a phone the member already has gets
 * that member back, with the identity that matched.
 */
public record EnrolmentResponse(MemberView member, Resolution resolution) {

    public enum Outcome { ENROLLED, EXISTING }

    /** @param matchedBy the identity that resolved to an existing member; null when a member was enrolled */
    public record Resolution(Outcome outcome, IdentityType matchedBy, Boolean matchedVerified) {
    }
}
