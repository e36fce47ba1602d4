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
