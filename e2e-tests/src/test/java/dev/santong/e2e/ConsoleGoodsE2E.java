package dev.santong.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

import dev.santong.platform.testkit.Api;
import dev.santong.platform.testkit.Tokens;
import tools.jackson.databind.JsonNode;

/**
 * Goods in the console's browser pages: a SKU's stock per location as the API gives it, the holds open on it, hot
 * mode turned on and off by HQ admin, the prices in force per channel, the levels sales took below zero; a store's
 * staff read it and change nothing.
 */
class ConsoleGoodsE2E {

    private static final String GATEWAY = System.getProperty("santong.gateway.url", "http://localhost:8080");
    private static final String PASSWORD = "santong-demo";

    private final Tokens tokens = Tokens.forLocalStack();
    private final Api gateway = Api.at(GATEWAY);

    @AfterAll
    static void printTimings() {
        ConsoleBrowser.printTimings();
    }

    /** A SKU with 20 in the warehouse (one held for an online order), 3 received at store 9 and 2 sold at 12 that never arrived there. */
    private String aSkuWithStockHoldsAndANegativeLevel(String run) {
        Api hq = gateway.as(tokens.hqAdmin());
        String sku = "CG-" + run;
        assertThat(hq.post("/api/goods/skus", Map.of("code", sku, "name", "Console goods " + run, "warrantyMonths", 0)).status()).isEqualTo(201);
        assertThat(hq.post("/api/goods/skus/" + sku + "/prices", Map.of("channel", "ALL", "currency", "CNY", "amount", "88.00",
                "validFrom", "2026-01-01T00:00:00Z")).status()).isIn(200, 201);
        assertThat(hq.post("/api/goods/skus/" + sku + "/prices", Map.of("channel", "ONLINE", "currency", "CNY", "amount", "79.00",
                "validFrom", "2026-01-01T00:00:00Z")).status()).isIn(200, 201);
        String now = Instant.now().minusSeconds(60).toString();
        assertThat(hq.post("/api/goods/stock/movements", Map.of("sku", sku, "location", "WH-SH", "cause", "COUNT", "quantity", 20,
                "businessTime", now, "reference", "cg-wh-" + run)).status()).isIn(200, 201);
        assertThat(gateway.as(tokens.pos("9")).post("/api/goods/stock/movements", Map.of("sku", sku, "location", "9", "cause", "RECEIPT",
                "quantity", 3, "businessTime", now, "reference", "cg-9-" + run)).status()).isIn(200, 201);
        assertThat(gateway.as(tokens.pos("12")).post("/api/goods/stock/movements", Map.of("sku", sku, "location", "12", "cause", "POS_SALE",
                "quantity", -2, "businessTime", now, "reference", "cg-12-" + run)).status()).isIn(200, 201);
        Api.Response held = gateway.as(tokens.shopBackend()).post("/api/goods/reservations", Map.of("sku", sku, "location", "WH-SH", "quantity", 1,
                "channel", "ONLINE", "orderReference", "SO-CG-" + run, "line", "1", "ttlSeconds", 900));
        assertThat(held.status()).as(held.toString()).isIn(200, 201);
        return sku;
    }

