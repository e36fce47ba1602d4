package dev.santong.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import dev.santong.platform.testkit.Api;
import dev.santong.platform.testkit.LocalStack;
import dev.santong.platform.testkit.RealmUsers;
import dev.santong.platform.testkit.Tokens;
import tools.jackson.databind.JsonNode;

/**
 * Members in the console's browser pages: HQ finds a member and reads their whole history as the API gives it, merges
 * a pair from the duplicate queue after a preview and undoes it from the member's page; an analyst reads contact
 * details masked; a store's staff find the shopper in front of them by phone.
 */
class ConsoleMembersE2E {

    private static final String GATEWAY = System.getProperty("santong.gateway.url", "http://localhost:8080");
    private static final String PASSWORD = "santong-demo";

    private static final Tokens TOKENS = Tokens.forLocalStack();
    private static final Api API = Api.at(GATEWAY);

    /** A store member with a phone, two purchases (one of them online) and points; an online shopper typed the same phone. */
    private static String storeMember;
    private static String onlineMember;
    private static String phone;
    private static long candidate;

    @BeforeAll
    static void aStoreMemberAndAnOnlineShopperWhoTypedTheSamePhone() {
        String run = UUID.randomUUID().toString().substring(0, 8);
        phone = "+86137" + String.format("%08d", Math.floorMod(run.hashCode(), 100_000_000));
        Api.Response enrolled = API.as(TOKENS.pos("9")).post("/api/members", Map.of("channel", "STORE", "storeId", "9", "phone", phone,
                "displayName", "控制台 " + run));
        assertThat(enrolled.status()).as(enrolled.toString()).isEqualTo(201);
        storeMember = enrolled.json().path("member").path("id").asString();
        Instant at = Instant.now().minus(2, ChronoUnit.DAYS).truncatedTo(ChronoUnit.SECONDS);
        assertThat(API.as(TOKENS.pos("9")).post("/api/members/points/earns", Map.of("memberId", storeMember, "currency", "CNY",
                "channel", "STORE", "storeId", "9", "reference", "9-CM-" + run, "occurredAt", at.toString(),
                "lines", List.of(Map.of("sku", "OX-BLU-M", "category", "shirts", "quantity", "1", "amount", "199.00")))).status()).isEqualTo(201);
        assertThat(API.as(TOKENS.shopBackend()).post("/api/members/points/earns", Map.of("memberId", storeMember, "currency", "CNY",
                "channel", "ONLINE", "reference", "SO-CM-" + run, "occurredAt", at.plus(1, ChronoUnit.DAYS).toString(),
                "lines", List.of(Map.of("sku", "OX-BLU-L", "category", "shirts", "quantity", "2", "amount", "398.00")))).status()).isEqualTo(201);

        RealmUsers.Shopper shopper = new RealmUsers(LocalStack.fromEnvironment()).createShopper("+8613900000000", false);
        Api.Response online = API.as(TOKENS.freshUser(shopper.username(), shopper.password())).post("/api/members",
                Map.of("channel", "ONLINE", "phone", phone));
        assertThat(online.status()).as(online.toString()).isEqualTo(201);
        onlineMember = online.json().path("member").path("id").asString();
        candidate = Eventually.json(() -> API.as(TOKENS.hqAdmin()).get("/api/members/duplicate-candidates?limit=1000").json(),
                queue -> queue.valueStream().anyMatch(pair -> pair.path("memberId").asString().equals(onlineMember)), "queued for HQ")
                .valueStream().filter(pair -> pair.path("memberId").asString().equals(onlineMember)).findFirst().orElseThrow().path("id").asLong();
    }

    @org.junit.jupiter.api.AfterAll
    static void printTimings() {
        ConsoleBrowser.printTimings();
    }

