package dev.santong.channelsync.reconcile;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;

import jakarta.validation.Valid;
import jakarta.validation.constraints.AssertTrue;
import jakarta.validation.constraints.Digits;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.PositiveOrZero;
import jakarta.validation.constraints.Size;

import com.fasterxml.jackson.annotation.JsonIgnore;

import io.swagger.v3.oas.annotations.media.Schema;

/**
 * A POS's day-close totals for one store and business day. {@code transactionCount} counts every transaction the
 * tills numbered that day (sales, returns, voids, no-sales, enrolments, control records; day-close records aside).
 * {@code gross} is what sale lines took, {@code returns} what return lines gave back. Items are keyed as the tills
 * know them (SKU code or barcode), net of returns. Points and per-till sequence ranges are optional; when given they
 * are checked too.
 */
@Schema(example = """
        {"currency": "CNY", "transactionCount": 412, "gross": "38211.50", "returns": "1290.00",
         "tenders": {"CASH": "5120.00", "CARD": "31801.50"}, "itemsSold": {"OX-BLU-M": 31, "6901234567892": 4},
         "pointsEarned": 20115, "pointsRedeemed": 1200,
         "workstations": [{"workstationId": "3", "firstSequence": 1001, "lastSequence": 1140}]}""")
public record DayClose(
        @NotNull @Pattern(regexp = "[A-Z]{3}") String currency,
        @NotNull @PositiveOrZero @Max(MAX_TRANSACTIONS_A_DAY) Long transactionCount,
        @NotNull @Digits(integer = 14, fraction = 2) BigDecimal gross,
        @NotNull @Digits(integer = 14, fraction = 2) BigDecimal returns,
        @Size(max = 50) Map<@NotBlank @Size(max = 40) String, @NotNull @Digits(integer = 14, fraction = 2) BigDecimal> tenders,
        @Size(max = 20000) Map<@NotBlank @Size(max = 64) String, @NotNull @Min(-1_000_000_000) @Max(1_000_000_000) Long> itemsSold,
        @PositiveOrZero @Max(1_000_000_000_000L) Long pointsEarned,
        @PositiveOrZero @Max(1_000_000_000_000L) Long pointsRedeemed,
        @Size(max = 200) List<@Valid @NotNull WorkstationRange> workstations) {

    /** More than any store's tills number in a day; a declared figure beyond it is a typo or an attack. */
    public static final long MAX_TRANSACTIONS_A_DAY = 1_000_000;

    public record WorkstationRange(@NotBlank @Size(max = 16) String workstationId,
            @NotNull @PositiveOrZero @Max(MAX_SEQUENCE) Long firstSequence, @NotNull @PositiveOrZero @Max(MAX_SEQUENCE) Long lastSequence) {

        /** The largest sequence number a till may use (twelve digits, as ARTS POSLog tills print them). */
        public static final long MAX_SEQUENCE = 999_999_999_999L;

        @AssertTrue(message = "lastSequence must be firstSequence or more, and at most " + MAX_TRANSACTIONS_A_DAY + " numbers after it")
        @Schema(hidden = true)
        @JsonIgnore
        public boolean isRangeOfOneDay() {
            return firstSequence == null || lastSequence == null
                    || lastSequence >= firstSequence && lastSequence - firstSequence < MAX_TRANSACTIONS_A_DAY;
        }
    }
}
