package dev.santong.member.member;

import java.time.Instant;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;

import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.Authentication;
import org.springframework.validation.annotation.Validated;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import dev.santong.platform.kit.problem.ConflictException;
import dev.santong.platform.kit.problem.ResourceNotFoundException;
import dev.santong.platform.kit.security.CallerIdentity;
import dev.santong.platform.kit.web.BareInVersion1;
import dev.santong.platform.kit.web.Page;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.tags.Tag;

/** HQ's review queue: pairs of members one identity points to, each with the evidence of why. */
@RestController
@Tag(name = "Merges", description = "Duplicate candidates, merge previews, merges and unmerges")
@RequestMapping("/api/members/duplicate-candidates")
@Validated
class DuplicateCandidateController {

    /**
     * @param identityValue  the shared identity as the holder has it today (null once it moved or was erased)
     * @param claimVerified  whether the request that met it proved it (the identity provider verified it)
     * @param holderVerified whether the member holding it had it verified
     */
    @Schema(example = """
            {"id": 23, "memberId": "01a20bc5-f360-7b8a-b1b7-947ef07e36c8", "otherMemberId": "01a20c11-2b7e-7c4d-8e0f-5a61d2e9b303", \
            "identityType": "PHONE", "identityValue": "+8613800138000", "claimVerified": false, "holderVerified": true, "channel": "ONLINE", \
            "storeId": null, "detectedAt": "2026-11-21T10:00:00Z", "status": "OPEN", "resolvedBy": null, "resolvedAt": null, "resolutionNote": null}""")
    record CandidateView(long id, String memberId, String otherMemberId, IdentityType identityType, String identityValue,
            boolean claimVerified, boolean holderVerified, Channel channel, String storeId, Instant detectedAt,
            String status, String resolvedBy, Instant resolvedAt, String resolutionNote) {
    }

    @Schema(example = """
            {"reason": "Two people: mother and daughter share the phone number."}""")
    record Dismissal(@NotBlank @Size(max = 500) String reason) {
    }

    private final ResolutionEvidence evidence;
    private final MemberAudit audit;
    private final org.springframework.transaction.support.TransactionTemplate transactions;

    DuplicateCandidateController(ResolutionEvidence evidence, MemberAudit audit,
            org.springframework.transaction.support.TransactionTemplate transactions) {
        this.evidence = evidence;
        this.audit = audit;
        this.transactions = transactions;
    }

    @Operation(operationId = "listDuplicateCandidates", summary = "Pairs of members that may be one person, with the evidence (HQ)")
    @GetMapping
    @PreAuthorize("hasAnyRole('hq-admin', 'hq-analyst')")
    @BareInVersion1
    Page<CandidateView> list(@RequestParam(defaultValue = "OPEN") String status,
            @RequestParam(defaultValue = "100") @Min(1) @Max(1000) int limit,
            @RequestParam(required = false) @jakarta.validation.constraints.Size(max = 512) String cursor, Authentication authentication) {
        boolean masked = MemberReading.masksIdentities(CallerIdentity.of(authentication));
        return evidence.candidates(status, cursor, limit).map(candidate -> view(candidate, masked));
    }

    @Operation(operationId = "dismissDuplicateCandidate", summary = "Record that a candidate pair are two people (HQ admin)")
    @PostMapping("/{candidateId}/dismissal")
    @PreAuthorize("hasRole('hq-admin')")
    CandidateView dismiss(@PathVariable long candidateId, @Valid @RequestBody Dismissal dismissal, Authentication authentication) {
        CallerIdentity caller = CallerIdentity.of(authentication);
        return transactions.execute(status -> {
            ResolutionEvidence.Candidate candidate = evidence.candidate(candidateId)
                    .orElseThrow(() -> new ResourceNotFoundException("duplicate candidate", candidateId));
            if (!"OPEN".equals(candidate.status())) {
                throw new ConflictException("candidate-closed", "The candidate is already " + candidate.status());
            }
            evidence.resolvePair(candidate.memberId(), candidate.otherMemberId(), "DISMISSED", caller.subject(), dismissal.reason());
            audit.record(candidate.memberId(), candidate.otherMemberId(), "DUPLICATE_DISMISSED", caller, dismissal.reason());
            return view(evidence.candidate(candidateId).orElseThrow(), false);
        });
    }

    /** The shared identity in full for HQ admin, who decides; masked for an analyst. */
    private CandidateView view(ResolutionEvidence.Candidate candidate, boolean masked) {
        String value = evidence.identityValue(candidate.holderIdentity())
                .map(held -> masked ? MemberReading.mask(candidate.identityType(), held) : held).orElse(null);
        return new CandidateView(candidate.id(), candidate.memberId(), candidate.otherMemberId(), candidate.identityType(),
                value, candidate.claimVerified(), candidate.holderVerified(), candidate.channel(), candidate.storeId(),
                candidate.detectedAt(), candidate.status(), candidate.resolvedBy(), candidate.resolvedAt(), candidate.resolutionNote());
    }
}
