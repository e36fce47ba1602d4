package dev.santong.member.member;

/** Kinds of identity that resolve to a member; one value of a kind belongs to one member. */
public enum IdentityType {
    PHONE, EMAIL, ONLINE_ACCOUNT, LOYALTY_CARD, POS_MEMBER_CODE, EXTERNAL_PLATFORM
}