    @Test
    void hqSeesStockHoldsAndPricesAsTheApiGivesThemAndTurnsHotModeOnAndOff() {
        String run = UUID.randomUUID().toString().substring(0, 8);
        String sku = aSkuWithStockHoldsAndANegativeLevel(run);
        Api hq = gateway.as(tokens.hqAdmin()).header("API-Version", "2");
        JsonNode levels = hq.get("/api/goods/stock/" + sku).json().path("items");
        try (ConsoleBrowser browser = new ConsoleBrowser(GATEWAY, "en").signIn("hq-admin", PASSWORD)) {
            browser.open("/goods");
            browser.type("[data-search=skus] input[name=q]", sku);
            browser.search("[data-search=skus] button", "#results");
            assertThat(browser.findAll("[data-table=skus] tr[data-sku]")).hasSize(1);
            browser.follow("[data-table=skus] tr[data-sku='" + sku + "'] a");
            assertThat(browser.currentPath()).isEqualTo("/goods/" + sku);
            long took = browser.open("/goods/" + sku);
            ConsoleBrowser.timing("a SKU (HQ)", took, browser);
            browser.screenshot("sku-hq-admin");
            assertThat(browser.find("[data-part=facts] [data-name]").getText()).isEqualTo("Console goods " + run);
            for (JsonNode level : levels) {
                String row = "[data-table=stock] tr[data-location='" + level.path("location").asString() + "']";
                assertThat(browser.find(row + " [data-on-hand]").getText()).isEqualTo(level.path("onHand").asString());
                assertThat(browser.find(row + " [data-reserved]").getText()).isEqualTo(level.path("reserved").asString());
                assertThat(browser.find(row + " [data-available]").getText()).isEqualTo(level.path("available").asString());
            }
            assertThat(browser.find("[data-table=prices-in-force] tr[data-channel=ONLINE] [data-price]").getText()).isEqualTo("79.00 CNY");
            assertThat(browser.find("[data-table=prices-in-force] tr[data-channel='STORE:9'] [data-price]").getText()).isEqualTo("88.00 CNY");

            browser.click("[data-table=stock] tr[data-location=WH-SH] [data-action=holds]");
            assertThat(browser.await("[data-table=holds]").getText()).contains("SO-CG-" + run);

            String hot = "[data-table=stock] tr[data-location=WH-SH] [data-hot]";
            browser.clickAndConfirm(hot + " [data-action=hot-on]", true);
            browser.await(hot + ":not([data-buckets='0'])");
            assertThat(hq.get("/api/goods/stock/" + sku).json().path("items").valueStream()
                    .filter(level -> level.path("location").asString().equals("WH-SH")).findFirst().orElseThrow().path("hotBuckets").asInt())
                    .isEqualTo(Integer.parseInt(browser.find(hot).getAttribute("data-buckets"))).isPositive();
            browser.clickAndConfirm(hot + " [data-action=hot-off]", true);
            browser.await(hot + "[data-buckets='0']");
            assertThat(browser.find("[data-table=stock] tr[data-location=WH-SH] [data-available]").getText()).as("no unit lost folding back")
                    .isEqualTo("19");

            took = browser.open("/goods/negative");
            ConsoleBrowser.timing("levels below zero (HQ)", took, browser);
            String negative = "[data-table=negative] tr[data-sku='" + sku + "'][data-location='12'] [data-on-hand]";
            while (browser.findAll(negative).isEmpty() && !browser.findAll("[data-part=negative] [data-more]").isEmpty()) {
                browser.more("[data-part=negative]");
            }
            assertThat(browser.find(negative).getText()).isEqualTo("-2");
        }
    }

    @Test
    void aStoresStaffReadStockEverywhereHoldsAtTheirOwnAndChangeNothing() {
        String run = UUID.randomUUID().toString().substring(0, 8);
        String sku = aSkuWithStockHoldsAndANegativeLevel(run);
        try (ConsoleBrowser browser = new ConsoleBrowser(GATEWAY, "en").signIn("staff-9", PASSWORD)) {
            browser.open("/goods/" + sku);
            browser.screenshot("sku-staff-9");
            assertThat(browser.find("[data-table=stock] tr[data-location='9'] [data-on-hand]").getText()).isEqualTo("3");
            assertThat(browser.findAll("[data-table=stock] tr[data-location=WH-SH]")).as("where else the goods are").hasSize(1);
            assertThat(browser.findAll("[data-action=hot-on], [data-action=hot-off]")).as("hot mode is HQ admin's").isEmpty();
            assertThat(browser.findAll("[data-table=stock] tr[data-location=WH-SH] [data-action=holds]")).as("another location's holds").isEmpty();
            browser.open("/goods/" + sku + "/holds?location=WH-SH");
            assertThat(browser.findAll("[data-forbidden]")).hasSize(1);
            assertThat(browser.findAll("[data-table=prices-in-force] tr[data-channel='STORE:12']")).as("their store's price, not others'").isEmpty();
            for (String garbage : List.of("/goods/%3Cx%3E", "/goods/results?q=" + "q".repeat(101))) {
                browser.open(garbage);
                assertThat(browser.find("[data-failure]").getAttribute("data-status")).as(garbage).isEqualTo("400");
            }
            // A SKU's own facts, a part of its page: a code that is no SKU code, or longer than one, names the field.
            for (String garbage : List.of("/goods/%3Cx%3E/facts", "/goods/" + "S".repeat(65) + "/facts")) {
                browser.open(garbage);
                assertThat(browser.find("[data-failure]").getAttribute("data-status")).as(garbage).isEqualTo("400");
                assertThat(browser.find("[data-failure]").getAttribute("data-field")).as(garbage + " names the field").isEqualTo("sku");
            }
        }
    }
}
