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
import org.springframework.web.bind.annotation.RestController;

import dev.santong.platform.kit.security.CallerIdentity;

@RestController
@RequestMapping("/api/members")
class MemberController {

    private final MemberEnrolment enrolment;
    private final MemberReading reading;
    private final MemberAudit audit;

    MemberController(MemberEnrolment enrolment, MemberReading reading, MemberAudit audit) {
        this.enrolment = enrolment;
        this.reading = reading;
        this.audit = audit;
    }

    /** 201 with Location for a new member; 200 with the existing member when an identity already resolves to one. */
    @PostMapping
    ResponseEntity<EnrolmentResponse> enrol(@Valid @RequestBody EnrolMemberRequest request, Authentication authentication) {
        CallerIdentity caller = CallerIdentity.of(authentication);
        MemberEnrolment.Enrolled enrolled = enrolment.enrol(request, caller);
        MemberView view = reading.read(enrolled.member().id(), caller);
        EnrolmentResponse body = new EnrolmentResponse(view, enrolled.resolution());
        if (enrolled.resolution().outcome() == EnrolmentResponse.Outcome.ENROLLED) {
            return ResponseEntity.created(URI.create("/api/members/" + view.id())).body(body);
        }
        return ResponseEntity.ok(body);
    }

    @GetMapping("/me")
    MemberView me(Authentication authentication) {
        return reading.readOwn(CallerIdentity.of(authentication));
    }

    @GetMapping("/{memberId}/audit")
    @org.springframework.security.access.prepost.PreAuthorize("hasAnyRole('hq-admin', 'hq-analyst')")
    java.util.List<MemberAudit.Entry> audit(@PathVariable String memberId) {
        return audit.of(memberId);
    }

    @GetMapping("/{memberId}")
    MemberView read(@PathVariable String memberId, Authentication authentication) {
        return reading.read(memberId, CallerIdentity.of(authentication));
    }
}
