package dev.santong.member.member;

import java.util.Map;

import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import dev.santong.member.member.MemberAccess.Intent;
import dev.santong.platform.kit.security.CallerIdentity;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;

/**
 * Profile changes. Only the profile's own fields may be set: ids, status, identities, tier and points are
 * privileged (enrolment, merges, the ledger) and a request naming them is refused, not silently ignored.
 */
@RestController
@Tag(name = "Members", description = "One member across every channel: enrolment, identities, look-up, profile")
@RequestMapping("/api/members")
class ProfileController {

    private final MemberAccess access;
    private final MemberProfiles profiles;

    ProfileController(MemberAccess access, MemberProfiles profiles) {
        this.access = access;
        this.profiles = profiles;
    }

    @Operation(operationId = "updateMyProfile", summary = "Change the signed-in shopper's own profile")
    @PatchMapping("/me")
    MemberView updateMine(@Schema(example = "{\"displayName\": \"Alice W.\"}") @RequestBody Map<String, Object> changes,
            Authentication authentication) {
        CallerIdentity caller = CallerIdentity.of(authentication);
        return profiles.update(access.own(caller), changes, caller);
    }

    /** A till corrects the name the shopper gives; HQ fixes records. */
    @Operation(operationId = "updateMemberProfile", summary = "Correct a member's profile: a till the name the shopper gives, HQ any field")
    @PatchMapping("/{memberId}")
    MemberView update(@PathVariable String memberId,
            @Schema(example = "{\"displayName\": \"Wei Zhang\"}") @RequestBody Map<String, Object> changes, Authentication authentication) {
        CallerIdentity caller = CallerIdentity.of(authentication);
        return profiles.update(access.check(memberId, caller, Intent.WRITE), changes, caller);
    }
}
