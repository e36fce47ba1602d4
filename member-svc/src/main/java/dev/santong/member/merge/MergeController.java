package dev.santong.member.merge;

import java.net.URI;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;

import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import dev.santong.platform.kit.security.CallerIdentity;
import dev.santong.platform.kit.web.Answers;
import dev.santong.platform.kit.web.BareInVersion1;
import dev.santong.platform.kit.web.Page;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;

@RestController
@Tag(name = "Merges", description = "Duplicate candidates, merge previews, merges and unmerges")
@RequestMapping("/api/members")
class MergeController {

    @Schema(example = """
            {"mergedMemberId": "01a20bc5-f360-7b8a-b1b7-947ef07e36c8", "reason": "same phone confirmed by the member at store 9"}""")
    record MergeRequest(@NotBlank @Size(max = 36) String mergedMemberId, @NotBlank @Size(max = 500) String reason) {
    }

    @Schema(example = """
            {"reason": "Merged by mistake: different people with the same name."}""")
    record UnmergeRequest(@NotBlank @Size(max = 500) String reason) {
    }

    private final MemberMerge merge;

    MergeController(MemberMerge merge) {
        this.merge = merge;
    }

    /** What merging {@code mergedMemberId} into this member would move, and what would block it. */
    @Operation(operationId = "previewMerge", summary = "What merging another member into this one would move, and what would block it (HQ)")
    @GetMapping("/{survivorId}/merge-preview")
    @PreAuthorize("hasAnyRole('hq-admin', 'hq-analyst')")
    MemberMerge.Preview preview(@PathVariable String survivorId, @RequestParam String mergedMemberId) {
        return merge.preview(survivorId, mergedMemberId);
    }

    @Answers.Created
    @Operation(operationId = "mergeMembers",
            summary = "Merge another member into this one: identities, points, vouchers and history move (HQ admin)")
    @PostMapping("/{survivorId}/merges")
    @PreAuthorize("hasRole('hq-admin')")
    ResponseEntity<MemberMerge.MergeView> merge(@PathVariable String survivorId, @Valid @RequestBody MergeRequest request,
            Authentication authentication) {
        MemberMerge.MergeView done = merge.merge(survivorId, request.mergedMemberId(), request.reason(), false,
                CallerIdentity.of(authentication));
        return ResponseEntity.created(URI.create("/api/members/merges/" + done.id())).body(done);
    }

    @Operation(operationId = "listMemberMerges", summary = "The merges a member took part in (HQ)")
    @GetMapping("/{memberId}/merges")
    @PreAuthorize("hasAnyRole('hq-admin', 'hq-analyst')")
    @BareInVersion1
    Page<MemberMerge.MergeView> ofMember(@PathVariable String memberId) {
        return Page.all(merge.ofMember(memberId));
    }

    @Operation(operationId = "getMerge", summary = "A merge with what it moved (HQ)")
    @GetMapping("/merges/{mergeId}")
    @PreAuthorize("hasAnyRole('hq-admin', 'hq-analyst')")
    MemberMerge.MergeView find(@PathVariable long mergeId) {
        return merge.find(mergeId);
    }

    /** Restores both members as they were, with what happened since through the merged member's old id. */
    @Operation(operationId = "unmergeMembers", summary = "Restore both members as they were, with what happened since (HQ admin)")
    @PostMapping("/merges/{mergeId}/unmerge")
    @PreAuthorize("hasRole('hq-admin')")
    MemberMerge.MergeView unmerge(@PathVariable long mergeId, @Valid @RequestBody UnmergeRequest request, Authentication authentication) {
        return merge.unmerge(mergeId, request.reason(), CallerIdentity.of(authentication));
    }
}
