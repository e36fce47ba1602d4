package dev.santong.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.WebElement;

import dev.santong.platform.testkit.Api;
import dev.santong.platform.testkit.Tokens;

/**
 * After-sales in the console's browser pages: a store's staff work a return from their queue through its states by
 * the buttons the case allows them, a step taken meanwhile elsewhere is refused with the service's words, another
 * store's staff see nothing of it, and HQ reads why goods come back and exports the cases.
 */
class ConsoleCasesE2E {

    private static final String GATEWAY = System.getProperty("santong.gateway.url", "http://localhost:8080");
    private static final String PASSWORD = "santong-demo";

    private final Tokens tokens = Tokens.forLocalStack();
    private final Api gateway = Api.at(GATEWAY);

    @AfterAll
    static void printTimings() {
        ConsoleBrowser.printTimings();
    }

    /** An online order returned at store 9's desk. */
    private String aReturnAtStore9() {
        String run = UUID.randomUUID().toString().substring(0, 8);
        Api.Response member = gateway.as(tokens.hqAdmin()).post("/api/members", Map.of("channel", "HQ_IMPORT",
                "phone", "137" + String.format("%08d", Math.floorMod(run.hashCode(), 100_000_000))));
        assertThat(member.status()).as(member.toString()).isIn(200, 201);
        Api.Response ordered = gateway.as(tokens.shopBackend()).post("/api/members/points/earns", Map.of("memberId",
                member.json().path("member").path("id").asString(), "channel", "ONLINE", "reference", "SO-DESK-" + run,
                "occurredAt", Instant.now().minusSeconds(86_400).toString(), "currency", "CNY",
                "lines", List.of(Map.of("sku", "OX-BLU-M", "category", "shirts", "quantity", 1, "amount", "199.00")),
                "tenders", List.of(Map.of("method", "ALIPAY", "amount", "199.00"))));
        assertThat(ordered.status()).as(ordered.toString()).isEqualTo(201);
        Api.Response opened = gateway.as(tokens.storeStaff("9")).post("/api/aftersales/cases", Map.of("type", "RETURN", "channel", "STORE",
                "storeId", "9", "purchase", Map.of("channel", "ONLINE", "reference", "SO-DESK-" + run), "skuCode", "OX-BLU-M", "quantity", 1,
                "reason", "too small"));
        assertThat(opened.status()).as(opened.toString()).isEqualTo(201);
        return opened.json().path("id").asString();
    }

    private Set<String> allowedFor(String token, String caseId) {
        Set<String> actions = new TreeSet<>();
        gateway.as(token).header("API-Version", "2").get("/api/aftersales/cases/" + caseId + "/allowed-steps").json().path("items")
                .forEach(step -> actions.add(step.path("action").asString()));
        return actions;
    }

    private static Set<String> buttons(ConsoleBrowser browser) {
        Set<String> actions = new TreeSet<>();
        for (WebElement button : browser.findAll("[data-steps] [data-action]")) {
            actions.add(button.getAttribute("data-action"));
        }
        return actions;
    }

    @Test
    void staffWorkAReturnFromTheirQueueThroughItsStatesByTheButtonsItAllows() {
        String caseId = aReturnAtStore9();
        String staff = tokens.storeStaff("9");
        try (ConsoleBrowser browser = new ConsoleBrowser(GATEWAY, "en").signIn("staff-9", PASSWORD)) {
            long took = browser.open("/cases");
            ConsoleBrowser.timing("after-sales desk (staff)", took, browser);
            browser.screenshot("cases-desk-staff-9");
            assertThat(browser.findAll("[data-table=queue] tr[data-case='" + caseId + "']")).as("in their store's queue").hasSize(1);
            browser.follow("[data-table=queue] tr[data-case='" + caseId + "'] a");
            assertThat(browser.currentPath()).isEqualTo("/cases/" + caseId);

            browser.clickAndConfirm("[data-steps] [data-action=APPROVE]", false);
            assertThat(browser.find("[data-detail]").getAttribute("data-status")).as("said no: nothing taken").isEqualTo("REQUESTED");
            for (String action : List.of("APPROVE", "RECEIVE_ITEM", "INSPECT", "REFUND")) {
                assertThat(buttons(browser)).as("the buttons are the steps the case allows staff now").isEqualTo(allowedFor(staff, caseId))
                        .contains(action);
                String before = browser.find("[data-detail]").getAttribute("data-version");
                browser.clickAndConfirm("[data-steps] [data-action=" + action + "]", true);
                browser.await("[data-detail]:not([data-version='" + before + "'])");
                String status = gateway.as(staff).get("/api/aftersales/cases/" + caseId).json().path("status").asString();
                assertThat(browser.find("[data-detail]").getAttribute("data-status")).as(action).isEqualTo(status);
                browser.await("[data-table=history] tr[data-version='" + browser.find("[data-detail]").getAttribute("data-version") + "']");
            }
            assertThat(browser.find("[data-detail]").getAttribute("data-status")).isEqualTo("REFUNDED");
            browser.screenshot("case-refunded-staff-9");
            took = browser.open("/cases/" + caseId);
            ConsoleBrowser.timing("a case (staff)", took, browser);

            browser.asTablet();
            for (String page : List.of("/cases", "/cases/" + caseId, "/members", "/stores/9/days/" + java.time.LocalDate.now(java.time.ZoneOffset.UTC))) {
                browser.open(page);
                assertThat(browser.fitsTheWidth()).as(page + " on a tablet at the desk").isTrue();
            }
        }
    }

