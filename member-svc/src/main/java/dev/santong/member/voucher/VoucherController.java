package dev.santong.member.voucher;

import java.util.ArrayList;
import java.util.List;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import dev.santong.member.member.Channel;
import dev.santong.member.member.MemberAccess;
import dev.santong.member.member.MemberAccess.Intent;
import dev.santong.member.member.Members;
import dev.santong.member.segment.Segments;
import dev.santong.platform.kit.problem.ConflictException;
import dev.santong.platform.kit.problem.InvalidRequestException;
import dev.santong.platform.kit.problem.ResourceNotFoundException;
import dev.santong.platform.kit.security.CallerIdentity;
import dev.santong.platform.kit.web.Answers;
import dev.santong.platform.kit.web.BareInVersion1;
import dev.santong.platform.kit.web.Page;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.tags.Tag;

@RestController
@Tag(name = "Vouchers and benefits", description = "Vouchers members hold and free-service benefits they may use")
@RequestMapping("/api/members")
class VoucherController {

    /** Exactly one of memberIds or segmentId: the members to issue to. */
    @Schema(example = """
            {"voucher": {"campaign": "birthday-2026", "kind": "FIXED_AMOUNT", "amount": "50.00", "currency": "CNY", "validFrom": "2026-11-01T00:00:00Z", "validUntil": "2026-12-31T16:00:00Z", "channels": ["ONLINE", "STORE"]}, "memberIds": ["3f6c2a9e-7d41-4c1b-9a57-2e8b5d0c4f11"]}""")
    record IssueRequest(@NotNull @Valid VoucherSpec voucher, @Size(max = 10_000) List<@NotBlank String> memberIds, Long segmentId) {
    }

    @Schema(example = """
            {"channel": "STORE", "storeId": "9", "reference": "9-3-2026-11-20-000124"}""")
    record Redemption(@NotNull Channel channel, @Size(max = 32) String storeId, @NotBlank @Size(max = 100) String reference) {
    }

    private final Vouchers vouchers;
    private final Segments segments;
    private final Members members;
    private final MemberAccess access;

    VoucherController(Vouchers vouchers, Segments segments, Members members, MemberAccess access) {
        this.vouchers = vouchers;
        this.segments = segments;
        this.members = members;
        this.access = access;
    }

    /** Re-running an issue adds only the vouchers members do not hold yet. */
    @Operation(operationId = "issueVouchers",
            summary = "Issue a voucher to listed members or to a segment's (HQ admin); running it again adds only the vouchers members do not hold yet")
    @PostMapping("/vouchers/issues")
    @PreAuthorize("hasRole('hq-admin')")
    Vouchers.Issued issue(@Valid @RequestBody IssueRequest request, Authentication authentication) {
        if ((request.memberIds() == null || request.memberIds().isEmpty()) == (request.segmentId() == null)) {
            throw new InvalidRequestException("memberIds", "give either memberIds or segmentId");
        }
        List<String> to = new ArrayList<>();
        if (request.segmentId() != null) {
            to.addAll(segments.activeMembersIn(request.segmentId()));
        } else {
            request.memberIds().forEach(id -> to.add(members.resolve(id).id()));
        }
        return vouchers.issue(request.voucher(), to.stream().distinct().toList(), CallerIdentity.of(authentication).subject());
    }

    @Answers.CreatedOrReplayed
    @Operation(operationId = "redeemVoucher", summary = "Redeem a member's voucher at a till or in the shop, once")
    @PostMapping("/vouchers/{code}/redemption")
    ResponseEntity<Vouchers.Redeemed> redeem(@PathVariable String code, @Valid @RequestBody Redemption redemption, Authentication authentication) {
        CallerIdentity caller = CallerIdentity.of(authentication);
        Vouchers.Voucher voucher = vouchers.find(code).orElseThrow(() -> new ResourceNotFoundException("voucher", code));
        if (MemberAccess.isShopper(caller)) {
            if (redemption.channel() != Channel.ONLINE || !access.own(caller).id().equals(voucher.memberId())) {
                throw new ResourceNotFoundException("voucher", code);
            }
        } else {
            MemberAccess.authoriseSale(caller, redemption.channel(), redemption.storeId());
        }
        Vouchers.Redeemed redeemed = vouchers.redeem(code, redemption.channel(), redemption.storeId(), redemption.reference());
        return ResponseEntity.status(redeemed.replayed() ? HttpStatus.OK : HttpStatus.CREATED).body(redeemed);
    }

