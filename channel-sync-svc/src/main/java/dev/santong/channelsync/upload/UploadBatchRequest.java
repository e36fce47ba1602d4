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
@io.swagger.v3.oas.annotations.media.Schema(example = """
        {"batchId": "9-34-20261120-001", "posInstallationId": "till-34-2026a", "transactions": [
          {"workstationId": "34", "businessDay": "2026-11-20", "sequenceNumber": 161, "type": "SALE",
           "businessTime": "2026-11-20T02:02:54Z", "payload": {"reference": "R-9-34-20261120-161", "currency": "CNY",
             "member": {"card": "8800123456"},
             "lines": [{"sequence": "1", "gtin": "4006381333931", "quantity": 1, "amount": "199.00"},
                       {"sequence": "2", "gtin": "96385074", "quantity": 1, "amount": "259.00", "voided": true}],
             "tenders": [{"type": "WECHAT_PAY", "amount": "199.00"}]}},
          {"workstationId": "34", "businessDay": "2026-11-20", "sequenceNumber": 162, "type": "RETURN",
           "businessTime": "2026-11-20T03:10:00Z", "payload": {"reference": "R-9-34-20261120-162", "currency": "CNY",
             "lines": [{"sequence": "1", "sku": "OX-BLU-M", "quantity": 1, "amount": "-199.00", "kind": "RETURN"}],
             "tenders": [{"type": "CASH", "amount": "-199.00"}], "originalPurchase": {"channel": "ONLINE", "reference": "SO-DEMO-1"}}},
          {"workstationId": "34", "businessDay": "2026-11-20", "sequenceNumber": 163, "type": "STOCK_COUNT",
           "businessTime": "2026-11-20T13:00:00Z", "payload": {"lines": [{"sku": "OX-BLU-M", "quantity": 11}]}}]}""")
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
            @io.swagger.v3.oas.annotations.media.Schema(implementation = ReceiptPayload.class) JsonNode payload) {
    }
}
