package dev.santong.aftersales.cases;

import java.time.Clock;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import dev.santong.platform.kit.security.CallerIdentity;
import dev.santong.platform.kit.web.BareInVersion1;
import dev.santong.platform.kit.web.Page;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.tags.Tag;

/** Refunds for the channel that pays them out: the shop's server for online orders, a store for its receipts, HQ any. */
@RestController
@Tag(name = "Refunds", description = "What the channels pay back, and the record that they did")
@RequestMapping("/api/aftersales/refund-instructions")
class RefundInstructionController {

    @Schema(example = """
            {"paymentReference": "9-3-2026-11-21-000045"}""")
    record Payment(@NotBlank @Size(max = 100) String paymentReference) {
    }

    private final RefundInstructions refunds;
    private final Clock clock;

    RefundInstructionController(RefundInstructions refunds, Clock clock) {
        this.refunds = refunds;
        this.clock = clock;
    }

    @Operation(operationId = "listRefundInstructions",
            summary = "Refunds to pay out (status PENDING) or paid (PAID), oldest first, for the caller's channel")
    @GetMapping
    @BareInVersion1
    Page<RefundInstructions.Instruction> toPay(@RequestParam(defaultValue = "PENDING") @Pattern(regexp = "PENDING|PAID") String status,
            @RequestParam(defaultValue = "100") @Min(1) @Max(1000) int limit, @RequestParam(required = false) @Size(max = 512) String cursor,
            Authentication authentication) {
        return refunds.toPay(CallerIdentity.of(authentication), status, cursor, limit);
    }

    @Operation(operationId = "recordRefundPayment",
            summary = "Record that the refund was paid out, once (the same payment reference again is a retry; another is 409)")
    @PostMapping("/{caseId}/payment")
    RefundInstructions.Instruction paid(@PathVariable @Size(max = 36) String caseId, @Valid @RequestBody Payment payment,
            Authentication authentication) {
        return refunds.paid(caseId, payment.paymentReference(), CallerIdentity.of(authentication), clock.instant());
    }
}
