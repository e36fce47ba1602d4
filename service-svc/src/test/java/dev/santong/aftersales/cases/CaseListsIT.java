package dev.santong.aftersales.cases;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import dev.santong.aftersales.WithOtherServices;
import dev.santong.platform.testkit.Api;
import dev.santong.platform.testkit.StackTest;
import dev.santong.platform.testkit.Tokens;
import tools.jackson.databind.JsonNode;

/** Cases as pages, newest first: a shopper sees her own, a store its own, HQ any store's, filtered. */
@StackTest
class CaseListsIT extends WithOtherServices {

    @Autowired
    Api api;

    private String open(String token, String channel, String store, String type, String reference) {
        Map<String, Object> body = new java.util.HashMap<>(Map.of("type", type, "channel", channel,
                "purchase", Map.of("channel", "ONLINE", "reference", reference), "skuCode", "OX-BLU-M", "quantity", 1, "reason", "listed"));
        if (store != null) {
            body.put("storeId", store);
        }
        Api.Response opened = api.as(token).post("/api/aftersales/cases", body);
        assertThat(opened.status()).as(opened.toString()).isEqualTo(201);
        return opened.json().path("id").asString();
    }

    private List<String> all(String token, String query) {
        List<String> ids = new ArrayList<>();
        String after = null;
        for (int pages = 0; pages < 50; pages++) {
            JsonNode page = api.as(token).get("/api/aftersales/cases?limit=2" + query + (after == null ? "" : "&cursor=" + after)).json();
            page.path("items").forEach(item -> ids.add(item.path("id").asString()));
            after = page.path("next").isNull() || page.path("next").isMissingNode() ? null : page.path("next").asString();
            if (after == null) {
                break;
            }
        }
        return ids;
    }

    @Test
    void eachCallerPagesThroughTheCasesItMaySeeNewestFirst(Tokens tokens) {
        String staff9 = tokens.storeStaff("9");
        List<String> at9 = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            at9.add(0, open(staff9, "STORE", "9", i % 2 == 0 ? "RETURN" : "REPAIR", shop().onlineOrder("OX-BLU-M", 1)));
        }
        String at12 = open(tokens.storeStaff("12"), "STORE", "12", "RETURN", shop().onlineOrder("OX-BLU-M", 1));
        String alices = open(tokens.customer("alice"), "ONLINE", null, "COMPLAINT", shop().ownOrder(tokens.customer("alice"), "OX-BLU-M"));

        assertThat(all(staff9, "")).as("store 9's, newest first, across pages of two").containsSubsequence(at9).doesNotContain(at12, alices);
        assertThat(all(tokens.customer("alice"), "")).contains(alices).doesNotContain(at12).doesNotContainAnyElementsOf(at9);
        assertThat(all(tokens.hqAnalyst(), "&storeId=12")).contains(at12).doesNotContainAnyElementsOf(at9);
        assertThat(all(tokens.hqAnalyst(), "")).contains(at12, alices).containsAll(at9);
        assertThat(all(staff9, "&type=REPAIR")).containsExactlyElementsOf(at9.stream().filter(id -> at9.indexOf(id) % 2 == 1).toList());
        assertThat(all(staff9, "&status=CLOSED")).isEmpty();
        String alicesMember = api.as(tokens.hqAnalyst()).get("/api/aftersales/cases/" + alices).json().path("memberId").asString();
        assertThat(alicesMember).isNotBlank();
        assertThat(all(tokens.hqAnalyst(), "&memberId=" + alicesMember)).as("a member's cases").contains(alices)
                .doesNotContain(at12).doesNotContainAnyElementsOf(at9);
        assertThat(all(staff9, "&memberId=" + alicesMember)).as("a store sees only what was opened at it").doesNotContain(alices);
        assertThat(api.as(staff9).get("/api/aftersales/cases?memberId=" + "m".repeat(37)).json().path("errors").get(0).path("field").asString())
                .isEqualTo("memberId");

