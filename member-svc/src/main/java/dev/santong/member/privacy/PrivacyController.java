package dev.santong.member.privacy;

import java.time.Instant;
import java.util.Map;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;

import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import dev.santong.member.member.MemberAccess;
import dev.santong.member.member.MemberAccess.Intent;
import dev.santong.member.member.Members.MemberRow;
import dev.santong.platform.kit.security.CallerIdentity;
import dev.santong.platform.kit.web.Answers;
import dev.santong.platform.kit.web.BareInVersion1;
import dev.santong.platform.kit.web.Page;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.tags.Tag;

/** A member's own copy of their data, and its erasure; HQ acts on requests received elsewhere (letters, hotline). */
@RestController
@Tag(name = "Privacy", description = "Consent, export and erasure of a member's personal data")
@RequestMapping("/api/members")
class PrivacyController {

    /** One member's export, as both the shopper and HQ get it. */
    private static final String EXPORT_EXAMPLE = """
            {"format": 1, "exportedAt": "2026-12-06T08:00:00Z", "service": "member-svc", "member": {"id": "01a20bc5-f360-7b8a-b1b7-947ef07e36c8", \
            "displayName": "Alice Wang", "status": "ACTIVE", "enrolledChannel": "ONLINE", "enrolledStore": null, \
            "enrolledAt": "2026-11-01T05:09:20Z"}, "formerMemberIds": [], "parts": {"identities": [{"type": "PHONE", "value": "+8613700000001", \
            "verified": true, "sourceChannel": "ONLINE", "sourceStore": null, "firstSeenAt": "2026-11-01T05:09:20Z"}], \
            "consents": {"inForce": [{"purpose": "PERSONALISED_OFFERS", "channelScope": "*", "action": "GIVEN", "noticeVersion": 1, \
            "since": "2026-11-01T05:09:20Z"}]}, "tags": [], "points": {"balance": 398, "lots": [{"id": 8474, "initial": 398, "remaining": 398, \
            "earnedAt": "2026-11-04T11:21:22Z", "expiresAt": "2027-11-04T11:21:22Z"}]}, "vouchers": []}}""";


    @Schema(example = """
            {"reason": "The member asked at store 9 to be forgotten (ticket 2026-1187)."}""")
    record ErasureRequest(@NotBlank @Size(max = 500) String reason) {
    }

    @Schema(example = """
            {"memberId": "01a20bc5-f360-7b8a-b1b7-947ef07e36c8", "status": "ERASED", "erasedAt": "2026-11-23T08:00:00Z"}""")
    record Erased(String memberId, String status, Instant erasedAt) {
    }

    private final DataSubjectRights rights;
    private final MemberAccess access;
    private final ErasureRelay relay;

    PrivacyController(DataSubjectRights rights, MemberAccess access, ErasureRelay relay) {
        this.rights = rights;
        this.relay = relay;
        this.access = access;
    }

    @Operation(operationId = "exportMyData", summary = "Everything Santong holds about the signed-in shopper, as one document")
    @GetMapping("/me/export")
    @Answers.Example(EXPORT_EXAMPLE)
    Map<String, Object> exportMine(Authentication authentication) {
        CallerIdentity caller = CallerIdentity.of(authentication);
        return rights.export(access.own(caller), caller);
    }

    @Operation(operationId = "exportMemberData", summary = "Everything Santong holds about a member, as one document (HQ admin)")
    @GetMapping("/{memberId}/export")
    @Answers.Example(EXPORT_EXAMPLE)
    @PreAuthorize("hasRole('hq-admin')")
    Map<String, Object> export(@PathVariable String memberId, Authentication authentication) {
        CallerIdentity caller = CallerIdentity.of(authentication);
        return rights.export(access.check(memberId, caller, Intent.READ), caller);
    }

    @Operation(operationId = "eraseMe",
            summary = "Erase the signed-in shopper: personal data removed here and in every service that holds some")
    @PostMapping("/me/erasure")
    Erased eraseMine(@Valid @RequestBody ErasureRequest request, Authentication authentication) {
        CallerIdentity caller = CallerIdentity.of(authentication);
        MemberRow member = access.own(caller);
        return new Erased(member.id(), "ERASED", rights.erase(member.id(), request.reason(), caller));
    }

    @Operation(operationId = "eraseMember", summary = "Erase a member on their request (HQ admin)")
    @PostMapping("/{memberId}/erasure")
    @PreAuthorize("hasRole('hq-admin')")
    Erased erase(@PathVariable String memberId, @Valid @RequestBody ErasureRequest request, Authentication authentication) {
        CallerIdentity caller = CallerIdentity.of(authentication);
        MemberRow member = access.check(memberId, caller, Intent.WRITE);
        return new Erased(member.id(), "ERASED", rights.erase(member.id(), request.reason(), caller));
    }

    /** Erasures a service has not confirmed yet (it is retried until it does), with the last failure, for HQ. */
    @Operation(operationId = "listUnconfirmedErasures", summary = "Erasures a service has not confirmed yet, with the last failure (HQ)")
    @GetMapping("/erasure-relay")
    @PreAuthorize("hasAnyRole('hq-admin', 'hq-analyst')")
    @BareInVersion1
    Page<ErasureRelay.Delivery> undeliveredErasures(
            @org.springframework.web.bind.annotation.RequestParam(defaultValue = "100") @jakarta.validation.constraints.Min(1)
            @jakarta.validation.constraints.Max(1000) int limit,
            @org.springframework.web.bind.annotation.RequestParam(required = false) @Size(max = 512) String cursor) {
        return relay.undelivered(cursor, limit);
    }
}
