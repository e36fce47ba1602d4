package dev.santong.console.stores;

import java.io.IOException;
import java.time.Clock;
import java.time.LocalDate;
import java.util.List;

import jakarta.servlet.http.HttpServletResponse;

import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;

import dev.santong.console.web.Access;
import dev.santong.console.web.CsvExport;
import dev.santong.console.web.CsvExport.Column;
import dev.santong.console.web.Services;
import dev.santong.console.web.Services.Service;

/**
 * Stores today: every store's business day at a glance (GREEN, PENDING, RED, AWAITING_CLOSE) with the drift behind
 * it, and one store's day with the evidence of each mismatch. HQ sees every store; store staff their own.
 */
@Controller
@RequestMapping("/stores")
class StoresController {

    private final Services services;
    private final CsvExport csv;
    private final Clock clock;

    StoresController(Services services, CsvExport csv, Clock clock) {
        this.services = services;
        this.csv = csv;
        this.clock = clock;
    }

    /** Every store's day (HQ): the frame; its parts load from {@code /overview} and {@code /drift}. */
    @GetMapping
    String today(@RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate day, Authentication authentication,
            Model model) {
        Access.requireHq(authentication);
        model.addAttribute("day", day == null ? LocalDate.now(clock) : day);
        return "stores/today";
    }

    /** The status of each store's day, from channel-sync-svc's reconciliation. */
    @GetMapping("/overview")
    String overview(@RequestParam @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate day, Authentication authentication, Model model) {
        Access.requireHq(authentication);
        model.addAttribute("day", day);
        model.addAttribute("stores", services.get(Service.SYNC, "/api/sync/reconciliation?day=" + day).path("items"));
        return "stores/parts :: overview";
    }

    /** Every store's day as a CSV file. */
    @GetMapping("/overview/export.csv")
    void exportOverview(@RequestParam @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate day, Authentication authentication,
            HttpServletResponse response) throws IOException {
        Access.requireHq(authentication);
        csv.write(response, "stores-" + day, List.of(new Column("store", "/storeId"), new Column("status", "/status"),
                new Column("received", "/received"), new Column("applied", "/applied"), new Column("pending", "/pending"),
                new Column("quarantined", "/quarantined"), new Column("missing", "/missing"), new Column("failedChecks", "/failedChecks")),
                Service.SYNC, cursor -> "/api/sync/reconciliation?day=" + day);
    }

    /** Every store's drift as a CSV file. */
    @GetMapping("/drift/export.csv")
    void exportDrift(Authentication authentication, HttpServletResponse response) throws IOException {
        Access.requireHq(authentication);
        csv.write(response, "stores-drift", List.of(new Column("store", "/storeId"), new Column("lastContact", "/lastContactAt"),
                new Column("oldestUnapplied", "/oldestUnapplied/receivedAt"), new Column("pending", "/pendingWork"),
                new Column("quarantined", "/quarantined"), new Column("conflicts", "/conflicts"), new Column("lastClosedDay", "/lastClosedDay"),
                new Column("warnings", "/warnings")), Service.SYNC, cursor -> "/api/sync/stores/health");
    }

    /** Last contact, the oldest unapplied transaction, quarantine, conflicts: what drifts before a day turns red. */
    @GetMapping("/drift")
    String drift(Authentication authentication, Model model) {
        Access.requireHq(authentication);
        model.addAttribute("stores", services.get(Service.SYNC, "/api/sync/stores/health").path("items"));
        return "stores/parts :: drift";
    }

    /** One store's day (HQ, or that store's staff): the frame; its parts load from {@code /report} and {@code /health}. */
    @GetMapping("/{storeId}/days/{day}")
    String day(@PathVariable String storeId, @PathVariable @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate day,
            Authentication authentication, Model model) {
        Access.requireMaySee(storeId, authentication);
        model.addAttribute("storeId", storeId);
        model.addAttribute("day", day);
        return "stores/day";
    }

    /** The day's declared totals against what was applied, with each mismatch's evidence. */
    @GetMapping("/{storeId}/days/{day}/report")
    String report(@PathVariable String storeId, @PathVariable @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate day,
            Authentication authentication, Model model) {
        Access.requireMaySee(storeId, authentication);
        model.addAttribute("report", services.get(Service.SYNC, "/api/sync/stores/" + storeId + "/days/" + day + "/reconciliation"));
        return "stores/parts :: report";
    }

    /** The store's sync: last contact, the oldest transaction not applied, quarantine and conflicts. */
    @GetMapping("/{storeId}/health")
    String health(@PathVariable String storeId, Authentication authentication, Model model) {
        Access.requireMaySee(storeId, authentication);
        model.addAttribute("health", services.get(Service.SYNC, "/api/sync/stores/" + storeId + "/health"));
        return "stores/parts :: health";
    }
}
