package dev.santong.member.member;

import java.util.Locale;

import com.google.i18n.phonenumbers.NumberParseException;
import com.google.i18n.phonenumbers.PhoneNumberUtil;
import com.google.i18n.phonenumbers.Phonenumber.PhoneNumber;

import dev.santong.platform.kit.problem.InvalidRequestException;

/** One spelling per phone and e-mail, so that the same person typed differently at two tills is one identity. */
public final class ContactNormaliser {

    private static final PhoneNumberUtil PHONES = PhoneNumberUtil.getInstance();

    private final String defaultRegion;

    public ContactNormaliser(String defaultRegion) {
        this.defaultRegion = defaultRegion;
    }

    /** E.164, e.g. {@code 138 0013 8000} in region CN becomes {@code +8613800138000}. */
    public String phone(String field, String raw) {
        try {
            PhoneNumber number = PHONES.parse(raw, defaultRegion);
            if (!PHONES.isValidNumber(number)) {
                throw new InvalidRequestException(field, "is not a valid phone number (default region " + defaultRegion + ")");
            }
            return PHONES.format(number, PhoneNumberUtil.PhoneNumberFormat.E164);
        } catch (NumberParseException e) {
            throw new InvalidRequestException(field, "is not a phone number: " + e.getErrorType().name().toLowerCase(Locale.ROOT));
        }
    }

    /** Trimmed and lower-cased: mail providers in practice treat the local part case-insensitively. */
    public String email(String raw) {
        return raw.strip().toLowerCase(Locale.ROOT);
    }

    /** Card numbers and POS codes as printed, without spaces and in upper case: what a scanner or a cashier sends. */
    public String code(String field, String raw) {
        String code = raw.replaceAll("[\\s-]", "").toUpperCase(Locale.ROOT);
        if (!code.matches("[A-Z0-9]{4,32}")) {
            throw new InvalidRequestException(field, "must be 4-32 letters or digits");
        }
        return code;
    }

    /** {@code platform:id}, e.g. {@code tmall:2209876543} or {@code wechat-unionid:o6_bmasdasdsad6}. */
    public String externalId(String field, String platform, String id) {
        String normalisedPlatform = platform == null ? "" : platform.strip().toLowerCase(Locale.ROOT);
        if (!normalisedPlatform.matches("[a-z0-9_-]{2,24}")) {
            throw new InvalidRequestException(field + ".platform", "must be 2-24 lower-case letters, digits, '-' or '_'");
        }
        String normalisedId = id == null ? "" : id.strip();
        if (normalisedId.isEmpty() || normalisedId.length() > 128 || normalisedId.chars().anyMatch(Character::isWhitespace)) {
            throw new InvalidRequestException(field + ".id", "must be 1-128 characters without spaces");
        }
        return normalisedPlatform + ":" + normalisedId;
    }

    /** How a phone may appear in text someone typed: +8613812345678, 8613812345678, 13812345678. */
    public static java.util.Set<String> spellings(String e164) {
        java.util.Set<String> spellings = new java.util.LinkedHashSet<>();
        spellings.add(e164);
        spellings.add(e164.startsWith("+") ? e164.substring(1) : e164);
        try {
            spellings.add(PHONES.getNationalSignificantNumber(PHONES.parse(e164, null)));
        } catch (NumberParseException e) {
            // Stored phones are E.164; nothing else to add.
        }
        return spellings;
    }

    /** {@code +8613812345678} shows as {@code 138****5678}: enough for a cashier to confirm with the shopper. */
    public static String maskPhone(String e164) {
        try {
            PhoneNumber number = PHONES.parse(e164, null);
            String national = PHONES.getNationalSignificantNumber(number);
            if (national.length() < 7) {
                return "*".repeat(national.length());
            }
            return national.substring(0, 3) + "*".repeat(national.length() - 7) + national.substring(national.length() - 4);
        } catch (NumberParseException e) {
            return "****";
        }
    }

    public static String maskEmail(String email) {
        int at = email.indexOf('@');
        if (at <= 0) {
            return "****";
        }
        return email.charAt(0) + "***" + email.substring(at);
    }
}
