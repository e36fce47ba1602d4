package dev.santong.aftersales.cases;

import java.time.Duration;
import java.time.Instant;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;

import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.Authentication;
import org.springframework.validation.annotation.Validated;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import dev.santong.aftersales.cases.CaseLifecycle.State;
import dev.santong.platform.kit.security.CallerIdentity;
import dev.santong.platform.kit.web.BareInVersion1;
import dev.santong.platform.kit.web.Page;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.tags.Tag;

/** Service levels per type and state (HQ sets them), a store's queue by due time, and the late steps. */
@RestController
@Tag(name = "Service levels", description = "How long each step may take, queues, breaches and return statistics")
@RequestMapping("/api/aftersales")
@Validated
class ServiceLevelController {

    /** @param within how long the state may last before its next step is due (ISO-8601, e.g. PT24H) */
    @Schema(example = """
            {"within": "PT48H"}""")
    record LevelRequest(@NotNull Duration within) {
    }

    private final ServiceLevels levels;
    private final CaseQueues queues;
    private final ReturnRates returnRates;

    ServiceLevelController(ServiceLevels levels, CaseQueues queues, ReturnRates returnRates) {
        this.returnRates = returnRates;
        this.levels = levels;
        this.queues = queues;
    }

    @Operation(operationId = "listServiceLevels", summary = "How long each state of each case type may last before its next step is due")
    @GetMapping("/service-levels")
    @PreAuthorize("hasAnyRole('hq-admin', 'hq-analyst', 'store-staff')")
    @BareInVersion1
    Page<ServiceLevels.Level> serviceLevels() {
        return Page.all(levels.all());
    }

    @Operation(operationId = "setServiceLevel",
            summary = "Sets how long a state of a case type may last (HQ); applies to steps entered from now on")
    @PutMapping("/service-levels/{type}/{state}")
    @PreAuthorize("hasRole('hq-admin')")
    ServiceLevels.Level setServiceLevel(@PathVariable CaseType type, @PathVariable State state, @Valid @RequestBody LevelRequest request,
            Authentication authentication) {
        return levels.set(type, state, request.within(), CallerIdentity.of(authentication).subject());
    }

    @Operation(operationId = "getStoreQueue",
            summary = "A store's open cases, the soonest due first, with those due soon and overdue marked",
            description = "The `limit` soonest due are the answer (a work queue changes as it is worked): one page, no next.")
    @GetMapping("/stores/{storeId}/queue")
    @BareInVersion1
    Page<CaseQueues.Queued> storeQueue(@PathVariable @jakarta.validation.constraints.Pattern(regexp = "[A-Za-z0-9_-]{1,32}") String storeId, @RequestParam(defaultValue = "100") @Min(1) @Max(1000) int limit,
            Authentication authentication) {
        return Page.all(queues.storeQueue(storeId, CallerIdentity.of(authentication), limit));
    }

    @Operation(operationId = "getReturnReasons",
            summary = "Why goods come back, per SKU (or per category: groupBy=CATEGORY) and reason code, in cases opened in [from, to) (HQ); "
            + "cancelled cases aside", description = "The `limit` most frequent are the answer: one page, no next.")
    @GetMapping("/statistics/return-reasons")
    @PreAuthorize("hasAnyRole('hq-admin', 'hq-analyst')")
    @BareInVersion1
    Page<CaseQueues.ReasonCount> returnReasons(@RequestParam(required = false) CaseType type, @RequestParam Instant from,
            @RequestParam Instant to, @RequestParam(defaultValue = "SKU") CaseQueues.ReasonGrouping groupBy,
            @RequestParam(defaultValue = "100") @Min(1) @Max(1000) int limit) {
        return Page.all(queues.reasons(type, from, to, groupBy, limit));
    }

    @Operation(operationId = "getReturnRates",
            summary = "Return rate per channel the goods were bought in: of purchases made in [from, to), the share of their value that "
            + "came back (HQ)", description = "Sales come from member-svc's purchase figures; returns are cases that take goods back and "
            + "were not rejected or cancelled, till returns included.")
    @GetMapping("/statistics/return-rates")
    @PreAuthorize("hasAnyRole('hq-admin', 'hq-analyst')")
    @BareInVersion1
    Page<ReturnRates.Rate> returnRates(@RequestParam Instant from, @RequestParam Instant to,
            @RequestParam(defaultValue = "CNY") @jakarta.validation.constraints.Pattern(regexp = "[A-Z]{3}") String currency) {
        return Page.all(returnRates.of(from, to, currency));
    }

    @Operation(operationId = "listSlaBreaches", summary = "Late steps, newest first: every store's for HQ, a store's own for its staff")
    @GetMapping("/sla-breaches")
    @BareInVersion1
    Page<CaseQueues.Breach> breaches(@RequestParam(required = false) @jakarta.validation.constraints.Pattern(regexp = "[A-Za-z0-9_-]{1,32}") String storeId,
            @RequestParam(defaultValue = "100") @Min(1) @Max(1000) int limit,
            @RequestParam(required = false) @jakarta.validation.constraints.Size(max = 512) String cursor, Authentication authentication) {
        return queues.breaches(storeId, CallerIdentity.of(authentication), cursor, limit);
    }
}
