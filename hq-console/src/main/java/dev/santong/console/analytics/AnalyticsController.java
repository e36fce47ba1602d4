package dev.santong.console.analytics;

import java.io.IOException;
import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import jakarta.servlet.http.HttpServletResponse;
import jakarta.validation.constraints.Pattern;

import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;

import dev.santong.console.web.Access;
import dev.santong.console.web.CsvExport;
import dev.santong.console.web.CsvExport.Column;
import dev.santong.console.web.Services;
import dev.santong.console.web.Services.Service;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * HQ's figures over time, drawn: member against non-member order value, how often members buy again, and the
 * points the programme owes, per day, week or month, for every channel, one channel or one store.
 */
@Controller
@RequestMapping("/analytics")
class AnalyticsController {

    enum Interval { DAY, WEEK, MONTH }

    enum Channel { ONLINE, STORE }

    private static final JsonMapper JSON = JsonMapper.shared();

    private final Services services;
    private final CsvExport csv;
    private final Clock clock;

    AnalyticsController(Services services, CsvExport csv, Clock clock) {
        this.services = services;
        this.csv = csv;
        this.clock = clock;
    }

    /** The page with its choices (12 weeks to today unless chosen); the charts load from {@code /figures}. */
    @GetMapping
    String page(@RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate from,
            @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate to,
            @RequestParam(defaultValue = "WEEK") Interval interval, @RequestParam(required = false) Channel channel,
            @RequestParam(required = false) @Pattern(regexp = "[A-Za-z0-9_-]{1,32}") String store, Authentication authentication, Model model) {
        Access.requireHq(authentication);
        LocalDate until = to == null ? LocalDate.now(clock) : to;
        model.addAttribute("query", scope(from == null ? until.minusWeeks(12) : from, until, interval, channel, store));
        model.addAttribute("intervals", Interval.values());
        model.addAttribute("channels", Channel.values());
        return "analytics/page";
    }

    /** The series for the scope chosen, as charts and as a table; with every channel, online and stores compared too. */
    @GetMapping("/figures")
    String figures(@RequestParam @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate from,
            @RequestParam @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate to, @RequestParam(defaultValue = "WEEK") Interval interval,
            @RequestParam(required = false) Channel channel, @RequestParam(required = false) @Pattern(regexp = "[A-Za-z0-9_-]{1,32}") String store,
            Authentication authentication, Model model) {
        Access.requireHq(authentication);
        JsonNode series = services.get(Service.MEMBERS, seriesPath(from, to, interval, channel, store)).path("points");
        Map<String, JsonNode> repurchase = new LinkedHashMap<>();
        repurchase.put(label(channel, store), series);
        if (channel == null && store == null) {
            for (Channel each : Channel.values()) {
                repurchase.put(each.name(), services.get(Service.MEMBERS, seriesPath(from, to, interval, each, null)).path("points"));
            }
        }
        model.addAttribute("series", series);
        model.addAttribute("query", scope(from, to, interval, channel, store));
        model.addAttribute("aovChart", aovChart(series));
        model.addAttribute("repurchaseChart", repurchaseChart(repurchase));
        model.addAttribute("pointsChart", pointsChart(series));
        return "analytics/parts :: figures";
    }

    @GetMapping("/export.csv")
    void export(@RequestParam @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate from,
            @RequestParam @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate to, @RequestParam(defaultValue = "WEEK") Interval interval,
            @RequestParam(required = false) Channel channel, @RequestParam(required = false) @Pattern(regexp = "[A-Za-z0-9_-]{1,32}") String store,
            Authentication authentication, HttpServletResponse response) throws IOException {
        Access.requireHq(authentication);
        csv.write(response, "analytics-" + from + "-" + to, List.of(new Column("analytics.period", "/from"),
                new Column("analytics.memberOrders", "/memberOrders"), new Column("analytics.memberAov", "/memberAov/amount"),
                new Column("analytics.nonMemberOrders", "/nonMemberOrders"), new Column("analytics.nonMemberAov", "/nonMemberAov/amount"),
                new Column("analytics.activeMembers", "/activeMembers"), new Column("analytics.repurchaseRate", "/repurchaseRate"),
                new Column("analytics.pointsGiven", "/pointsGiven"), new Column("analytics.pointsTaken", "/pointsTaken"),
                new Column("analytics.pointsHeld", "/pointsHeld"), new Column("analytics.liability", "/liability/amount"),
                new Column("currency", "/liability/currency")), Service.MEMBERS, cursor -> seriesPath(from, to, interval, channel, store), "/points");
    }

