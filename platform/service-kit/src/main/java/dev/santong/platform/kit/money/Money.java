package dev.santong.platform.kit.money;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Currency;
import java.util.Objects;

import com.fasterxml.jackson.annotation.JsonFormat;

import io.swagger.v3.oas.annotations.media.Schema;

/**
 * An amount of money as every answer writes it (ADR 0011): a decimal string with the currency's minor digits, and the
 * ISO 4217 currency. A JSON number would be read as a binary double by a browser; a string keeps the till's decimal.
 */
@Schema(description = "An amount of money: a decimal string with the currency's minor digits, and its ISO 4217 currency. "
        + "Clients of API version 1 (no API-Version header) get the amount as a JSON number where they always did.",
        example = "{\"amount\": \"199.00\", \"currency\": \"CNY\"}")
public record Money(
        @JsonFormat(shape = JsonFormat.Shape.STRING) @Schema(type = "string", pattern = "^-?\\d+(\\.\\d+)?$", example = "199.00") BigDecimal amount,
        @Schema(example = "CNY", pattern = "^[A-Z]{3}$") String currency) {

    public Money {
        Objects.requireNonNull(amount, "amount");
        Objects.requireNonNull(currency, "currency");
    }

    /**
     * The amount at the currency's minor digits (two for CNY, none for JPY), rounded half up; as held for a code the JDK
     * does not know or one without minor units (XAU).
     */
    public static Money of(BigDecimal amount, String currency) {
        int digits = minorDigits(currency);
        return new Money(digits < 0 ? amount : amount.setScale(digits, RoundingMode.HALF_UP), currency);
    }

    private static int minorDigits(String currency) {
        try {
            return Currency.getInstance(currency).getDefaultFractionDigits();
        } catch (IllegalArgumentException unknown) {
            return -1;
        }
    }

    /** As {@link #of}, or {@code null} where there is no amount (a field the answer leaves out). */
    public static Money ofNullable(BigDecimal amount, String currency) {
        return amount == null || currency == null ? null : of(amount, currency);
    }
}
