package dev.santong.console.members;

import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import jakarta.servlet.http.HttpServletResponse;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;

import dev.santong.console.security.ConsoleUser;
import dev.santong.console.web.Access;
import dev.santong.console.web.CsvExport;
import dev.santong.console.web.CsvExport.Column;
import dev.santong.console.web.ServiceFailure;
import dev.santong.console.web.Services;
import dev.santong.console.web.Services.Service;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Members: HQ searches the directory, store staff find the member in front of them by phone or card; a member's
 * page shows who they are (contact details masked unless HQ admin), their consents, tier, vouchers, points with the
 * balance over time, purchases in every channel and after-sales cases. What each person sees of it the member
 * service decides, as for every caller.
 */
@Controller
@RequestMapping("/members")
class MembersController {

    static final String MEMBER_ID = "[A-Za-z0-9-]{1,36}";
    private static final JsonMapper JSON = JsonMapper.shared();

    private final Services services;
    private final CsvExport csv;

    MembersController(Services services, CsvExport csv) {
        this.services = services;
        this.csv = csv;
    }

    /** The search: HQ by name, phone's last four digits, tier or store; store staff by the phone or card the shopper shows. */
    @GetMapping
    String search(Authentication authentication, Model model) {
        Access.requireConsoleUser(authentication);
        return "members/search";
    }

    /** The directory's members matching the search, newest first (HQ); with a cursor, the next rows only. */
    @GetMapping("/results")
    String results(@RequestParam(required = false) @Size(max = 100) String name,
            @RequestParam(required = false) @Pattern(regexp = "\\d{4}") String phoneSuffix,
            @RequestParam(required = false) @Pattern(regexp = "[A-Z0-9_]{1,24}") String tier,
            @RequestParam(required = false) @Pattern(regexp = "[A-Za-z0-9_-]{1,32}") String store,
            @RequestParam(required = false) @Size(max = 512) String cursor, Authentication authentication, Model model) {
        Access.requireHq(authentication);
        model.addAttribute("page", services.get(Service.MEMBERS, directory(name, phoneSuffix, tier, store, cursor, 20)));
        model.addAttribute("query", searchQuery(name, phoneSuffix, tier, store));
        return cursor == null ? "members/parts :: results" : "members/parts :: result-rows";
    }

    /** The same search as a CSV file, every page of it. */
    @GetMapping("/results/export.csv")
    void exportResults(@RequestParam(required = false) @Size(max = 100) String name,
            @RequestParam(required = false) @Pattern(regexp = "\\d{4}") String phoneSuffix,
            @RequestParam(required = false) @Pattern(regexp = "[A-Z0-9_]{1,24}") String tier,
            @RequestParam(required = false) @Pattern(regexp = "[A-Za-z0-9_-]{1,32}") String store,
            Authentication authentication, HttpServletResponse response) throws IOException {
        Access.requireHq(authentication);
        csv.write(response, "members", List.of(new Column("member.id", "/id"), new Column("member.name", "/displayName"),
                new Column("member.phone", "/phone"), new Column("member.tier", "/tier"), new Column("member.enrolledChannel", "/enrolledChannel"),
                new Column("member.enrolledStore", "/enrolledStore"), new Column("member.enrolledAt", "/enrolledAt")),
                Service.MEMBERS, cursor -> directory(name, phoneSuffix, tier, store, cursor, 100));
    }

    /** Store staff: the member a phone or card belongs to, as a till would find them; the member's page when found. */
    @GetMapping("/find")
    String find(@RequestParam(required = false) @Size(max = 32) String phone, @RequestParam(required = false) @Size(max = 64) String card,
            Authentication authentication, Model model) {
        Access.requireConsoleUser(authentication);
        // The phone when one was typed, else the card (empty fields arrive as none); neither is the service's 400 to show.
        Map<String, Object> query = Services.query("phone", phone, "card", phone == null ? card : null);
        try {
            JsonNode found = services.get(Service.MEMBERS, Services.path("/api/members/lookup", query));
            return "redirect:/members/" + found.path("memberId").asString();
        } catch (ServiceFailure failure) {
            if (failure.status() != 404) {
                throw failure;
            }
            model.addAttribute("notFound", true);
            return "members/search";
        }
    }

