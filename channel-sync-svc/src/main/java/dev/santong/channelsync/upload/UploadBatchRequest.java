package dev.santong.channelsync.upload;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.PositiveOrZero;
import jakarta.validation.constraints.Size;

import tools.jackson.databind.JsonNode;

/**
 * A store's batch. {@code batchId} is the POS's own id for the upload (resent unchanged on retry); each
 * transaction carries its natural key (workstation, business day, sequence number) and its business time in UTC.
 * {@code posInstallationId} names the POS installation that numbered them: a till reinstalled mid-day starts a new
 * installation and its numbering again, which is then no gap.
 */
public record UploadBatchRequest(
        @NotBlank @Size(max = 64) @Pattern(regexp = "[A-Za-z0-9._:-]+", message = "may hold letters, digits and . _ : - only") String batchId,
        @NotEmpty @Size(max = 5000) List<@NotNull @Valid PosTransaction> transactions,
        @Size(max = 64) @Pattern(regexp = "[A-Za-z0-9._:-]+", message = "may hold letters, digits and . _ : - only") String posInstallationId) {

    public UploadBatchRequest(String batchId, List<PosTransaction> transactions) {
        this(batchId, transactions, null);
    }

    public record PosTransaction(
            @NotBlank @Size(max = 16) @Pattern(regexp = "[A-Za-z0-9_-]+") String workstationId,
            @NotNull LocalDate businessDay,
            @NotNull @PositiveOrZero @Max(dev.santong.channelsync.reconcile.DayClose.WorkstationRange.MAX_SEQUENCE) Long sequenceNumber,
            @NotNull TransactionType type,
            @NotNull Instant businessTime,
            JsonNode payload) {
    }
}
