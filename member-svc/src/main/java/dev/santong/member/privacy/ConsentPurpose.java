package dev.santong.member.privacy;

/** What a member may consent to. */
public enum ConsentPurpose {
    MARKETING_SMS, MARKETING_EMAIL, PERSONALISED_OFFERS, PARTNER_DATA_SHARING
}
