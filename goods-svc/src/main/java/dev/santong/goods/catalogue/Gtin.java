package dev.santong.goods.catalogue;

import org.apache.commons.validator.routines.checkdigit.EAN13CheckDigit;

/**
 * A GS1 trade item number. GTIN-8, -12, -13 and -14 share the mod-10 check digit (weights 3,1 from the right),
 * which {@link EAN13CheckDigit} computes for any length.
 */
record Gtin(String gtin14) {

    /** @return the GTIN, or empty when {@code printed} is not one (wrong length or check digit) */
    public static java.util.Optional<Gtin> parse(String printed) {
        if (printed == null) {
            return java.util.Optional.empty();
        }
        String digits = printed.strip();
        int length = digits.length();
        if (!(length == 8 || length == 12 || length == 13 || length == 14) || !digits.chars().allMatch(Character::isDigit)) {
            return java.util.Optional.empty();
        }
        if (!EAN13CheckDigit.EAN13_CHECK_DIGIT.isValid(digits)) {
            return java.util.Optional.empty();
        }
        return java.util.Optional.of(new Gtin("0".repeat(14 - length) + digits));
    }
}
