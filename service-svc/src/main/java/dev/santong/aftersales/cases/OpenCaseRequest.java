package dev.santong.aftersales.cases;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

/**
 * Open a case. {@code channel}/{@code storeId} say where it is opened; {@code purchase} says where the goods were
 * bought, which may be another channel (an online order returned in a store).
 */
record OpenCaseRequest(
        @NotNull CaseType type,
        @NotNull SalesChannel channel,
        @Size(max = 32) @Pattern(regexp = "[A-Za-z0-9_-]+") String storeId,
        @Size(max = 36) String memberId,
        @NotNull @Valid Purchase purchase,
        @NotBlank @Size(max = 64) String skuCode,
        @NotNull @Min(1) @Max(999) Integer quantity,
        @NotBlank @Size(max = 500) String reason) {

    /** @param reference the receipt number of a store sale or the order id of an online order */
    public record Purchase(
            @NotNull SalesChannel channel,
            @Size(max = 32) @Pattern(regexp = "[A-Za-z0-9_-]+") String storeId,
            @NotBlank @Size(max = 64) String reference) {
    }
}
