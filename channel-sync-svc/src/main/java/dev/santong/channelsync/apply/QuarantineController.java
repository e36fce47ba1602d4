package dev.santong.channelsync.apply;

import java.time.Instant;
import java.time.LocalDate;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Size;

import org.springframework.http.ResponseEntity;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import dev.santong.platform.kit.problem.ConflictException;
import dev.santong.platform.kit.problem.ResourceNotFoundException;
import dev.santong.platform.kit.security.CallerIdentity;
import dev.santong.platform.kit.web.Answers;
import dev.santong.platform.kit.web.BareInVersion1;
import dev.santong.platform.kit.web.Page;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;

import io.swagger.v3.oas.annotations.media.Schema;

/** Work a target keeps refusing, with its reason, for the store and HQ; HQ replays it once the cause is fixed. */
@RestController
@Tag(name = "Quarantine", description = "Uploaded transactions that could not be applied, kept for a person to look at")
@RequestMapping("/api/sync")
class QuarantineController {

    @Schema(example = """
            {"workId": 5521, "target": "GOODS", "storeId": "9", "workstationId": "34", "businessDay": "2026-11-20", "sequenceNumber": 161, \
                "reference": "9-34-20261120-161", "attempts": 5, "reason": "barcode 6900000880017 is not in the catalogue", \
                "quarantinedAt": "2026-11-20T03:10:00Z"}""")
    record QuarantinedView(long workId, String target, String storeId, String workstationId, LocalDate businessDay, long sequenceNumber,
            String reference, int attempts, String reason, Instant quarantinedAt) {

        static QuarantinedView of(ApplyWork.Item item) {
            return new QuarantinedView(item.id(), item.target(), item.storeId(), item.workstationId(), item.businessDay(), item.sequenceNumber(),
                    item.reference(), item.attempts(), item.lastError(), item.finishedAt());
        }
    }

    @Schema(example = """
            {"workId": 5521, "status": "PENDING"}""")
    record Replayed(long workId, String status) {
    }

    private final ApplyWork work;

    QuarantineController(ApplyWork work) {
        this.work = work;
    }

    @Operation(operationId = "listStoreQuarantine",
            summary = "A store's transactions that could not be applied, with the reason (the store's own, or HQ)")
    @GetMapping("/stores/{storeId}/quarantine")
    @BareInVersion1
    Page<QuarantinedView> ofStore(@PathVariable String storeId, @RequestParam(defaultValue = "100") @Min(1) @Max(1000) int limit,
            @RequestParam(required = false) @Size(max = 512) String cursor, Authentication authentication) {
        CallerIdentity caller = CallerIdentity.of(authentication);
        if (!caller.isHq() && !caller.actsForStore(storeId)) {
            throw new AccessDeniedException("a store sees its own quarantine");
        }
        return work.quarantined(storeId, cursor, limit).map(QuarantinedView::of);
    }

    @Operation(operationId = "listQuarantine", summary = "Every store's transactions that could not be applied, with the reason (HQ)")
    @GetMapping("/quarantine")
    @PreAuthorize("hasAnyRole('hq-admin', 'hq-analyst')")
    @BareInVersion1
    Page<QuarantinedView> all(@RequestParam(defaultValue = "100") @Min(1) @Max(1000) int limit,
            @RequestParam(required = false) @Size(max = 512) String cursor) {
        return work.quarantined(null, cursor, limit).map(QuarantinedView::of);
    }

    /** Works the row again from its first attempt; replaying a row that is no longer quarantined is a 409. */
    @Answers.Accepted
    @Operation(operationId = "replayQuarantined",
            summary = "Apply a quarantined transaction again from its first step, after the cause was fixed")
    @PostMapping("/quarantine/{workId}/replay")
    @PreAuthorize("hasRole('hq-admin')")
    ResponseEntity<Replayed> replay(@PathVariable long workId) {
        ApplyWork.Item item = work.find(workId).orElseThrow(() -> new ResourceNotFoundException("work", Long.toString(workId)));
        if (!work.replay(workId)) {
            throw new ConflictException("not-quarantined", "Work " + workId + " is " + item.status().name().toLowerCase()
                    + ", not quarantined");
        }
        return ResponseEntity.accepted().body(new Replayed(workId, "PENDING"));
    }
}
