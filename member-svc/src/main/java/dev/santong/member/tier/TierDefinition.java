package dev.santong.member.tier;

import java.math.BigDecimal;

import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

/**
 * A tier. Rank 0 is the base tier everyone has; a higher rank is reached with at least {@code minSpend} (net of
 * returns, in {@code spendCurrency}) or {@code minPoints} earned in the last 12 months, in any channel.
 */
record TierDefinition(
        @NotBlank @Pattern(regexp = "[A-Z][A-Z0-9_]{0,23}", message = "must be upper-case letters, digits or '_'") String code,
        @NotBlank @Size(max = 80) String name,
        @NotNull @Min(0) @Max(100) Integer rank,
        @DecimalMin("0") BigDecimal minSpend,
        @Pattern(regexp = "[A-Z]{3}") String spendCurrency,
        @Min(0) Long minPoints) {

    boolean isBase() {
        return rank == 0;
    }

    boolean qualifies(BigDecimal spend, long points) {
        if (isBase()) {
            return true;
        }
        boolean bySpend = minSpend != null && spend.compareTo(minSpend) >= 0;
        boolean byPoints = minPoints != null && points >= minPoints;
        return bySpend || byPoints;
    }
}
