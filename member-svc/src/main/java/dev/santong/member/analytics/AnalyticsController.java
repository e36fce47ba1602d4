package dev.santong.member.analytics;

import java.time.Instant;

import jakarta.validation.constraints.Pattern;

import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.validation.annotation.Validated;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

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
}
