package dev.santong.console.aftersales;

import java.io.IOException;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import jakarta.servlet.http.HttpServletResponse;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;

import dev.santong.console.security.ConsoleUser;
import dev.santong.console.web.Access;
import dev.santong.console.web.CsvExport;
import dev.santong.console.web.CsvExport.Column;
import dev.santong.console.web.Services;
import dev.santong.console.web.Services.Service;

/**
 * After-sales at the desk and at HQ: a store's open cases, soonest due first; every case by state, type and store;
 * a case with its history and the steps its state allows the person as buttons; late steps (the SLA board); and,
 * for HQ, why goods come back per SKU.
 */
@Controller
@RequestMapping("/cases")
class CasesController {

    private static final String CASE_ID = "[A-Za-z0-9-]{1,36}";
    private static final String STORE_ID = "[A-Za-z0-9_-]{1,32}";

    /** What the lists filter on, as the service names it. */
    enum CaseState {
        REQUESTED, APPROVED, IN_PROGRESS, WAITING_FOR_CUSTOMER, ITEM_RECEIVED, INSPECTED, REFUNDED, EXCHANGED, REPAIRED, REPLACED,
        RESOLVED, REJECTED, CANCELLED, CLOSED
    }

    enum CaseType { RETURN, EXCHANGE, REPAIR, CLAIM, COMPLAINT }

    enum CaseAction {
        APPROVE, START, ASK_CUSTOMER, CUSTOMER_ANSWERED, RECEIVE_ITEM, INSPECT, REFUND, EXCHANGE, REPAIR, REPLACE, RESOLVE, REJECT, CANCEL, CLOSE
    }

    private final Services services;
    private final CsvExport csv;
    private final Clock clock;

    CasesController(Services services, CsvExport csv, Clock clock) {
        this.services = services;
        this.csv = csv;
        this.clock = clock;
    }

    /** The after-sales desk: a store's queue (staff: their own; HQ: the store chosen) and every case by state. */
    @GetMapping
    String desk(@RequestParam(required = false) @Pattern(regexp = STORE_ID) String store, Authentication authentication, Model model) {
        ConsoleUser user = Access.requireConsoleUser(authentication);
        String shown = user.isHq() ? store : user.storeId();
        if (shown != null) {
            Access.requireMaySee(shown, authentication);
        }
        model.addAttribute("store", shown);
        model.addAttribute("states", CaseState.values());
        model.addAttribute("types", CaseType.values());
        return "cases/desk";
    }

    /** A store's open cases, the soonest due first, those due soon and overdue marked. */
    @GetMapping("/queue")
    String queue(@RequestParam @Pattern(regexp = STORE_ID) String store, Authentication authentication, Model model) {
        Access.requireMaySee(store, authentication);
        model.addAttribute("queue", services.get(Service.AFTERSALES,
                Services.path("/api/aftersales/stores/{store}/queue", Map.of("limit", 200), store)).path("items"));
        model.addAttribute("store", store);
        return "cases/parts :: queue";
    }

    /** Cases by state, type and store, newest first (a store's staff: their store's); with a cursor, the next rows only. */
    @GetMapping("/list")
    String list(@RequestParam(required = false) CaseState status, @RequestParam(required = false) CaseType type,
            @RequestParam(required = false) @Pattern(regexp = STORE_ID) String store, @RequestParam(required = false) @Size(max = 512) String cursor,
            Authentication authentication, Model model) {
        String scoped = scope(store, authentication);
        model.addAttribute("page", services.get(Service.AFTERSALES, casesPath(status, type, scoped, cursor, 25)));
        model.addAttribute("filter", filter(status, type, scoped));
        return cursor == null ? "cases/parts :: list" : "cases/parts :: list-rows";
    }