    @Test
    void hqReadsAMembersWholeHistoryAsTheApiGivesItAndExportsItAsCsv() {
        Api hq = API.as(TOKENS.hqAdmin()).header("API-Version", "2");
        long balance = hq.get("/api/members/" + storeMember + "/points").json().path("balance").asLong();
        JsonNode purchases = hq.get("/api/members/" + storeMember + "/purchases").json().path("items");
        try (ConsoleBrowser browser = new ConsoleBrowser(GATEWAY, "zh-CN").signIn("hq-admin", PASSWORD)) {
            browser.open("/members");
            browser.type("[data-search=directory] input[name=phoneSuffix]", phone.substring(phone.length() - 4));
            browser.search("[data-search=directory] button", "#results");
            assertThat(browser.find("[data-table=members] tr[data-member='" + storeMember + "']").getText()).as("the list masks phones")
                    .doesNotContain(phone.substring(3));
            browser.screenshot("members-search-hq-admin");

            long took = browser.open("/members/" + storeMember);
            ConsoleBrowser.timing("a member's page (HQ)", took, browser);
            browser.screenshot("member-hq-admin");
            assertThat(browser.find("[data-identity=PHONE] [data-value]").getText()).as("HQ admin reads it in full").isEqualTo(phone);
            assertThat(browser.find("[data-balance]").getText()).isEqualTo(Long.toString(balance));
            assertThat(browser.findAll("[data-table=ledger] tr[data-entry]")).hasSize(2);
            assertThat(browser.find("[data-table=ledger] tr[data-entry] [data-balance-after]").getText()).as("the latest entry leaves today's balance")
                    .isEqualTo(Long.toString(balance));
            assertThat(browser.find("[data-chart-kind=balance]").getAttribute("data-drawn")).as("the balance chart is drawn").isEqualTo("true");
            assertThat(browser.findAll("[data-table=purchases] tr[data-reference]")).hasSize(purchases.size());
            for (JsonNode purchase : purchases) {
                assertThat(browser.find("[data-table=purchases] tr[data-reference='" + purchase.path("reference").asString() + "'] [data-total]")
                        .getText()).startsWith(purchase.path("total").path("amount").asString());
            }

            String file = browser.download("/members/" + storeMember + "/purchases/export.csv");
            assertThat(file).as("UTF-8 with a byte-order mark, for Excel").startsWith("\uFEFF");
            List<String> lines = file.substring(1).lines().toList();
            assertThat(lines.getFirst()).as("headers in the page's language").contains("订单");
            assertThat(lines).hasSize(1 + purchases.size());
            assertThat(String.join("\n", lines)).contains(purchases.get(0).path("reference").asString()).contains("OX-BLU-L × 2");

            for (String garbage : List.of("/members/%3Cscript%3E", "/members/results?phoneSuffix=12ab", "/merges/preview?survivor=x")) {
                browser.open(garbage);
                assertThat(browser.find("[data-failure]").getAttribute("data-status")).as(garbage).isEqualTo("400");
            }
        }
    }

    @Test
    void hqAdminMergesAPairFromTheQueueAfterAPreviewAndUndoesItFromTheMembersPage() {
        Api hq = API.as(TOKENS.hqAdmin()).header("API-Version", "2");
        try (ConsoleBrowser browser = new ConsoleBrowser(GATEWAY, "en").signIn("hq-admin", PASSWORD)) {
            long took = browser.open("/merges/candidates");
            ConsoleBrowser.timing("maybe one person (HQ)", took, browser);
            String row = "[data-table=candidates] tr[data-candidate='" + candidate + "']";
            browser.click(row + " [data-action=preview]");
            assertThat(browser.await("[data-preview]").getAttribute("data-survivor")).isEqualTo(onlineMember);
            browser.click("[data-preview] [data-action=swap]");
            browser.await("[data-preview][data-survivor='" + storeMember + "']");
            browser.screenshot("merge-preview-hq-admin");
            browser.type("[data-preview] input[name=reason]", "same phone, confirmed at the desk");
            browser.clickAndConfirm("[data-preview] [data-action=merge]", true);
            String merge = browser.await("#preview [data-merge][data-status=ACTIVE]").getAttribute("data-merge");
            assertThat(hq.get("/api/members/merges/" + merge).json().path("mergedId").asString()).isEqualTo(onlineMember);
            assertThat(hq.get("/api/members/" + onlineMember).json().path("id").asString()).as("the old id reads the member kept")
                    .isEqualTo(storeMember);

            browser.open("/members/" + storeMember);
            String undo = "[data-part=merges] [data-merge='" + merge + "']";
            browser.type(undo + " input[name=reason]", "two people after all");
            browser.clickAndConfirm(undo + " [data-action=unmerge]", false);
            assertThat(browser.find(undo).getAttribute("data-status")).as("said no: still merged").isEqualTo("ACTIVE");
            browser.clickAndConfirm(undo + " [data-action=unmerge]", true);
            browser.await("[data-part=merges] [data-merge='" + merge + "'][data-status=UNDONE]");
            browser.screenshot("member-unmerged-hq-admin");
            assertThat(hq.get("/api/members/merges/" + merge).json().path("status").asString()).isEqualTo("UNDONE");
            assertThat(hq.get("/api/members/" + onlineMember).json().path("id").asString()).isEqualTo(onlineMember);
        }
    }

