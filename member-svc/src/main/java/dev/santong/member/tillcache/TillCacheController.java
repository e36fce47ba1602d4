package dev.santong.member.tillcache;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import dev.santong.platform.kit.security.CallerIdentity;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;

@RestController
@Tag(name = "Members", description = "One member across every channel: enrolment, identities, look-up, profile")
@RequestMapping("/api/members/till-cache")
class TillCacheController {

    private final TillCacheFeed feed;

    TillCacheController(TillCacheFeed feed) {
        this.feed = feed;
    }

    /** A store's tills (directly or through channel-sync-svc's downloads) and HQ; start without {@code after}. */
    @Operation(operationId = "getTillCache", summary = "Members a store's tills keep for offline look-up, a page of changes at a time")
    @GetMapping
    TillCacheFeed.Page changes(@RequestParam @Pattern(regexp = "[A-Za-z0-9_-]{1,32}") String store,
            @RequestParam(required = false) @Size(max = 80) String after, @RequestParam(defaultValue = "500") @Min(1) @Max(2000) int limit,
            Authentication authentication) {
        CallerIdentity caller = CallerIdentity.of(authentication);
        if (!caller.actsForStore(store) && !caller.isHq()) {
            throw new AccessDeniedException("a till caches its own store's members only");
        }
        return feed.after(store, after, limit);
    }
}
