package dev.santong.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.WebElement;

import dev.santong.platform.testkit.Api;
import dev.santong.platform.testkit.Tokens;
import tools.jackson.databind.JsonNode;

/**
 * The HQ and store console in Debian's Chromium, through the gateway, signed in on Keycloak's own login page: what
 * each role sees and may reach, checked against what the API says to the same person. Screenshots of each page go
 * to {@code .local/logs/console-screenshots} beside the other test logs; the time each page takes is printed.
 */
class ConsoleE2E {

    private static final String GATEWAY = System.getProperty("santong.gateway.url", "http://localhost:8080");
    private static final String PASSWORD = "santong-demo";

    private final Tokens tokens = Tokens.forLocalStack();
    private final Api gateway = Api.at(GATEWAY);

    /** A day with uploads from store 9 and store 12, one of them short of its close: a red day and another. */
    private static LocalDate day;

    @BeforeAll
    static void aDayTwoStoresUploaded() {
        Tokens tokens = Tokens.forLocalStack();
        Api gateway = Api.at(GATEWAY);
        String run = UUID.randomUUID().toString().substring(0, 8);
        day = LocalDate.now(ZoneOffset.UTC).minusDays(2 + Math.floorMod(run.hashCode(), 300));
        for (String store : List.of("9", "12")) {
            Api.Response uploaded = gateway.as(tokens.pos(store)).post("/api/sync/stores/" + store + "/batches", Map.of("batchId", "console-" + run,
                    "transactions", List.of(Map.of("workstationId", "1", "businessDay", day.toString(), "sequenceNumber", 1, "type", "NO_SALE",
                            "businessTime", day.atTime(9, 0).toInstant(ZoneOffset.UTC).toString()))));
            assertThat(uploaded.status()).as(uploaded.toString()).isEqualTo(202);
        }
        Api.Response closed = gateway.as(tokens.pos("9")).put("/api/sync/stores/9/days/" + day + "/close", Map.of("currency", "CNY",
                "transactionCount", 2, "gross", "0.00", "returns", "0.00", "workstations", List.of(Map.of("workstationId", "1", "firstSequence", 1,
                        "lastSequence", 2))));
        assertThat(closed.status()).as(closed.toString()).isIn(200, 201);
        // Applied first, so the page and the API read the same settled day.
        long deadline = System.nanoTime() + java.util.concurrent.TimeUnit.SECONDS.toNanos(30);
        while (System.nanoTime() < deadline) {
            JsonNode stores = gateway.as(tokens.hqAdmin()).header("API-Version", "2").get("/api/sync/reconciliation?day=" + day).json().path("items");
            boolean settled = stores.size() >= 2;
            for (JsonNode store : stores) {
                settled &= store.path("pending").asLong() == 0;
            }
            if (settled) {
                return;
            }
            try {
                Thread.sleep(250);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    @AfterAll
    static void printTimings() {
        ConsoleBrowser.printTimings();
    }

    @Test
    void hqSeesEveryStoresDayAsTheApiSaysInChineseOrEnglish() {
        JsonNode stores = gateway.as(tokens.hqAdmin()).header("API-Version", "2").get("/api/sync/reconciliation?day=" + day).json().path("items");
        assertThat(stores.size()).as(stores.toString()).isGreaterThanOrEqualTo(2);
        try (ConsoleBrowser browser = new ConsoleBrowser(GATEWAY, "zh-CN").signIn("hq-admin", PASSWORD)) {
            assertThat(browser.currentPath()).as("HQ starts at every store's day").startsWith("/stores");
            long took = browser.open("/stores?day=" + day);
            ConsoleBrowser.timing("stores today (HQ)", took, browser);
            browser.screenshot("stores-today-hq-admin");
            assertThat(browser.title()).contains("今日门店");
            for (JsonNode store : stores) {
                String id = store.path("storeId").asString();
                WebElement status = browser.find("[data-table=overview] tr[data-store='" + id + "'] [data-status]");
                assertThat(status.getAttribute("data-status")).as("store " + id).isEqualTo(store.path("status").asString());
            }
            assertThat(browser.findAll("[data-table=drift] tr[data-store='9']")).as("store 9's drift").hasSize(1);
            String file = browser.download("/stores/overview/export.csv?day=" + day);
            assertThat(file).startsWith("\uFEFF");
            assertThat(file.lines().count()).as("a header and a line per store").isEqualTo(1 + stores.size());
            for (JsonNode store : stores) {
                assertThat(file).contains(store.path("storeId").asString() + "," + store.path("status").asString() + ",");
            }

            JsonNode report = gateway.as(tokens.hqAdmin()).get("/api/sync/stores/9/days/" + day + "/reconciliation").json();
            took = browser.open("/stores/9/days/" + day);
            ConsoleBrowser.timing("a store's day (HQ)", took, browser);
            browser.screenshot("store-day-hq-admin");
            assertThat(browser.find("[data-part=report] [data-status]").getAttribute("data-status")).isEqualTo(report.path("status").asString());
            for (JsonNode check : report.path("checks")) {
                assertThat(browser.find("[data-table=checks] tr[data-check='" + check.path("name").asString() + "'] [data-status]")
                        .getAttribute("data-status")).as(check.path("name").asString()).isEqualTo(check.path("status").asString());
            }

            // What a person may type into the address: a day that is no date, a day left out, a store id that is no id.
            for (String garbage : List.of("/stores?day=yesterday", "/stores/overview", "/stores/9/days/2026-13-45", "/stores/9/days/x/report")) {
                browser.open(garbage);
                assertThat(browser.find("[data-failure]").getAttribute("data-status")).as(garbage).isEqualTo("400");
                assertThat(browser.find("[data-failure]").getAttribute("data-field")).as(garbage + " names the field").isEqualTo("day");
            }
            browser.open("/stores/" + "x".repeat(40) + "/days/" + day);
            assertThat(browser.findAll("[data-forbidden]")).as("a store id longer than any").hasSize(1);
            browser.open("/stores/9/days/" + day);

            browser.click("[data-menu=language]");
            browser.awaitParts();
            assertThat(browser.title()).as("switched to English").contains("Store 9");
            browser.open("/stores?day=" + day);
            assertThat(browser.title()).as("and it stays English").contains("Stores today");
        }
    }

    @Test
    void storeStaffSeeTheirOwnStoreAndCannotReachAnotherByUrl() {
        try (ConsoleBrowser browser = new ConsoleBrowser(GATEWAY, "en").signIn("staff-9", PASSWORD)) {
            assertThat(browser.currentPath()).as("staff start at their own store").startsWith("/stores/9/days/");
            browser.awaitParts();
            browser.screenshot("my-store-staff-9");
            assertThat(browser.findAll("[data-menu=stores]")).as("no every-store menu").isEmpty();
            assertThat(browser.findAll("[data-menu=my-store]")).hasSize(1);

            long took = browser.open("/stores/9/days/" + day);
            ConsoleBrowser.timing("my store's day (staff)", took, browser);
            assertThat(browser.findAll("[data-part=report] [data-failure]")).as("their own store's day loads").isEmpty();
            assertThat(browser.findAll("[data-health]")).hasSize(1);

            for (String elsewhere : List.of("/stores/12/days/" + day, "/stores/12/health", "/stores/12/days/" + day + "/report", "/stores",
                    "/stores/overview?day=" + day)) {
                browser.open(elsewhere);
                assertThat(browser.findAll("[data-forbidden]")).as(elsewhere).hasSize(1);
                assertThat(browser.findAll("[data-table]")).as(elsewhere + " shows nothing of it").isEmpty();
                assertThat(browser.findAll("[data-menu=my-store]")).as("and the way back to their own store").hasSize(1);
            }
            browser.screenshot("another-store-staff-9");
        }
    }

    @Test
    void theAnalystReadsAndAShopperIsTurnedAwayAndLoggingOutEndsTheSession() {
        try (ConsoleBrowser browser = new ConsoleBrowser(GATEWAY, "en").signIn("hq-analyst", PASSWORD)) {
            browser.open("/stores?day=" + day);
            assertThat(browser.findAll("[data-table=overview] tr[data-store]")).isNotEmpty();
            browser.click("[data-menu=logout]");
            browser.open("/");
            assertThat(browser.findAll("#username")).as("signed out: Keycloak asks again").hasSize(1);
        }
        try (ConsoleBrowser browser = new ConsoleBrowser(GATEWAY, "en")) {
            browser.signInExpectingNoMenu("alice", PASSWORD);
            assertThat(browser.findAll("[data-forbidden]")).as("the console is for HQ and store staff").hasSize(1);
        }
    }

    @Test
    void hqAdminReplaysAQuarantinedLineAndDecidesConflictsEachAfterConfirmingAndStaffOnlyLook() {
        String run = UUID.randomUUID().toString().substring(0, 8);
        LocalDate saleDay = day.minusDays(400);
        String workstation = "Q" + run.substring(0, 4);
        String sku = "CONSOLE-" + run;
        String unknownGtin = gtin13("69" + String.format("%010d", Math.floorMod(run.hashCode(), 1_000_000_000)));
        Api hq = gateway.as(tokens.hqAdmin());
        assertThat(hq.post("/api/goods/skus", Map.of("code", sku, "name", "Console test", "warrantyMonths", 0)).status()).isEqualTo(201);
        Api till = gateway.as(tokens.pos("9"));
        String sale = """
                {"workstationId":"%s","businessDay":"%s","sequenceNumber":%d,"type":"SALE","businessTime":"%sT03:00:00Z",
                 "payload":{"currency":"CNY","lines":[{"%s":"%s","quantity":%d,"amount":"10.00"}]}}""";
        assertThat(till.post("/api/sync/stores/9/batches", "{\"batchId\":\"console-q1-" + run + "\",\"transactions\":["
                + sale.formatted(workstation, saleDay, 1, saleDay, "sku", sku, 1) + ","
                + sale.formatted(workstation, saleDay, 2, saleDay, "gtin", unknownGtin, 1) + "]}").status()).isEqualTo(202);
        String reference = "9-" + saleDay.toString().replace("-", "") + "-" + workstation + "-2";
        long workId = Eventually.json(() -> hq.get("/api/sync/stores/9/quarantine?limit=1000").json(),
                quarantine -> quarantine.findValues("reference").stream().anyMatch(r -> r.asString().equals(reference)), "quarantined")
                .valueStream().filter(item -> item.path("reference").asString().equals(reference)).findFirst().orElseThrow().path("workId").asLong();
        // The till sends both again, changed: a conflict with an applied version and one with the quarantined line.
        assertThat(till.post("/api/sync/stores/9/batches", "{\"batchId\":\"console-q2-" + run + "\",\"transactions\":["
                + sale.formatted(workstation, saleDay, 1, saleDay, "sku", sku, 5) + ","
                + sale.formatted(workstation, saleDay, 2, saleDay, "sku", sku, 1) + "]}").json().path("conflicts").asInt()).isEqualTo(2);
        Map<Long, Long> conflictBySequence = new java.util.HashMap<>();
        hq.get("/api/sync/stores/9/conflicts?limit=1000").json().forEach(conflict -> {
            if (conflict.path("workstationId").asString().equals(workstation)) {
                conflictBySequence.put(conflict.path("sequenceNumber").asLong(), conflict.path("id").asLong());
            }
        });
        assertThat(conflictBySequence).containsOnlyKeys(1L, 2L);

        try (ConsoleBrowser browser = new ConsoleBrowser(GATEWAY, "en").signIn("staff-9", PASSWORD)) {
            browser.open("/stores/9/days/" + saleDay);
            assertThat(browser.findAll("[data-table=quarantine] tr[data-work='" + workId + "']")).as("their store's quarantine").hasSize(1);
            assertThat(browser.findAll("[data-action]")).as("staff look; HQ admin acts").isEmpty();
            browser.open("/sync");
            assertThat(browser.findAll("[data-forbidden]")).as("every store's quarantine is HQ's").hasSize(1);
        }
        try (ConsoleBrowser browser = new ConsoleBrowser(GATEWAY, "en").signIn("hq-admin", PASSWORD)) {
            long took = browser.open("/sync");
            ConsoleBrowser.timing("uploads to look at (HQ)", took, browser);
            browser.screenshot("sync-hq-admin");
            String row = "[data-table=quarantine] tr[data-work='" + workId + "']";
            assertThat(browser.find(row).getText()).contains(reference).contains("GOODS").contains(unknownGtin);
            assertThat(browser.download("/sync/quarantine/export.csv?store=9")).contains(reference);

            String refused = "[data-table=conflicts] tr[data-conflict='" + conflictBySequence.get(2L) + "']";
            browser.clickAndConfirm(refused + " [data-action=accept]", true);
            assertThat(browser.await(refused + " [data-failure]").getText()).as("the service's own words")
                    .contains("not applied yet").contains("GOODS: quarantined");

            String rejected = "[data-table=conflicts] tr[data-conflict='" + conflictBySequence.get(1L) + "']";
            browser.type(rejected + " input[name=note]", "keyed twice by mistake");
            browser.clickAndConfirm(rejected + " [data-action=reject]", false);
            assertThat(browser.findAll(rejected + " [data-outcome]")).as("said no: nothing decided").isEmpty();
            browser.clickAndConfirm(rejected + " [data-action=reject]", true);
            assertThat(browser.await(rejected + " [data-outcome]").getAttribute("data-outcome")).isEqualTo("REJECTED");
            JsonNode decided = hq.get("/api/sync/stores/9/conflicts?status=REJECTED&limit=1000").json().valueStream()
                    .filter(conflict -> conflict.path("id").asLong() == conflictBySequence.get(1L)).findFirst().orElseThrow();
            assertThat(decided.path("decisionNote").asString()).isEqualTo("keyed twice by mistake");

            // The cause fixed (the barcode is now the SKU's), the line replayed; then it is applied and leaves the quarantine.
            assertThat(hq.post("/api/goods/skus", Map.of("code", sku + "-G", "name", "Console test barcode", "warrantyMonths", 0,
                    "gtins", List.of(unknownGtin))).status()).isEqualTo(201);
            browser.clickAndConfirm(row + " [data-action=replay]", false);
            assertThat(browser.findAll(row + " [data-outcome]")).as("said no: not replayed").isEmpty();
            browser.clickAndConfirm(row + " [data-action=replay]", true);
            assertThat(browser.await(row + " [data-outcome]").getAttribute("data-outcome")).isEqualTo("PENDING");
            browser.screenshot("sync-after-actions-hq-admin");
            Eventually.json(() -> hq.get("/api/sync/stores/9/quarantine?limit=1000").json(),
                    quarantine -> quarantine.findValues("reference").stream().noneMatch(r -> r.asString().equals(reference)), "replayed and applied");
        }
    }

    /** A GTIN-13 with its check digit. */
    private static String gtin13(String twelveDigits) {
        int sum = 0;
        for (int i = 0; i < 12; i++) {
            sum += (twelveDigits.charAt(i) - '0') * (i % 2 == 0 ? 1 : 3);
        }
        return twelveDigits + (10 - sum % 10) % 10;
    }
}