    /** After-sales frozen (not answering, as a service that hangs): its part says so, every other part of the page loads. */
    @Test
    void aServiceThatDoesNotAnswerShowsWhichPartCouldNotLoadAndTheRestOfThePageWorks() throws Exception {
        String pid = java.nio.file.Files.readString(java.nio.file.Path.of(System.getProperty("santong.run.dir", "../.local/run"),
                "service-svc.pid")).strip();
        try (ConsoleBrowser browser = new ConsoleBrowser(GATEWAY, "en").signIn("hq-admin", PASSWORD)) {
            signal("STOP", pid);
            try {
                browser.open("/members/" + storeMember);
                browser.screenshot("member-with-aftersales-down");
            } finally {
                signal("CONT", pid);
            }
            assertThat(browser.find("[data-part=cases] [data-failure]").getAttribute("data-service")).isEqualTo("aftersales");
            assertThat(browser.find("[data-part=cases] [data-failure]").getAttribute("data-status")).as("unavailable").isEqualTo("503");
            assertThat(browser.findAll("[data-failure]")).as("only that part").hasSize(1);
            assertThat(browser.findAll("[data-profile]")).hasSize(1);
            assertThat(browser.findAll("[data-table=purchases]")).hasSize(1);
            browser.open("/members/" + storeMember);
            assertThat(browser.findAll("[data-failure]")).as("back once it answers").isEmpty();
        }
    }

    private static void signal(String signal, String pid) throws Exception {
        assertThat(new ProcessBuilder("kill", "-" + signal, pid).inheritIO().start().waitFor()).as("kill -" + signal + " " + pid).isZero();
    }

    @Test
    void anAnalystReadsContactDetailsMaskedAndStaffFindTheShopperByPhone() {
        try (ConsoleBrowser browser = new ConsoleBrowser(GATEWAY, "en").signIn("hq-analyst", PASSWORD)) {
            browser.open("/members/" + storeMember);
            assertThat(browser.find("[data-identity=PHONE] [data-value]").getText()).as("masked for an analyst")
                    .doesNotContain(phone.substring(3)).endsWith(phone.substring(phone.length() - 4));
            assertThat(browser.findAll("[data-action]")).as("an analyst reads").isEmpty();
            assertThat(browser.findAll("[data-table=ledger]")).hasSize(1);
        }
        try (ConsoleBrowser browser = new ConsoleBrowser(GATEWAY, "en").signIn("staff-9", PASSWORD)) {
            browser.open("/members");
            browser.type("[data-search=lookup] input[name=phone]", phone);
            browser.follow("[data-search=lookup] button");
            assertThat(browser.currentPath()).isEqualTo("/members/" + storeMember);
            browser.screenshot("member-staff-9");
            assertThat(browser.find("[data-identity=PHONE] [data-value]").getText()).doesNotContain(phone.substring(3));
            assertThat(browser.find("[data-balance]").getText()).isNotEmpty();
            assertThat(browser.findAll("[data-table=ledger]")).as("a store sees the balance, not the ledger").isEmpty();
            assertThat(browser.findAll("[data-menu=candidates]")).isEmpty();
            browser.open("/merges/candidates");
            assertThat(browser.findAll("[data-forbidden]")).hasSize(1);
        }
    }
}