    /** A member's page: the frame; each part loads on its own. */
    @GetMapping("/{memberId}")
    String member(@PathVariable @Pattern(regexp = MEMBER_ID) String memberId, Authentication authentication, Model model) {
        Access.requireConsoleUser(authentication);
        model.addAttribute("memberId", memberId);
        return "members/member";
    }

    /** Who the member is: name, status, where they joined, and each identity with where it came from. */
    @GetMapping("/{memberId}/profile")
    String profile(@PathVariable @Pattern(regexp = MEMBER_ID) String memberId, Authentication authentication, Model model) {
        Access.requireConsoleUser(authentication);
        model.addAttribute("member", services.get(Service.MEMBERS, Services.path("/api/members/{id}", Map.of(), memberId)));
        return "members/parts :: profile";
    }

    /** The consents in force and every change to them. */
    @GetMapping("/{memberId}/consents")
    String consents(@PathVariable @Pattern(regexp = MEMBER_ID) String memberId, Authentication authentication, Model model) {
        Access.requireConsoleUser(authentication);
        model.addAttribute("consents", services.get(Service.MEMBERS, Services.path("/api/members/{id}/consents", Map.of(), memberId)));
        return "members/parts :: consents";
    }

    /** The tier held, what keeps it, and every change of tier. */
    @GetMapping("/{memberId}/tier")
    String tier(@PathVariable @Pattern(regexp = MEMBER_ID) String memberId, Authentication authentication, Model model) {
        Access.requireConsoleUser(authentication);
        model.addAttribute("tier", services.get(Service.MEMBERS, Services.path("/api/members/{id}/tier", Map.of(), memberId)));
        return "members/parts :: tier";
    }

    /** The member's vouchers (codes only to those the member service shows them to). */
    @GetMapping("/{memberId}/vouchers")
    String vouchers(@PathVariable @Pattern(regexp = MEMBER_ID) String memberId, Authentication authentication, Model model) {
        Access.requireConsoleUser(authentication);
        model.addAttribute("page", services.get(Service.MEMBERS, Services.path("/api/members/{id}/vouchers", Map.of(), memberId)));
        return "members/parts :: vouchers";
    }

    /**
     * The balance, its open lots, and (for HQ) the ledger's latest entries with the balance after each, drawn as a
     * chart: the balance after an entry is today's balance less every later entry.
     */
    @GetMapping("/{memberId}/points")
    String points(@PathVariable @Pattern(regexp = MEMBER_ID) String memberId, Authentication authentication, Model model) {
        ConsoleUser user = Access.requireConsoleUser(authentication);
        JsonNode points = services.get(Service.MEMBERS, Services.path("/api/members/{id}/points", Map.of(), memberId));
        model.addAttribute("points", points);
        if (user.isHq()) {
            JsonNode entries = services.get(Service.MEMBERS, Services.path("/api/members/{id}/points/entries", Map.of("limit", 100), memberId));
            List<Map<String, Object>> rows = withBalanceAfter(points.path("balance").asLong(), entries.path("items"));
            model.addAttribute("entries", rows);
            model.addAttribute("more", entries.path("next").asString(null) != null);
            model.addAttribute("chart", balanceChart(rows));
        }
        return "members/parts :: points";
    }

    /** The whole ledger as a CSV file (HQ). */
    @GetMapping("/{memberId}/points/export.csv")
    void exportLedger(@PathVariable @Pattern(regexp = MEMBER_ID) String memberId, Authentication authentication, HttpServletResponse response)
            throws IOException {
        Access.requireHq(authentication);
        csv.write(response, "points-" + memberId, List.of(new Column("points.occurredAt", "/occurredAt"), new Column("points.kind", "/kind"),
                new Column("points.points", "/points"), new Column("points.channel", "/channel"), new Column("store", "/storeId"),
                new Column("points.reference", "/reference"), new Column("points.basis", "/basis/amount"), new Column("currency", "/basis/currency"),
                new Column("points.reason", "/reason")), Service.MEMBERS,
                cursor -> Services.path("/api/members/{id}/points/entries", Services.query("limit", 1000, "cursor", cursor), memberId));
    }