        assertThat(api.as(staff9).get("/api/aftersales/cases?storeId=12").status()).as("another store's").isEqualTo(403);
        JsonNode badCursor = api.as(staff9).get("/api/aftersales/cases?cursor=bm90LWEtY3Vyc29y").json();
        assertThat(badCursor.path("errors").get(0).path("field").asString()).isEqualTo("cursor");
        assertThat(badCursor.path("errors").get(0).path("code").asString()).isEqualTo("unknown-cursor");
        // Clients written when the parameter was called after keep paging.
        JsonNode first = api.as(staff9).get("/api/aftersales/cases?limit=2").json();
        JsonNode byOldName = api.as(staff9).get("/api/aftersales/cases?limit=2&after=" + first.path("next").asString()).json();
        JsonNode byCursor = api.as(staff9).get("/api/aftersales/cases?limit=2&cursor=" + first.path("next").asString()).json();
        assertThat(byOldName.path("items")).isEqualTo(byCursor.path("items")).isNotEmpty();
        assertThat(api.as(staff9).get("/api/aftersales/cases?status=LOST").json().path("errors").get(0).path("field").asString()).isEqualTo("status");
        assertThat(api.as(staff9).get("/api/aftersales/cases?limit=1000").json().path("errors").get(0).path("field").asString()).isEqualTo("limit");
    }

    @Test
    void hqSeesWhyGoodsComeBackPerSkuAndReason(Tokens tokens) {
        String staff = tokens.storeStaff("9");
        java.time.Instant from = java.time.Instant.now().minusSeconds(60);
        for (int i = 0; i < 3; i++) {
            String order = shop().online("SO-REASON-" + System.nanoTime()).line("OX-BLU-M", "apparel", 2, "200.00")
                    .line("KETTLE-1", "appliances", 1, "299.00").at(java.time.Instant.now().minusSeconds(3600)).by(shop().anyMember());
            assertThat(api.as(staff).post("/api/aftersales/cases", Map.of("type", "RETURN", "channel", "STORE", "storeId", "9",
                    "purchase", Map.of("channel", "ONLINE", "reference", order), "reason", "fit",
                    "lines", List.of(Map.of("skuCode", "OX-BLU-M", "quantity", 2, "reasonCode", "TOO_SMALL"),
                            Map.of("skuCode", "KETTLE-1", "quantity", 1, "reasonCode", "DEFECTIVE")))).status()).isEqualTo(201);
        }
        String query = "/api/aftersales/statistics/return-reasons?type=RETURN&from=" + from + "&to=" + java.time.Instant.now().plusSeconds(60);
        JsonNode reasons = api.as(tokens.hqAnalyst()).get(query).json();
        assertThat(reasons.get(0).path("skuCode").asString()).isEqualTo("OX-BLU-M");
        assertThat(reasons.get(0).path("reasonCode").asString()).isEqualTo("TOO_SMALL");
        assertThat(reasons.get(0).path("units").asLong()).isEqualTo(6);
        assertThat(reasons.get(0).path("cases").asLong()).isEqualTo(3);
        assertThat(api.as(staff).get(query).status()).as("HQ's figures").isEqualTo(403);
        assertThat(api.as(tokens.hqAnalyst()).get("/api/aftersales/statistics/return-reasons?from=" + from + "&to=" + from).json()
                .path("errors").get(0).path("field").asString()).isEqualTo("to");
    }

    @Test
    void hqSeesTheReturnRatePerChannelAndWhyPerCategory(Tokens tokens) {
        // A currency nothing else here sells in keeps the figures this test's own.
        java.time.Instant from = java.time.Instant.now().minus(java.time.Duration.ofDays(10));
        String online = shop().online("SO-RATE-" + System.nanoTime()).in("HKD").line("RR-A", "shoes", 2, "200.00")
                .at(java.time.Instant.now().minus(java.time.Duration.ofDays(2))).by(shop().anyMember());
        shop().inStore("12", "12-RATE-" + System.nanoTime()).in("HKD").line("RR-B", "bags", 1, "100.00")
                .at(java.time.Instant.now().minus(java.time.Duration.ofDays(2))).by(shop().anyMember());
        assertThat(api.as(tokens.storeStaff("9")).post("/api/aftersales/cases", Map.of("type", "RETURN", "channel", "STORE", "storeId", "9",
                "purchase", Map.of("channel", "ONLINE", "reference", online), "reason", "pinches",
                "lines", List.of(Map.of("skuCode", "RR-A", "quantity", 1, "reasonCode", "TOO_SMALL")))).status()).isEqualTo(201);

        String query = "/api/aftersales/statistics/return-rates?currency=HKD&from=" + from + "&to=" + java.time.Instant.now().plusSeconds(60);
        JsonNode rates = api.as(tokens.hqAnalyst()).get(query).json();
        assertThat(rates.get(0).path("channel").asString()).isEqualTo("ONLINE");
        assertThat(rates.get(0).path("sold").decimalValue()).isEqualByComparingTo("200.00");
        assertThat(rates.get(0).path("returned").decimalValue()).isEqualByComparingTo("100.00");
        assertThat(rates.get(0).path("rate").decimalValue()).isEqualByComparingTo("0.5");
        assertThat(rates.get(1).path("channel").asString()).isEqualTo("STORE");
        assertThat(rates.get(1).path("rate").decimalValue()).isEqualByComparingTo("0");
        assertThat(api.as(tokens.storeStaff("9")).get(query).status()).isEqualTo(403);

        JsonNode perCategory = api.as(tokens.hqAnalyst()).get("/api/aftersales/statistics/return-reasons?groupBy=CATEGORY&from=" + from + "&to="
                + java.time.Instant.now().plusSeconds(60)).json();
        assertThat(perCategory.findValuesAsString("category")).contains("shoes");
        assertThat(api.as(tokens.hqAnalyst()).get("/api/aftersales/statistics/return-reasons?groupBy=COLOUR&from=" + from + "&to="
                + java.time.Instant.now().plusSeconds(60)).json().path("errors").get(0).path("field").asString()).isEqualTo("groupBy");
    }
}
