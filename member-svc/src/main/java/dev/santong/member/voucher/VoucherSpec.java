package dev.santong.member.voucher;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.Set;

import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Digits;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

import dev.santong.member.member.Channel;
import io.swagger.v3.oas.annotations.media.Schema;

/**
 * What a campaign's vouchers are worth and where and when they may be used: a fixed amount off, a percentage off,
 * or a free service such as one free repair.
 */
@Schema(example = """
        {"campaign": "birthday-2026", "kind": "FIXED_AMOUNT", "amount": "50.00", "currency": "CNY",
         "validFrom": "2026-11-01T00:00:00Z", "validUntil": "2026-12-31T16:00:00Z", "channels": ["ONLINE", "STORE"]}""")
record VoucherSpec(
        @NotBlank @Size(max = 64) @Pattern(regexp = "[a-z0-9][a-z0-9_-]*", message = "must be lower-case letters, digits, '-' or '_'") String campaign,
        @NotNull Kind kind,
        @DecimalMin(value = "0", inclusive = false) @Digits(integer = 12, fraction = 2) BigDecimal amount,
        @Pattern(regexp = "[A-Z]{3}") String currency,
        @DecimalMin(value = "0", inclusive = false) @DecimalMax("100") BigDecimal percent,
        @Size(max = 64) String service,
        @NotNull Instant validFrom,
        @NotNull Instant validUntil,
        @NotEmpty Set<@NotNull Channel> channels) {

    public enum Kind { FIXED_AMOUNT, PERCENT, FREE_SERVICE }
}