    @Schema(example = """
            {"channel": "STORE", "storeId": "9", "reference": "case-2f0c9d1e-repair"}""")
    record BenefitUse(@NotNull Channel channel, @Size(max = 32) String storeId, @NotBlank @Size(max = 100) String reference) {
    }

    /** Free-service benefits (one free repair a year) a member can use now in a channel: for after-sales and HQ; no codes. */
    @Operation(operationId = "listMemberBenefits",
            summary = "A member's free-service benefits usable now in a channel, without codes (service-svc, HQ)")
    @GetMapping("/{memberId}/benefits/{service}")
    @PreAuthorize("hasAnyRole('aftersales', 'hq-admin', 'hq-analyst')")
    @BareInVersion1
    Page<Vouchers.Voucher> benefits(@PathVariable @Size(max = 36) String memberId, @PathVariable @Size(max = 64) String service,
            @org.springframework.web.bind.annotation.RequestParam Channel channel) {
        return Page.all(vouchers.benefits(members.resolve(memberId).id(), service, channel));
    }

    /**
     * Uses one free-service benefit for a case ({@code reference}), once: service-svc when the repair is done, or HQ.
     * 409 when the member has none left.
     */
    @Answers.CreatedOrReplayed
    @Operation(operationId = "useMemberBenefit",
            summary = "Uses one free-service benefit for a case, once per reference (201; a retry 200; 409 no-benefit-left)")
    @PostMapping("/{memberId}/benefits/{service}/uses")
    @PreAuthorize("hasAnyRole('aftersales', 'hq-admin')")
    ResponseEntity<Vouchers.Redeemed> useBenefit(@PathVariable @Size(max = 36) String memberId, @PathVariable @Size(max = 64) String service,
            @Valid @RequestBody BenefitUse use) {
        Vouchers.Redeemed used = vouchers.useBenefit(members.resolve(memberId).id(), service, use.reference(), use.channel(), use.storeId())
                .orElseThrow(() -> new ConflictException("no-benefit-left", "The member has no " + service + " benefit usable now in "
                        + use.channel()));
        return ResponseEntity.status(used.replayed() ? HttpStatus.OK : HttpStatus.CREATED).body(used);
    }

    @Operation(operationId = "listMyVouchers", summary = "The signed-in shopper's own vouchers with their codes")
    @GetMapping("/me/vouchers")
    @BareInVersion1
    Page<Vouchers.Voucher> mine(Authentication authentication) {
        return Page.all(vouchers.of(access.own(CallerIdentity.of(authentication)).id()));
    }

    @Operation(operationId = "listMemberVouchers", summary = "A member's vouchers, for whoever may see them")
    @GetMapping("/{memberId}/vouchers")
    @BareInVersion1
    Page<Vouchers.Voucher> ofMember(@PathVariable String memberId, Authentication authentication) {
        CallerIdentity caller = CallerIdentity.of(authentication);
        if (caller.hasRole("shop-backend") && !caller.isHq()) {
            throw new AccessDeniedException("the shop's server redeems codes; it does not list members' vouchers");
        }
        List<Vouchers.Voucher> held = vouchers.of(access.check(memberId, caller, Intent.READ).id());
        // A code works as a bearer token: a store is shown which vouchers there are, never the codes.
        return Page.all(MemberAccess.isStoreCaller(caller) && !caller.isHq() ? held.stream().map(Vouchers.Voucher::withoutCode).toList() : held);
    }
}
