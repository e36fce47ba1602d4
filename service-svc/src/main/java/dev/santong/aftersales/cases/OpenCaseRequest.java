package dev.santong.aftersales.cases;

import java.util.List;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

import io.swagger.v3.oas.annotations.media.Schema;

import dev.santong.platform.kit.problem.InvalidField;
import dev.santong.platform.kit.problem.InvalidRequestException;

/**
 * Open a case. {@code channel}/{@code storeId} say where it is opened; {@code purchase} says where the goods were
 * bought, which may be another channel (an online order returned in a store). The goods are {@code lines}, or for a
 * single item {@code skuCode} and {@code quantity} (its reason code then is OTHER).
 */
@Schema(example = """
        {"type": "RETURN", "channel": "STORE", "storeId": "9", "purchase": {"channel": "ONLINE", "reference": "SO-2026-118842"},
         "lines": [{"skuCode": "OX-BLU-M", "quantity": 1, "reasonCode": "TOO_SMALL", "condition": "UNOPENED"}],
         "reason": "Bought online, a size too small; brought to the store."}""")
record OpenCaseRequest(
        @NotNull CaseType type,
        @NotNull SalesChannel channel,
        @Size(max = 32) @Pattern(regexp = "[A-Za-z0-9_-]+") String storeId,
        @Size(max = 36) String memberId,
        @NotNull @Valid Purchase purchase,
        @Size(max = 64) String skuCode,
        @Min(1) @Max(999) Integer quantity,
        @Size(min = 1, max = 50) List<@Valid @NotNull Line> lines,
        @NotBlank @Size(max = 500) String reason) {

    enum ReasonCode { TOO_SMALL, TOO_LARGE, NOT_AS_DESCRIBED, WRONG_ITEM, DEFECTIVE, NOT_WORKING, DAMAGED_IN_TRANSIT, CHANGED_MIND, OTHER }

    enum ItemCondition { UNOPENED, AS_NEW, USED, DAMAGED }

    /** One item of the purchase the case is about. */
    record Line(
            @NotBlank @Size(max = 64) String skuCode,
            @NotNull @Min(1) @Max(999) Integer quantity,
            @NotNull ReasonCode reasonCode,
            ItemCondition condition,
            @Size(max = 64) @Pattern(regexp = "[A-Za-z0-9._/-]+") String serialNumber) {
    }

    /** The lines as given, or the one line of {@code skuCode} and {@code quantity}; naming which field is missing. */
    List<Line> goods() {
        boolean single = skuCode != null || quantity != null;
        if (lines != null && single) {
            throw new InvalidRequestException("lines", "give lines, or skuCode and quantity for one item, not both");
        }
        if (lines != null) {
            return lines;
        }
        List<InvalidField> missing = new java.util.ArrayList<>();
        if (skuCode == null || skuCode.isBlank()) {
            missing.add(new InvalidField("skuCode", "is required without lines"));
        }
        if (quantity == null) {
            missing.add(new InvalidField("quantity", "is required without lines"));
        }
        if (!missing.isEmpty()) {
            throw new InvalidRequestException(missing);
        }
        return List.of(new Line(skuCode, quantity, ReasonCode.OTHER, null, null));
    }

    /** The request's name for a field of the i-th line: {@code lines[i].field}, or {@code field} for the one-item form. */
    String fieldOf(int index, String field) {
        return lines != null ? "lines[" + index + "]." + field : field;
    }

    /** @param reference the receipt number of a store sale or the order id of an online order */
    public record Purchase(
            @NotNull SalesChannel channel,
            @Size(max = 32) @Pattern(regexp = "[A-Za-z0-9_-]+") String storeId,
            @NotBlank @Size(max = 64) String reference) {
    }
}
