package dev.santong.channelsync.upload;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Pattern;

import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

import dev.santong.platform.kit.privacy.ErasureNotice;
import dev.santong.platform.kit.web.Answers;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;

/** member-svc's erasure hook (docs/privacy.md): inside the cluster only, never routed by the gateway. */
@RestController
@Tag(name = "Internal", description = "Calls between Santong services only")
class MemberErasureController {

    private final MemberErasure erasure;

    MemberErasureController(MemberErasure erasure) {
        this.erasure = erasure;
    }

    @Answers.NoContent
    @Operation(operationId = "eraseMemberFromUploads",
            summary = "Scrub an erased member's personal values from every batch that named them (member-svc's relay only)")
    @PostMapping("/internal/members/{memberId}/erasure")
    @PreAuthorize("hasRole('privacy-relay')")
    ResponseEntity<Void> erase(@PathVariable @Pattern(regexp = ErasureNotice.MEMBER_ID) String memberId, @Valid @RequestBody ErasureNotice notice) {
        notice.check();
        erasure.erase(memberId, notice.digests());
        return ResponseEntity.noContent().build();
    }
}
