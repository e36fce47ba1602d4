package dev.santong.member.member;

/**
 * An identity a request says belongs to the member it is about, normalised. {@code verified} only when something
 * proves it: the shopper's own account, or a phone or e-mail the identity provider verified.
 */
record IdentityClaim(IdentityType type, String value, boolean verified) {
}