    @GetMapping("/list/export.csv")
    void exportList(@RequestParam(required = false) CaseState status, @RequestParam(required = false) CaseType type,
            @RequestParam(required = false) @Pattern(regexp = STORE_ID) String store, Authentication authentication, HttpServletResponse response)
            throws IOException {
        String scoped = scope(store, authentication);
        csv.write(response, "cases", List.of(new Column("case.id", "/id"), new Column("case.openedAt", "/openedAt"), new Column("case.type", "/type"),
                new Column("status", "/status"), new Column("store", "/openedStore"), new Column("candidate.member", "/memberId"),
                new Column("purchase.reference", "/purchaseReference"), new Column("case.dueAt", "/dueAt")), Service.AFTERSALES,
                cursor -> casesPath(status, type, scoped, cursor, 200));
    }

    /** Late steps, newest first: every store's for HQ, a store's own for its staff. */
    @GetMapping("/breaches")
    String breaches(@RequestParam(required = false) @Pattern(regexp = STORE_ID) String store, @RequestParam(required = false) @Size(max = 512) String cursor,
            Authentication authentication, Model model) {
        String scoped = scope(store, authentication);
        model.addAttribute("page", services.get(Service.AFTERSALES, breachesPath(scoped, cursor, 25)));
        model.addAttribute("store", scoped);
        return cursor == null ? "cases/parts :: breaches" : "cases/parts :: breach-rows";
    }

    @GetMapping("/breaches/export.csv")
    void exportBreaches(@RequestParam(required = false) @Pattern(regexp = STORE_ID) String store, Authentication authentication,
            HttpServletResponse response) throws IOException {
        String scoped = scope(store, authentication);
        csv.write(response, "sla-breaches", List.of(new Column("case.id", "/caseId"), new Column("case.type", "/type"), new Column("status", "/state"),
                new Column("store", "/storeId"), new Column("case.dueAt", "/dueAt"), new Column("breach.detectedAt", "/detectedAt"),
                new Column("breach.stillPending", "/stillPending")), Service.AFTERSALES, cursor -> breachesPath(scoped, cursor, 500));
    }

    /** Why goods come back, per SKU or category and reason, for cases opened in the days chosen (HQ). */
    @GetMapping("/reasons")
    String reasons(@RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate from,
            @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate to,
            @RequestParam(defaultValue = "SKU") Grouping groupBy, Authentication authentication, Model model) {
        Access.requireHq(authentication);
        LocalDate until = to == null ? LocalDate.now(clock) : to;
        LocalDate since = from == null ? until.minusDays(30) : from;
        model.addAttribute("from", since);
        model.addAttribute("to", until);
        model.addAttribute("groupBy", groupBy);
        return "cases/reasons";
    }

    enum Grouping { SKU, CATEGORY }

    /** The reason counts of the period, the most frequent first. */
    @GetMapping("/reasons/counts")
    String reasonCounts(@RequestParam @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate from,
            @RequestParam @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate to, @RequestParam(defaultValue = "SKU") Grouping groupBy,
            Authentication authentication, Model model) {
        Access.requireHq(authentication);
        model.addAttribute("counts", services.get(Service.AFTERSALES, reasonsPath(from, to, groupBy)).path("items"));
        model.addAttribute("groupBy", groupBy);
        return "cases/parts :: reasons";
    }

    @GetMapping("/reasons/export.csv")
    void exportReasons(@RequestParam @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate from,
            @RequestParam @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate to, @RequestParam(defaultValue = "SKU") Grouping groupBy,
            Authentication authentication, HttpServletResponse response) throws IOException {
        Access.requireHq(authentication);
        csv.write(response, "return-reasons-" + from + "-" + to, List.of(new Column("reason.sku", "/skuCode"), new Column("reason.category", "/category"),
                new Column("reason.code", "/reasonCode"), new Column("reason.cases", "/cases"), new Column("reason.units", "/units")),
                Service.AFTERSALES, cursor -> reasonsPath(from, to, groupBy));
    }

