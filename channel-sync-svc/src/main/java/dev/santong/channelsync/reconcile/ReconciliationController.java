package dev.santong.channelsync.reconcile;

import java.net.URI;
import java.time.LocalDate;
import java.util.List;

import jakarta.validation.Valid;

import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import dev.santong.platform.kit.security.CallerIdentity;
import dev.santong.platform.kit.web.Answers;
import dev.santong.platform.kit.web.BareInVersion1;
import dev.santong.platform.kit.web.Page;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;

import io.swagger.v3.oas.annotations.media.Schema;

@RestController
@Tag(name = "Day close", description = "A store's declared day totals against what Santong applied")
@RequestMapping("/api/sync")
class ReconciliationController {

    @Schema(example = """
            {"storeId": "9", "businessDay": "2026-11-21", "version": 1, "replayed": false, \
            "reconciliation": "/api/sync/stores/9/days/2026-11-21/reconciliation"}""")
    record CloseReceived(String storeId, LocalDate businessDay, int version, boolean replayed, String reconciliation) {
    }

    /** One line per store for HQ's glance at a day. */
    @Schema(example = """
            {"storeId": "9", "status": "RED", "received": 412, "applied": 410, "pending": 1, "quarantined": 1, "missing": 0, \
                "failedChecks": ["items sold"]}""")
    record StoreDay(String storeId, Reconciliation.Status status, long received, long applied, long pending, long quarantined,
            int missing, List<String> failedChecks) {
    }

    private final DayCloses closes;
    private final Reconciliation reconciliation;
    private final DayTransactions days;

    ReconciliationController(DayCloses closes, Reconciliation reconciliation, DayTransactions days) {
        this.closes = closes;
        this.reconciliation = reconciliation;
        this.days = days;
    }

    /** The POS's day-close totals; sending the same again is harmless, a correction becomes the next version. */
    @Answers.CreatedOrReplayed
    @Operation(operationId = "closeStoreDay",
            summary = "Declare a store's day-close totals; the same again is harmless, a correction becomes the next version")
    @PutMapping("/stores/{storeId}/days/{day}/close")
    ResponseEntity<CloseReceived> close(@PathVariable String storeId, @PathVariable @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate day,
            @Valid @RequestBody DayClose close, Authentication authentication) {
        CallerIdentity caller = CallerIdentity.of(authentication);
        if (!caller.actsForStore(storeId) && !caller.hasRole("hq-admin")) {
            throw new AccessDeniedException("a store closes its own days only");
        }
        DayCloses.Declared declared = closes.declare(storeId, day, close, caller.subject());
        String report = "/api/sync/stores/" + storeId + "/days/" + day + "/reconciliation";
        CloseReceived body = new CloseReceived(storeId, day, declared.version(), declared.replayed(), report);
        return declared.replayed() ? ResponseEntity.ok(body) : ResponseEntity.created(URI.create(report)).body(body);
    }

    @Operation(operationId = "getDayReconciliation",
            summary = "A store's day: declared totals against what was applied, with the evidence of each mismatch")
    @GetMapping("/stores/{storeId}/days/{day}/reconciliation")
    Reconciliation.Report report(@PathVariable String storeId, @PathVariable @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate day,
            Authentication authentication) {
        CallerIdentity caller = CallerIdentity.of(authentication);
        if (!caller.actsForStore(storeId) && !caller.isHq()) {
            throw new AccessDeniedException("a store reads its own reconciliation only");
        }
        return reconciliation.report(storeId, day);
    }

    /** Every store's status for a business day at a glance. */
    @Operation(operationId = "listDayReconciliation", summary = "Every store's status for a business day at a glance (HQ)")
    @GetMapping("/reconciliation")
    @PreAuthorize("hasAnyRole('hq-admin', 'hq-analyst')")
    @BareInVersion1
    Page<StoreDay> overview(@RequestParam @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate day) {
        return Page.all(days.storesOf(day).stream().map(store -> reconciliation.report(store, day))
                .map(report -> new StoreDay(report.storeId(), report.status(), report.received(), report.applied(), report.pending(),
                        report.quarantined(), report.missing().size(), report.checks().stream()
                                .filter(check -> check.status() == Reconciliation.CheckStatus.MISMATCH).map(Reconciliation.Check::name).toList()))
                .toList());
    }
}