    private static Map<String, Object> scope(LocalDate from, LocalDate to, Interval interval, Channel channel, String store) {
        return Services.query("from", from, "to", to, "interval", interval, "channel", channel, "store", store);
    }

    private static String seriesPath(LocalDate from, LocalDate to, Interval interval, Channel channel, String store) {
        return Services.path("/api/members/analytics/series", Services.query("from", from, "to", to, "interval", interval, "currency", "CNY",
                "channel", channel, "storeId", store));
    }

    private static String label(Channel channel, String store) {
        return store != null ? "STORE:" + store : channel != null ? channel.name() : "ALL";
    }

    /** Member and non-member average order value per period. */
    static String aovChart(JsonNode series) {
        return option(List.of(line("member", values(series, "/memberAov/amount"), 0), line("non-member", values(series, "/nonMemberAov/amount"), 0)),
                periods(series), 1);
    }

    /** The share of members who bought twice or more in the period, per scope. */
    static String repurchaseChart(Map<String, JsonNode> perScope) {
        List<Map<String, Object>> lines = new ArrayList<>();
        JsonNode any = null;
        for (Map.Entry<String, JsonNode> scope : perScope.entrySet()) {
            lines.add(line(scope.getKey(), values(scope.getValue(), "/repurchaseRate"), 0));
            any = scope.getValue();
        }
        return option(lines, periods(any), 1);
    }

    /** Points held at each period's end (a line on its own axis) and the points given and taken in it (bars). */
    static String pointsChart(JsonNode series) {
        Map<String, Object> given = new LinkedHashMap<>(Map.of("name", "given", "type", "bar", "data", values(series, "/pointsGiven")));
        Map<String, Object> taken = new LinkedHashMap<>(Map.of("name", "taken", "type", "bar", "data", values(series, "/pointsTaken")));
        return option(List.of(given, taken, line("held", values(series, "/pointsHeld"), 1)), periods(series), 2);
    }

    private static Map<String, Object> line(String name, List<Object> data, int axis) {
        return new LinkedHashMap<>(Map.of("name", name, "type", "line", "data", data, "yAxisIndex", axis, "connectNulls", true));
    }

    private static List<Object> values(JsonNode series, String pointer) {
        List<Object> values = new ArrayList<>();
        series.forEach(point -> {
            JsonNode value = point.at(pointer);
            values.add(value.isMissingNode() || value.isNull() ? null : value.isNumber() ? value.numberValue() : Double.valueOf(value.asString()));
        });
        return values;
    }

    private static List<String> periods(JsonNode series) {
        List<String> periods = new ArrayList<>();
        series.forEach(point -> periods.add(point.path("from").asString().substring(0, 10)));
        return periods;
    }

    private static String option(List<Map<String, Object>> lines, List<String> periods, int axes) {
        Map<String, Object> option = new LinkedHashMap<>();
        option.put("tooltip", Map.of("trigger", "axis"));
        option.put("legend", Map.of("top", 0));
        option.put("grid", Map.of("left", 64, "right", axes > 1 ? 72 : 16, "top", 32, "bottom", 32));
        option.put("xAxis", Map.of("type", "category", "data", periods));
        List<Map<String, Object>> yAxes = new ArrayList<>();
        for (int i = 0; i < axes; i++) {
            yAxes.add(Map.of("type", "value"));
        }
        option.put("yAxis", yAxes);
        option.put("series", lines);
        return JSON.writeValueAsString(option);
    }
}
