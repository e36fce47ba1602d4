package dev.santong.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

import dev.santong.platform.testkit.Api;
import dev.santong.platform.testkit.Tokens;
import tools.jackson.databind.JsonNode;

/** HQ's analytics page in the browser: the figures per day as the API's series gives them, drawn, and exported as CSV. */
class ConsoleAnalyticsE2E {

    private static final String GATEWAY = System.getProperty("santong.gateway.url", "http://localhost:8080");
    private static final String PASSWORD = "santong-demo";

    @AfterAll
    static void printTimings() {
        ConsoleBrowser.printTimings();
    }

    @Test
    void anAnalystReadsTheFiguresPerDayAsTheApiGivesThemDrawnAndAsCsv() {
        LocalDate to = LocalDate.now(ZoneOffset.UTC);
        LocalDate from = to.minusDays(13);
        String query = "from=" + from + "&to=" + to + "&interval=DAY";
        JsonNode series = Api.at(GATEWAY).as(Tokens.forLocalStack().hqAnalyst()).header("API-Version", "2")
                .get("/api/members/analytics/series?" + query).json().path("points");
        assertThat(series).hasSize(14);
        try (ConsoleBrowser browser = new ConsoleBrowser(GATEWAY, "zh-CN").signIn("hq-analyst", PASSWORD)) {
            long took = browser.open("/analytics?" + query);
            ConsoleBrowser.timing("analytics, 14 days (HQ)", took, browser);
            browser.screenshot("analytics-hq-analyst");
            for (String chart : List.of("aov", "repurchase", "points")) {
                assertThat(browser.find("[data-chart-kind=" + chart + "]").getAttribute("data-drawn")).as(chart).isEqualTo("true");
            }
            assertThat(browser.findAll("[data-table=analytics] tr[data-period]")).hasSize(series.size());
            for (JsonNode point : series) {
                String row = "[data-table=analytics] tr[data-period='" + point.path("from").asString().substring(0, 10) + "']";
                assertThat(browser.find(row + " [data-member-orders]").getText()).isEqualTo(point.path("memberOrders").asString());
                assertThat(browser.find(row + " [data-points-held]").getText()).isEqualTo(point.path("pointsHeld").asString());
                assertThat(browser.find(row + " [data-member-aov]").getText()).isEqualTo(point.path("memberAov").path("amount").asString("—"));
            }
            String file = browser.download("/analytics/export.csv?" + query);
            assertThat(file).startsWith("\uFEFF");
            assertThat(file.lines().count()).as("a header and a row per day").isEqualTo(1 + series.size());
            assertThat(file.lines().findFirst().orElseThrow()).contains("会员订单");

            browser.open("/analytics?" + "from=" + to.minusDays(100) + "&to=" + to + "&interval=DAY");
            assertThat(browser.find("[data-part=figures] [data-failure]").getText()).as("the service's own words").contains("62");
        }
    }
}
