package dev.santong.member.member;

/**
 * An enrolment met a member holding an identity the request verified (the identity provider confirmed the phone or
 * e-mail): the two members are the same person. Published inside the enrolment's transaction, acted on after it.
 */
public record ProvenDuplicateFound(String memberId, String otherMemberId, IdentityType provenBy) {
}