    /** Purchases in every channel, latest first, with their lines; with a cursor, the next rows only. */
    @GetMapping("/{memberId}/purchases")
    String purchases(@PathVariable @Pattern(regexp = MEMBER_ID) String memberId, @RequestParam(required = false) @Size(max = 512) String cursor,
            Authentication authentication, Model model) {
        Access.requireConsoleUser(authentication);
        model.addAttribute("memberId", memberId);
        model.addAttribute("page", services.get(Service.MEMBERS,
                Services.path("/api/members/{id}/purchases", Services.query("limit", 20, "cursor", cursor), memberId)));
        return cursor == null ? "members/parts :: purchases" : "members/parts :: purchase-rows";
    }

    @GetMapping("/{memberId}/purchases/export.csv")
    void exportPurchases(@PathVariable @Pattern(regexp = MEMBER_ID) String memberId, Authentication authentication, HttpServletResponse response)
            throws IOException {
        Access.requireConsoleUser(authentication);
        csv.write(response, "purchases-" + memberId, List.of(new Column("purchase.occurredAt", "/occurredAt"),
                new Column("purchase.channel", "/channel"), new Column("store", "/storeId"), new Column("purchase.reference", "/reference"),
                new Column("purchase.total", "/total/amount"), new Column("purchase.returned", "/returned/amount"), new Column("currency", "/total/currency"),
                new Column("purchase.lines", "/lines", MembersController::lines)), Service.MEMBERS,
                cursor -> Services.path("/api/members/{id}/purchases", Services.query("limit", 100, "cursor", cursor), memberId));
    }

    /** After-sales cases of the member, newest first (a store's staff: those opened at their store). */
    @GetMapping("/{memberId}/cases")
    String cases(@PathVariable @Pattern(regexp = MEMBER_ID) String memberId, @RequestParam(required = false) @Size(max = 512) String cursor,
            Authentication authentication, Model model) {
        Access.requireConsoleUser(authentication);
        model.addAttribute("memberId", memberId);
        model.addAttribute("page", services.get(Service.AFTERSALES,
                Services.path("/api/aftersales/cases", Services.query("memberId", memberId, "limit", 20, "cursor", cursor))));
        return cursor == null ? "members/parts :: cases" : "members/parts :: case-rows";
    }

    /** A purchase's lines as one cell: "OX-BLU-M × 2 = 398.00; ...". */
    static String lines(JsonNode lines) {
        List<String> each = new ArrayList<>();
        lines.forEach(line -> each.add(line.path("sku").asString() + " × " + line.path("quantity").asString() + " = "
                + line.path("paid").path("amount").asString()));
        return String.join("; ", each);
    }

    private static String directory(String name, String phoneSuffix, String tier, String store, String cursor, int limit) {
        Map<String, Object> query = searchQuery(name, phoneSuffix, tier, store);
        query.put("limit", limit);
        query.put("cursor", cursor);
        return Services.path("/api/members", query);
    }

    private static Map<String, Object> searchQuery(String name, String phoneSuffix, String tier, String store) {
        return Services.query("name", name == null ? null : name.strip(), "phoneSuffix", phoneSuffix, "tier", tier, "store", store);
    }

    /** The ledger's entries (latest first) with the balance right after each. */
    static List<Map<String, Object>> withBalanceAfter(long balanceNow, JsonNode entries) {
        List<Map<String, Object>> rows = new ArrayList<>();
        long balance = balanceNow;
        for (JsonNode entry : entries) {
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("entry", entry);
            row.put("balanceAfter", balance);
            rows.add(row);
            balance -= entry.path("points").asLong();
        }
        return rows;
    }

    /** An ECharts option: the balance as a step line over the time each entry was recorded (the order the ledger adds up in). */
    static String balanceChart(List<Map<String, Object>> rows) {
        List<List<Object>> points = new ArrayList<>();
        for (Map<String, Object> row : rows.reversed()) {
            points.add(List.of(((JsonNode) row.get("entry")).path("recordedAt").asString(), row.get("balanceAfter")));
        }
        Map<String, Object> option = new LinkedHashMap<>();
        option.put("tooltip", Map.of("trigger", "axis"));
        option.put("grid", Map.of("left", 56, "right", 16, "top", 16, "bottom", 32));
        option.put("xAxis", Map.of("type", "time"));
        option.put("yAxis", Map.of("type", "value", "minInterval", 1));
        option.put("series", List.of(Map.of("type", "line", "step", "end", "showSymbol", points.size() < 40, "data", points)));
        return JSON.writeValueAsString(option);
    }
}
