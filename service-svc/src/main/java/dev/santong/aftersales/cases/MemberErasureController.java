package dev.santong.aftersales.cases;

import java.util.List;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

import dev.santong.platform.kit.problem.InvalidRequestException;
import io.swagger.v3.oas.annotations.Operation;

/** member-svc's erasure hook (docs/privacy.md): inside the cluster only, never routed by the gateway. */
@RestController
class MemberErasureController {

    record ErasureNotice(@NotNull @Size(max = 100) List<String> memberIds, @NotNull @Size(max = 2000) List<String> digests) {

        /** Element by element, so a refusal names the element (digests[3]). */
        void check() {
            InvalidRequestException.requireEach("memberIds", memberIds, "[A-Za-z0-9-]{1,36}", "must be a member id");
            InvalidRequestException.requireEach("digests", digests, "[0-9a-f]{64}", "must be a SHA-256 digest in lower-case hex");
        }
    }

    private final CaseErasure erasure;

    MemberErasureController(CaseErasure erasure) {
        this.erasure = erasure;
    }

    @Operation(summary = "Remove what could name an erased member from their cases (member-svc's relay only)")
    @PostMapping("/internal/members/{memberId}/erasure")
    @PreAuthorize("hasRole('privacy-relay')")
    ResponseEntity<Void> erase(@PathVariable @Pattern(regexp = "[A-Za-z0-9-]{1,36}") String memberId, @Valid @RequestBody ErasureNotice notice) {
        notice.check();
        erasure.erase(memberId, notice.memberIds(), notice.digests());
        return ResponseEntity.noContent().build();
    }
}
