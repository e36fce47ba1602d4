package dev.santong.goods.feed;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;

import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import dev.santong.platform.kit.security.CallerIdentity;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;

@RestController
@Tag(name = "Change feed", description = "What tills cache offline: catalogue, price and stock changes in order")
@RequestMapping("/api/goods/changes")
class ChangeFeedController {

    private final ChangeFeed feed;

    ChangeFeedController(ChangeFeed feed) {
        this.feed = feed;
    }

    /** A till gets catalogue and price changes and its own store's stock; HQ may follow any location or all. */
    @Operation(operationId = "listChanges",
            summary = "Catalogue, price and stock changes after a position, oldest first, for tills to follow")
    @GetMapping
    ChangeFeed.Page changes(@RequestParam(defaultValue = "0") @Min(0) long after, @RequestParam(defaultValue = "500") @Min(1) @Max(5000) int limit,
            @RequestParam(required = false) String location, Authentication authentication) {
        CallerIdentity caller = CallerIdentity.of(authentication);
        boolean store = caller.hasRole("pos") || caller.hasRole("store-staff");
        if (!store && !caller.isHq() && !caller.hasRole("shop-backend") && !caller.isSyncRelay()) {
            // The feed carries unlisted SKUs and every channel's prices: it is for tills, the shop's server and HQ.
            throw new org.springframework.security.access.AccessDeniedException("the change feed is for tills, the shop server and HQ");
        }
        String scope = store ? caller.storeId().orElseThrow() : location;
        return feed.after(after, limit, scope);
    }
}