    @Test
    void aStepTakenMeanwhileIsRefusedInTheServicesWordsAndAnotherStoreSeesNothing() {
        String caseId = aReturnAtStore9();
        try (ConsoleBrowser browser = new ConsoleBrowser(GATEWAY, "en").signIn("staff-9", PASSWORD)) {
            browser.open("/cases/" + caseId);
            Api.Response elsewhere = gateway.as(tokens.storeStaff("9")).header("If-Match", "\"0\"").post("/api/aftersales/cases/" + caseId + "/steps",
                    Map.of("action", "APPROVE"));
            assertThat(elsewhere.status()).as(elsewhere.toString()).isEqualTo(200);
            browser.clickAndConfirm("[data-steps] [data-action=REJECT]", true);
            WebElement refused = browser.await("[data-part=detail] [data-failure]");
            assertThat(refused.getAttribute("data-status")).isEqualTo("412");
            assertThat(gateway.as(tokens.storeStaff("9")).get("/api/aftersales/cases/" + caseId).json().path("status").asString())
                    .as("nothing overwritten").isEqualTo("APPROVED");
        }
        try (ConsoleBrowser browser = new ConsoleBrowser(GATEWAY, "en").signIn("staff-12", PASSWORD)) {
            browser.open("/cases/" + caseId);
            assertThat(browser.findAll("[data-detail]")).as("another store's case").isEmpty();
            assertThat(browser.find("[data-part=detail] [data-failure]").getAttribute("data-status")).isEqualTo("404");
            browser.open("/cases?store=9");
            assertThat(browser.findAll("[data-table=queue] tr[data-case='" + caseId + "']")).as("their own queue, whatever the address says").isEmpty();
            browser.open("/cases/queue?store=9");
            assertThat(browser.findAll("[data-forbidden]")).hasSize(1);
        }
    }

    @Test
    void hqReadsWhyGoodsComeBackAndExportsTheCasesAsCsv() {
        String caseId = aReturnAtStore9();
        try (ConsoleBrowser browser = new ConsoleBrowser(GATEWAY, "zh-CN").signIn("hq-admin", PASSWORD)) {
            long took = browser.open("/cases/reasons");
            ConsoleBrowser.timing("why goods come back (HQ)", took, browser);
            browser.screenshot("return-reasons-hq-admin");
            long cases = gateway.as(tokens.hqAdmin()).get("/api/aftersales/statistics/return-reasons?from="
                    + java.time.LocalDate.now(java.time.ZoneOffset.UTC).minusDays(30).atStartOfDay(java.time.ZoneOffset.UTC).toInstant() + "&to="
                    + java.time.LocalDate.now(java.time.ZoneOffset.UTC).plusDays(1).atStartOfDay(java.time.ZoneOffset.UTC).toInstant() + "&limit=1000")
                    .json().valueStream().filter(count -> count.path("skuCode").asString().equals("OX-BLU-M")).mapToLong(count -> count.path("cases").asLong())
                    .sum();
            long shown = browser.findAll("[data-table=reasons] tr[data-sku='OX-BLU-M'] [data-cases]").stream()
                    .mapToLong(cell -> Long.parseLong(cell.getText())).sum();
            assertThat(shown).as("what the API counts").isEqualTo(cases).isPositive();

            took = browser.open("/cases?store=9");
            ConsoleBrowser.timing("after-sales desk (HQ, store 9)", took, browser);
            String file = browser.download("/cases/list/export.csv?store=9&status=REQUESTED");
            assertThat(file).startsWith("\uFEFF").contains(caseId);
            assertThat(file.lines().skip(1).allMatch(line -> line.contains(",REQUESTED,9,"))).as(file.lines().limit(3).toList().toString()).isTrue();
            for (String garbage : List.of("/cases?store=%3Cb%3E", "/cases/list?status=LOST", "/cases/reasons?from=yesterday")) {
                browser.open(garbage);
                assertThat(browser.find("[data-failure]").getAttribute("data-status")).as(garbage).isEqualTo("400");
            }
        }
    }
}