    /** A case: the frame; its details with the steps as buttons load from {@code /detail}, its history from {@code /history}. */
    @GetMapping("/{caseId}")
    String caseFile(@PathVariable @Pattern(regexp = CASE_ID) String caseId, Authentication authentication, Model model) {
        Access.requireConsoleUser(authentication);
        model.addAttribute("caseId", caseId);
        return "cases/case";
    }

    /** The case as it is now, and the steps the person may take on it. */
    @GetMapping("/{caseId}/detail")
    String detail(@PathVariable @Pattern(regexp = CASE_ID) String caseId, Authentication authentication, Model model) {
        Access.requireConsoleUser(authentication);
        model.addAttribute("case", services.get(Service.AFTERSALES, Services.path("/api/aftersales/cases/{id}", Map.of(), caseId)));
        model.addAttribute("steps", services.get(Service.AFTERSALES, Services.path("/api/aftersales/cases/{id}/allowed-steps", Map.of(), caseId))
                .path("items"));
        return "cases/parts :: detail";
    }

    /** Every step the case took, with who took it and when. */
    @GetMapping("/{caseId}/history")
    String history(@PathVariable @Pattern(regexp = CASE_ID) String caseId, Authentication authentication, Model model) {
        Access.requireConsoleUser(authentication);
        model.addAttribute("events", services.get(Service.AFTERSALES, Services.path("/api/aftersales/cases/{id}/history", Map.of(), caseId))
                .path("items"));
        return "cases/parts :: history";
    }

    /**
     * Takes one step on the version the page showed; the case's details then show its new state and steps. A step
     * someone else took meanwhile is refused by the service (412), and the page says so.
     */
    @PostMapping("/{caseId}/steps")
    String step(@PathVariable @Pattern(regexp = CASE_ID) String caseId, @RequestParam CaseAction action, @RequestParam @Min(0) @Max(1_000_000) int version,
            @RequestParam(required = false) @Size(max = 500) String note, Authentication authentication, Model model,
            HttpServletResponse response) {
        Access.requireConsoleUser(authentication);
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("action", action);
        if (note != null && !note.isBlank()) {
            body.put("note", note.strip());
        }
        services.postIfMatch(Service.AFTERSALES, Services.path("/api/aftersales/cases/{id}/steps", Map.of(), caseId), body, "\"" + version + "\"");
        // The history part reloads on this event, so it ends with the step just taken.
        response.setHeader("HX-Trigger", "stepTaken");
        return detail(caseId, authentication, model);
    }

    /** HQ chooses any store or none; a store's staff always see their own. */
    private static String scope(String store, Authentication authentication) {
        ConsoleUser user = Access.requireConsoleUser(authentication);
        if (user.isHq()) {
            return store;
        }
        Access.requireMaySee(store == null ? user.storeId() : store, authentication);
        return user.storeId();
    }

    private static String casesPath(CaseState status, CaseType type, String store, String cursor, int limit) {
        Map<String, Object> query = filter(status, type, store);
        query.put("limit", limit);
        query.put("cursor", cursor);
        return Services.path("/api/aftersales/cases", query);
    }

    private static Map<String, Object> filter(CaseState status, CaseType type, String store) {
        Map<String, Object> query = new LinkedHashMap<>();
        query.put("status", status);
        query.put("type", type);
        query.put("storeId", store);
        return query;
    }

    private static String breachesPath(String store, String cursor, int limit) {
        Map<String, Object> query = new LinkedHashMap<>();
        query.put("storeId", store);
        query.put("limit", limit);
        query.put("cursor", cursor);
        return Services.path("/api/aftersales/sla-breaches", query);
    }

    private static String reasonsPath(LocalDate from, LocalDate to, Grouping groupBy) {
        Map<String, Object> query = new LinkedHashMap<>();
        query.put("from", from.atStartOfDay(ZoneOffset.UTC).toInstant());
        query.put("to", to.plusDays(1).atStartOfDay(ZoneOffset.UTC).toInstant());
        query.put("groupBy", groupBy);
        query.put("limit", 1000);
        return Services.path("/api/aftersales/statistics/return-reasons", query);
    }
}
