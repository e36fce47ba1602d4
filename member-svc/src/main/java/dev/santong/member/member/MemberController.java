package dev.santong.member.member;

import java.net.URI;

import jakarta.validation.Valid;

import org.springframework.http.ResponseEntity;
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
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;

@RestController
@Tag(name = "Members", description = "One member across every channel: enrolment, identities, look-up, profile")
@RequestMapping("/api/members")
class MemberController {

    private final MemberEnrolment enrolment;
    private final MemberReading reading;
    private final MemberAudit audit;
    private final PosLookup lookup;
    private final MemberQrCodes qrCodes;
    private final MemberAccess access;

    MemberController(MemberEnrolment enrolment, MemberReading reading, MemberAudit audit, PosLookup lookup, MemberQrCodes qrCodes,
            MemberAccess access) {
        this.lookup = lookup;
        this.qrCodes = qrCodes;
        this.access = access;
        this.enrolment = enrolment;
        this.reading = reading;
        this.audit = audit;
    }

    /** 201 with Location for a new member; 200 with the existing member when an identity already resolves to one. */
    @Answers.CreatedOrReplayed
    @Operation(operationId = "enrolMember",
            summary = "Enrol a member from any channel; an identity that already resolves to a member answers that member (200)")
    @PostMapping
    ResponseEntity<EnrolmentResponse> enrol(@Valid @RequestBody EnrolMemberRequest request, Authentication authentication) {
        CallerIdentity caller = CallerIdentity.of(authentication);
        MemberEnrolment.Enrolled enrolled = enrolment.enrol(request, caller);
        MemberView view = reading.read(enrolled.member().id(), caller);
        EnrolmentResponse body = new EnrolmentResponse(view, caller.isShopper() ? enrolled.resolution().toShopper() : enrolled.resolution());
        if (enrolled.resolution().outcome() == EnrolmentResponse.Outcome.ENROLLED) {
            return ResponseEntity.created(URI.create("/api/members/" + view.id())).body(body);
        }
        return ResponseEntity.ok(body);
    }

    /** A till scans or types what the shopper shows: exactly one of phone, card, code or qr. */
    @Operation(operationId = "lookUpMember", summary = "Find the member a till is shown: exactly one of phone, card, code or QR code")
    @GetMapping("/lookup")
    @Answers.MayFindNothing
    PosLookup.TillView lookup(@RequestParam(required = false) String phone, @RequestParam(required = false) String card,
            @RequestParam(required = false) String code, @RequestParam(required = false) String qr, Authentication authentication) {
        return lookup.lookup(phone, card, code, qr, CallerIdentity.of(authentication));
    }

    /** The code the shop app shows at the till; it expires within a minute, so a screenshot is useless. */
    @Operation(operationId = "getMyQrCode", summary = "The code the shop app shows at a till; it expires within a minute")
    @GetMapping("/me/qr-code")
    MemberQrCodes.QrCode qrCode(Authentication authentication) {
        return qrCodes.issue(access.own(CallerIdentity.of(authentication)).id());
    }

    @Operation(operationId = "getMe", summary = "The signed-in shopper's own member record")
    @GetMapping("/me")
    MemberView me(Authentication authentication) {
        return reading.readOwn(CallerIdentity.of(authentication));
    }

    @Operation(operationId = "getMemberAudit", summary = "Who changed what in a member record, and when (HQ)")
    @GetMapping("/{memberId}/audit")
    @org.springframework.security.access.prepost.PreAuthorize("hasAnyRole('hq-admin', 'hq-analyst')")
    @BareInVersion1
    Page<MemberAudit.Entry> audit(@PathVariable String memberId,
            @org.springframework.web.bind.annotation.RequestParam(defaultValue = "100") @jakarta.validation.constraints.Min(1) @jakarta.validation.constraints.Max(1000) int limit,
            @org.springframework.web.bind.annotation.RequestParam(required = false) @jakarta.validation.constraints.Size(max = 512) String cursor) {
        return audit.of(memberId, cursor, limit);
    }

    @Operation(operationId = "getMember", summary = "A member, for whoever may see them (404 otherwise)")
    @GetMapping("/{memberId}")
    MemberView read(@PathVariable String memberId, Authentication authentication) {
        return reading.read(memberId, CallerIdentity.of(authentication));
    }
}
