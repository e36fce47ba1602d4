package dev.santong.member.privacy;

import java.net.URI;
import java.util.List;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Positive;
import jakarta.validation.constraints.Size;

import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.Authentication;
import org.springframework.transaction.support.TransactionTemplate;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import dev.santong.member.member.Channel;
import dev.santong.member.member.MemberAccess;
import dev.santong.member.member.MemberAccess.Intent;
import dev.santong.member.member.MemberAudit;
import dev.santong.member.member.Members.MemberRow;
import dev.santong.member.privacy.Consents.Action;
import dev.santong.member.privacy.Consents.State;
import dev.santong.platform.kit.security.CallerIdentity;
import dev.santong.platform.kit.web.Answers;
import dev.santong.platform.kit.web.BareInVersion1;
import dev.santong.platform.kit.web.Page;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;

@RestController
@Tag(name = "Privacy", description = "Consent, export and erasure of a member's personal data")
@RequestMapping("/api/members")
class ConsentController {

    @Schema(example = """
            {"purpose": "MARKETING_SMS", "action": "GIVEN", "noticeVersion": 1, "channel": "STORE"}""")
    record ConsentChange(
            @NotNull ConsentPurpose purpose,
            @NotNull Action action,
            @Schema(description = "The notice version shown to the member; required when consent is given") @Positive Integer noticeVersion,
            @Schema(description = "ONLINE or STORE; omitted for every channel") Channel channel) {
    }

    @Schema(example = """
            {"purpose": "MARKETING_SMS", "text": "We may send you offers by SMS. Reply TD to stop at any time."}""")
    record NoticeText(@NotNull ConsentPurpose purpose, @NotBlank @Size(max = 10_000) String text) {
    }

    /** @param history the full given/withdrawn history; omitted for tills, which only need what is in force */
    @Schema(example = """
            {"memberId": "01a20bc5-f360-7b8a-b1b7-947ef07e36c8", "inForce": [{"purpose": "MARKETING_SMS", "channelScope": "*", \
            "action": "GIVEN", "noticeVersion": 1, "since": "2026-11-20T02:12:00Z"}], "history": [{"id": 88, \
            "memberId": "01a20bc5-f360-7b8a-b1b7-947ef07e36c8", "originMemberId": "01a20bc5-f360-7b8a-b1b7-947ef07e36c8", \
            "purpose": "MARKETING_SMS", "channelScope": "*", "action": "GIVEN", "noticeVersion": 1, "sourceChannel": "STORE", "storeId": "9", \
            "recordedBy": "pos-store-9", "recordedAt": "2026-11-20T02:12:00Z", "mergeId": null}]}""")
    record ConsentsView(String memberId, List<State> inForce, List<Consents.Event> history) {
    }

    private final Consents consents;
    private final ConsentNotices notices;
    private final MemberAccess access;
    private final MemberAudit audit;
    private final TransactionTemplate transactions;

    ConsentController(Consents consents, ConsentNotices notices, MemberAccess access, MemberAudit audit, TransactionTemplate transactions) {
        this.consents = consents;
        this.notices = notices;
        this.access = access;
        this.audit = audit;
        this.transactions = transactions;
    }

    @Operation(operationId = "listConsentNotices", summary = "The notices a member may consent to, each with its versions")
    @GetMapping("/consent-notices")
    @BareInVersion1
    Page<ConsentNotices.Notice> currentNotices() {
        return Page.all(notices.current());
    }

    @Answers.CreatedOrReplayed
    @Operation(operationId = "publishConsentNotice", summary = "Publish a notice or a new version of one (HQ admin)")
    @PostMapping("/consent-notices")
    @PreAuthorize("hasRole('hq-admin')")
    ResponseEntity<ConsentNotices.Notice> publish(@Valid @RequestBody NoticeText notice, Authentication authentication) {
        ConsentNotices.Published published = notices.publish(notice.purpose(), notice.text(), CallerIdentity.of(authentication).subject());
        if (!published.isNew()) {
            return ResponseEntity.ok(published.notice());
        }
        return ResponseEntity.created(URI.create("/api/members/consent-notices/" + published.notice().purpose() + "/"
                + published.notice().version())).body(published.notice());
    }

    @Operation(operationId = "listMyConsents", summary = "The signed-in shopper's consents, as given and withdrawn")
    @GetMapping("/me/consents")
    ConsentsView mine(Authentication authentication) {
        CallerIdentity caller = CallerIdentity.of(authentication);
        return view(access.own(caller).id(), caller);
    }

    @Operation(operationId = "recordMyConsent", summary = "Give or withdraw the signed-in shopper's consent to a notice")
    @PostMapping("/me/consents")
    State changeMine(@Valid @RequestBody ConsentChange change, Authentication authentication) {
        CallerIdentity caller = CallerIdentity.of(authentication);
        MemberRow member = access.own(caller);
        return record(member, member.id(), change, caller);
    }

    @Operation(operationId = "listMemberConsents", summary = "A member's consents, as given and withdrawn")
    @GetMapping("/{memberId}/consents")
    ConsentsView ofMember(@PathVariable String memberId, Authentication authentication) {
        CallerIdentity caller = CallerIdentity.of(authentication);
        return view(access.check(memberId, caller, Intent.READ).id(), caller);
    }

    /** A till records what the shopper in front of it agreed to; HQ records paper forms; both are as easy to withdraw. */
    @Operation(operationId = "recordMemberConsent",
            summary = "Record what a member agreed to or withdrew: a till for the shopper in front of it, HQ from a paper form")
    @PostMapping("/{memberId}/consents")
    State change(@PathVariable String memberId, @Valid @RequestBody ConsentChange change, Authentication authentication) {
        CallerIdentity caller = CallerIdentity.of(authentication);
        MemberRow member = access.check(memberId, caller, Intent.WRITE);
        return record(member, memberId, change, caller);
    }

    private State record(MemberRow member, String addressedId, ConsentChange change, CallerIdentity caller) {
        boolean self = caller.isShopper();
        Channel source = self ? Channel.ONLINE : MemberAccess.isStoreCaller(caller) ? Channel.STORE : Channel.HQ;
        String scope = change.channel() == null ? Consents.ALL_CHANNELS : change.channel().name();
        // The member's own account id is personal data: self-service changes are recorded as "self".
        String recordedBy = self ? "self" : caller.subject();
        Consents.Change recorded = new Consents.Change(change.purpose(), scope, change.action(), change.noticeVersion(), source,
                source == Channel.STORE ? caller.storeId().orElse(null) : null, recordedBy);
        return transactions.execute(status -> {
            State state = consents.record(member.id(), addressedId, recorded);
            audit.record(member.id(), null, "CONSENT_" + change.action(), caller, change.purpose() + "/" + scope);
            return state;
        });
    }

    private ConsentsView view(String memberId, CallerIdentity caller) {
        boolean till = MemberAccess.isStoreCaller(caller) && !caller.isHq();
        return new ConsentsView(memberId, consents.inForceList(memberId), till ? null : consents.history(memberId));
    }
}
