package dev.santong.member.tier;

import java.time.Instant;
import java.util.List;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import dev.santong.member.member.MemberAccess;
import dev.santong.member.member.MemberAccess.Intent;
import dev.santong.platform.kit.money.Money;
import dev.santong.platform.kit.money.MoneyInVersion1;
import dev.santong.platform.kit.security.CallerIdentity;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;

@RestController
@Tag(name = "Tiers", description = "Member tiers, their thresholds and reviews")
@RequestMapping("/api/members")
class TierController {

    @Schema(example = """
            {"holdMonths": 12, "tiers": [{"code": "MEMBER", "name": "Member", "rank": 0},
             {"code": "SILVER", "name": "Silver", "rank": 1, "minSpend": "2000.00", "spendCurrency": "CNY", "minPoints": 2000},
             {"code": "GOLD", "name": "Gold", "rank": 2, "minSpend": "8000.00", "spendCurrency": "CNY"}]}""")
    record Programme(@NotNull @Min(1) @Max(36) Integer holdMonths, @NotEmpty @Size(max = 20) List<@Valid @NotNull TierDefinition> tiers) {
    }

    /** The tiers as answered: a threshold of spend is money, with its currency (a write names them as fields). */
    @Schema(example = """
            {"holdMonths": 12, "tiers": [{"code": "MEMBER", "name": "Member", "rank": 0, "minSpend": null, "minPoints": null}, \
             {"code": "SILVER", "name": "Silver", "rank": 1, "minSpend": {"amount": "2000.00", "currency": "CNY"}, "minPoints": 2000}, \
             {"code": "GOLD", "name": "Gold", "rank": 2, "minSpend": {"amount": "8000.00", "currency": "CNY"}, "minPoints": null}]}""")
    record ProgrammeInForce(int holdMonths, List<Tier> tiers) {

        static ProgrammeInForce of(int holdMonths, List<TierDefinition> definitions) {
            return new ProgrammeInForce(holdMonths, definitions.stream().map(tier -> new Tier(tier.code(), tier.name(), tier.rank(),
                    Money.ofNullable(tier.minSpend(), tier.spendCurrency()), tier.minPoints())).toList());
        }
    }

    record Tier(String code, String name, int rank, @MoneyInVersion1(currency = "spendCurrency") Money minSpend, Long minPoints) {
    }

    @Schema(example = """
            {"status": {"memberId": "01a20bc5-f360-7b8a-b1b7-947ef07e36c8", "tier": "SILVER", "name": "Silver", "since": "2026-10-02T00:00:00Z", \
            "heldUntil": "2027-10-02T00:00:00Z", "spend12Months": {"amount": "2398.00", "currency": "CNY"}, "points12Months": 2398}, \
            "history": [{"fromTier": "MEMBER", "toTier": "SILVER", "cause": "UPGRADE", "at": "2026-10-02T00:00:00Z"}]}""")
    record TierView(MemberTiers.Status status, List<MemberTiers.Change> history) {
    }

    @Schema(example = """
            {"downgraded": 3, "at": "2026-12-01T00:00:00Z"}""")
    record Review(int downgraded, Instant at) {
    }

    private final TierProgramme programme;
    private final MemberTiers tiers;
    private final MemberAccess access;
    private final java.time.Clock clock;

    TierController(TierProgramme programme, MemberTiers tiers, MemberAccess access, java.time.Clock clock) {
        this.programme = programme;
        this.tiers = tiers;
        this.access = access;
        this.clock = clock;
    }

    @Operation(operationId = "listTiers", summary = "The tiers with what qualifies for each")
    @GetMapping("/tiers")
    ProgrammeInForce current() {
        return ProgrammeInForce.of(programme.holdMonths(), programme.definitions());
    }

    @Operation(operationId = "setTiers", summary = "Set the tiers and what qualifies for each (HQ admin)")
    @PutMapping("/tiers")
    @PreAuthorize("hasRole('hq-admin')")
    ProgrammeInForce replace(@Valid @RequestBody Programme replacement) {
        return ProgrammeInForce.of(replacement.holdMonths(), programme.replace(replacement.tiers(), replacement.holdMonths()));
    }

    @Operation(operationId = "getMyTier", summary = "The signed-in shopper's tier and progress to the next")
    @GetMapping("/me/tier")
    TierView mine(Authentication authentication) {
        String id = access.own(CallerIdentity.of(authentication)).id();
        return new TierView(tiers.status(id).orElse(null), tiers.history(id));
    }

    @Operation(operationId = "getMemberTier", summary = "A member's tier and its history")
    @GetMapping("/{memberId}/tier")
    TierView ofMember(@PathVariable String memberId, Authentication authentication) {
        String id = access.check(memberId, CallerIdentity.of(authentication), Intent.READ).id();
        return new TierView(tiers.status(id).orElse(null), tiers.history(id));
    }

    /** The period-end review, run by {@link MonthlyTierReview} on the 1st of each month (UTC); HQ may run it again, it is idempotent. */
    @Operation(operationId = "reviewTiers", summary = "Run the period-end tier review again (HQ admin); it is idempotent")
    @PostMapping("/tiers/review")
    @PreAuthorize("hasRole('hq-admin')")
    Review review() {
        Instant now = clock.instant();
        return new Review(tiers.review(now), now);
    }
}
