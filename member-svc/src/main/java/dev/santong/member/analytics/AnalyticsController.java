package dev.santong.member.analytics;

import java.time.Instant;

import jakarta.validation.constraints.Pattern;

import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.validation.annotation.Validated;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import dev.santong.member.member.Channel;
import dev.santong.platform.kit.problem.InvalidRequestException;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;

@RestController
@Tag(name = "Analytics", description = "Member versus non-member figures per channel and store")
@RequestMapping("/api/members/analytics")
@Validated
class AnalyticsController {

    private final LoyaltyAnalytics analytics;

    AnalyticsController(LoyaltyAnalytics analytics) {
        this.analytics = analytics;
    }

    /** Figures for purchases in [from, to), UTC instants, in one currency: HQ, and service-svc for its return rates. */
    @Operation(operationId = "getMemberAnalytics",
            summary = "Member versus non-member figures for purchases in [from, to), in one currency (HQ, service-svc)")
    @GetMapping
    @PreAuthorize("hasAnyRole('hq-admin', 'hq-analyst', 'aftersales')")
    LoyaltyAnalytics.Report report(@RequestParam Instant from, @RequestParam Instant to,
            @RequestParam(defaultValue = "CNY") @Pattern(regexp = "[A-Z]{3}") String currency) {
        if (!to.isAfter(from)) {
            throw new InvalidRequestException("to", "must be after from");
        }
        return analytics.report(from, to, currency);
    }

    /**
     * The figures over time for charts: per day, week or month, for a channel or one store. Repurchase rate counts the
     * period's own purchases; points held is the whole programme's at each period's end.
     */
    @Operation(operationId = "getMemberAnalyticsSeries",
            summary = "Member versus non-member AOV, repurchase rate and points per day, week or month, for a channel or a store (HQ)",
            description = "From `from` to `to` (dates, UTC, both included), whole periods; at most 62 periods. `storeId` implies the STORE "
                    + "channel. Points given and taken are those posted in the channel or store; points held and their liability are "
                    + "the programme's.")
    @GetMapping("/series")
    @PreAuthorize("hasAnyRole('hq-admin', 'hq-analyst')")
    LoyaltyAnalytics.Series series(@RequestParam java.time.LocalDate from, @RequestParam java.time.LocalDate to,
            @RequestParam(defaultValue = "WEEK") LoyaltyAnalytics.Interval interval,
            @RequestParam(defaultValue = "CNY") @Pattern(regexp = "[A-Z]{3}") String currency, @RequestParam(required = false) Channel channel,
            @RequestParam(required = false) @Pattern(regexp = "[A-Za-z0-9_-]{1,32}") String storeId) {
        if (to.isBefore(from)) {
            throw new InvalidRequestException("to", "must not be before from");
        }
        return analytics.series(from, to, interval, currency, channel, storeId);
    }
}
