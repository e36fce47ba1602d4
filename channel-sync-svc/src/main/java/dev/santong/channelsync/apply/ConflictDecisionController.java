package dev.santong.channelsync.apply;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import dev.santong.platform.kit.security.CallerIdentity;
import dev.santong.platform.kit.web.Answers;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.tags.Tag;

/** HQ closes a conflict: accepts the new version as a correction of the applied one, or rejects it. */
@RestController
@Tag(name = "Conflicts", description = "Uploads that reused a key with other content, and HQ's decisions on them")
@RequestMapping("/api/sync")
class ConflictDecisionController {

    @Schema(example = """
            {"decision": "ACCEPT", "note": "till 3 keyed 2 instead of 3; corrected receipt confirmed by the store manager"}""")
    record DecisionRequest(@NotNull ConflictDecisions.Verdict decision, @Size(max = 500) String note) {
    }

    private final ConflictDecisions decisions;

    ConflictDecisionController(ConflictDecisions decisions) {
        this.decisions = decisions;
    }

    @Answers.CreatedOrReplayed
    @Operation(operationId = "decideConflict",
            summary = "Accept a conflicting version as a correction (its difference applied once, as durable work) or reject it",
            description = "A decision is final: the same decision again answers 200 with what was decided, the other one 409. "
                    + "Accepting needs the stored version's own work done, and effects a target can apply as a difference.")
    @PostMapping("/conflicts/{conflictId}/decision")
    @PreAuthorize("hasRole('hq-admin')")
    ResponseEntity<ConflictDecisions.Decided> decide(@PathVariable long conflictId, @Valid @RequestBody DecisionRequest request,
            Authentication authentication) {
        ConflictDecisions.Decided decided = decisions.decide(conflictId, request.decision(), request.note(),
                CallerIdentity.of(authentication).subject());
        return ResponseEntity.status(decided.replayed() ? HttpStatus.OK : HttpStatus.CREATED).body(decided);
    }
}
