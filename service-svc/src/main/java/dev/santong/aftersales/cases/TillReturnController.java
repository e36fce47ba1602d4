package dev.santong.aftersales.cases;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;

import jakarta.validation.Valid;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Digits;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

import dev.santong.platform.kit.security.CallerIdentity;
import dev.santong.platform.kit.web.Answers;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.tags.Tag;

/** channel-sync-svc's third apply target: returns taken at tills (inside the cluster only, never routed by the gateway). */
@RestController
@Tag(name = "Internal", description = "Calls between Santong services only")
class TillReturnController {

    @io.swagger.v3.oas.annotations.media.Schema(name = "TillReturnLine")
    record Line(@NotBlank @Size(max = 64) String sku, @NotNull @Min(1) @Max(999) Integer quantity,
            @NotNull @DecimalMin("0") @Digits(integer = 12, fraction = 2) BigDecimal amount, OpenCaseRequest.ReasonCode reasonCode) {
    }

    @Schema(example = """
            {"reference": "9-3-2026-11-21-000046", "occurredAt": "2026-11-21T07:30:00Z", "purchase": {"channel": "ONLINE", "reference": "SO-2026-118842"}, "currency": "CNY", "lines": [{"skuCode": "OX-BLU-M", "quantity": 1, "reasonCode": "TOO_SMALL", "condition": "AS_NEW"}]}""")
    record TillReturnRequest(@NotBlank @Size(max = 100) String reference, @NotNull Instant occurredAt,
            @NotNull @Valid OpenCaseRequest.Purchase purchase, @NotNull @Pattern(regexp = "[A-Z]{3}") String currency,
            @NotEmpty @Size(max = 50) List<@Valid @NotNull Line> lines) {
    }

    @Schema(example = """
            {"caseId": "0b7e2c4a-91d3-4f6e-8a2b-5c9d1e3f7a60", "replayed": false}""")
    record Recorded(String caseId, boolean replayed) {
    }

    private final TillReturns tillReturns;

    TillReturnController(TillReturns tillReturns) {
        this.tillReturns = tillReturns;
    }

    @Answers.CreatedOrReplayed
    @Operation(operationId = "recordTillReturn",
            summary = "Record a return a store's till took as a closed return case, once per receipt (channel-sync-svc only)")
    @PostMapping("/internal/stores/{storeId}/till-returns")
    @PreAuthorize("hasRole('pos-sync')")
    ResponseEntity<Recorded> record(@PathVariable @Pattern(regexp = "[A-Za-z0-9_-]{1,32}") String storeId, @Valid @RequestBody TillReturnRequest request,
            Authentication authentication) {
        TillReturns.Recorded recorded = tillReturns.record(new TillReturns.TillReturn(storeId, request.reference(), request.occurredAt(),
                request.purchase(), request.currency(), request.lines().stream().map(line -> new TillReturns.Line(line.sku(), line.quantity(),
                        line.amount(), line.reasonCode() == null ? OpenCaseRequest.ReasonCode.OTHER : line.reasonCode())).toList()),
                CallerIdentity.of(authentication).subject());
        return ResponseEntity.status(recorded.replayed() ? HttpStatus.OK : HttpStatus.CREATED).body(new Recorded(recorded.caseId(), recorded.replayed()));
    }
}
