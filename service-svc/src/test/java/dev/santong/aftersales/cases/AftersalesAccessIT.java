package dev.santong.aftersales.cases;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import dev.santong.aftersales.WithOtherServices;
import dev.santong.platform.testkit.Api;
import dev.santong.platform.testkit.StackTest;
import dev.santong.platform.testkit.Tokens;
import tools.jackson.databind.JsonNode;

/**
 * Every caller sees and does only what its role needs: one probe per refusal. A case out of reach is "not found"
 * (whether it exists is not the caller's business); an action out of reach on a visible case is "forbidden".
 */
@StackTest
class AftersalesAccessIT extends WithOtherServices {

    @Autowired
    Api api;

    @Test
    void eachRefusalHoldsForEachRole(Tokens tokens) {
        String alice = tokens.customer("alice");
        Api.Response aliceOpened = api.as(alice).post("/api/aftersales/cases", Map.of("type", "RETURN", "channel", "ONLINE",
                "purchase", Map.of("channel", "ONLINE", "reference", shop().ownOrder(alice, "AC-SHIRT")),
                "lines", List.of(Map.of("skuCode", "AC-SHIRT", "quantity", 1, "reasonCode", "TOO_LARGE")), "reason", "too large"));
        assertThat(aliceOpened.status()).as(aliceOpened.toString()).isEqualTo(201);
        String alices = aliceOpened.json().path("id").asString();
        JsonNode at9 = api.as(tokens.storeStaff("9")).post("/api/aftersales/cases", Map.of("type", "RETURN", "channel", "STORE", "storeId", "9",
                "purchase", Map.of("channel", "ONLINE", "reference", shop().onlineOrder("AC-SHIRT", 1)),
                "lines", List.of(Map.of("skuCode", "AC-SHIRT", "quantity", 1, "reasonCode", "TOO_LARGE")), "reason", "too large")).json();
        String store9 = at9.path("id").asString();
        String bob = tokens.customer("bob");

        // Opening: a shopper online only, a store for itself only, analysts and the shop's server not at all.
        Map<String, Object> atStore12 = Map.of("type", "RETURN", "channel", "STORE", "storeId", "12",
                "purchase", Map.of("channel", "ONLINE", "reference", "SO-ANY"), "skuCode", "AC-SHIRT", "quantity", 1, "reason", "r");
        assertThat(api.as(alice).post("/api/aftersales/cases", atStore12).status()).isEqualTo(403);
        assertThat(api.as(tokens.storeStaff("9")).post("/api/aftersales/cases", atStore12).status()).isEqualTo(403);
        assertThat(api.as(tokens.hqAnalyst()).post("/api/aftersales/cases", atStore12).status()).isEqualTo(403);
        assertThat(api.as(tokens.shopBackend()).post("/api/aftersales/cases", atStore12).status()).isEqualTo(403);
        assertThat(api.as(tokens.aftersales()).post("/api/aftersales/cases", atStore12).status()).as("service-svc's own account is no caller of it")
                .isEqualTo(401);

        // Reading: another shopper's or another store's case is not found.
        assertThat(api.as(bob).get("/api/aftersales/cases/" + alices).status()).isEqualTo(404);
        assertThat(api.as(bob).get("/api/aftersales/cases/" + alices + "/history").status()).isEqualTo(404);
        assertThat(api.as(bob).get("/api/aftersales/cases/" + alices + "/attachments").status()).isEqualTo(404);
        assertThat(api.as(tokens.storeStaff("12")).get("/api/aftersales/cases/" + store9).status()).isEqualTo(404);
        assertThat(api.as(tokens.storeStaff("9")).get("/api/aftersales/cases/" + alices).status()).as("opened online, not at 9").isEqualTo(404);
        assertThat(api.as(alice).get("/api/aftersales/cases/" + store9).status()).isEqualTo(404);
        assertThat(api.as(bob).get("/api/aftersales/cases").json().path("items")).isEmpty();

        // Steps: a shopper only cancels or answers her own; analysts and tills take none.
        assertThat(step(alice, alices, "APPROVE").status()).isEqualTo(403);
        assertThat(step(bob, alices, "CANCEL").status()).isEqualTo(404);
        assertThat(step(tokens.hqAnalyst(), store9, "APPROVE").status()).isEqualTo(403);
        assertThat(step(tokens.pos("9"), store9, "APPROVE").status()).isEqualTo(403);
        assertThat(step(tokens.storeStaff("12"), store9, "APPROVE").status()).isEqualTo(404);

        // HQ's boards, figures, service levels and outbox.
        String period = "from=" + Instant.now().minusSeconds(3600) + "&to=" + Instant.now().plusSeconds(60);
        for (String token : List.of(alice, tokens.storeStaff("9"), tokens.pos("9"), tokens.shopBackend())) {
            assertThat(api.as(token).get("/api/aftersales/statistics/return-reasons?" + period).status()).isEqualTo(403);
            assertThat(api.as(token).get("/api/aftersales/statistics/return-rates?" + period).status()).isEqualTo(403);
            assertThat(api.as(token).get("/api/aftersales/outbox").status()).isEqualTo(403);
            assertThat(api.as(token).put("/api/aftersales/service-levels/RETURN/REQUESTED", Map.of("within", "PT1H")).status()).isEqualTo(403);
        }
        assertThat(api.as(tokens.hqAnalyst()).put("/api/aftersales/service-levels/RETURN/REQUESTED", Map.of("within", "PT1H")).status())
                .isEqualTo(403);
        assertThat(api.as(alice).get("/api/aftersales/stores/9/queue").status()).isEqualTo(403);
        assertThat(api.as(tokens.storeStaff("12")).get("/api/aftersales/sla-breaches?storeId=9").status()).isEqualTo(403);

        // Refunds are paid out by the channel that took the money; a shopper pays nothing out.
        assertThat(api.as(alice).get("/api/aftersales/refund-instructions").status()).isEqualTo(403);
        assertThat(api.as(tokens.hqAnalyst()).get("/api/aftersales/refund-instructions").status()).isEqualTo(200);

        // Till returns come from channel-sync-svc only; erasures from member-svc only.
        Map<String, Object> tillReturn = Map.of("reference", "9-X-1", "occurredAt", Instant.now().toString(),
                "purchase", Map.of("channel", "STORE", "storeId", "9", "reference", "9-X-0"), "currency", "CNY",
                "lines", List.of(Map.of("sku", "AC-SHIRT", "quantity", 1, "amount", "10.00")));
        for (String token : List.of(tokens.pos("9"), tokens.storeStaff("9"), tokens.hqAdmin(), alice)) {
            assertThat(api.as(token).post("/internal/stores/9/till-returns", tillReturn).status()).isEqualTo(403);
        }
        String someone = "0f6b7c1e-3d0a-4c2b-9a51-7f1e2d3c4b5a";
        assertThat(api.as(tokens.hqAdmin()).post("/internal/members/" + someone + "/erasure", Map.of("memberIds", List.of(someone),
                "digests", List.of("a".repeat(64)))).status()).isEqualTo(403);
    }

    private Api.Response step(String token, String caseId, String action) {
        return api.as(token).header("If-Match", "\"0\"").post("/api/aftersales/cases/" + caseId + "/steps", Map.of("action", action));
    }

    @Test
    void everyInputIsBoundedAndARefusalNamesTheField(Tokens tokens) {
        String id = api.as(tokens.storeStaff("9")).post("/api/aftersales/cases", Map.of("type", "RETURN", "channel", "STORE", "storeId", "9",
                "purchase", Map.of("channel", "ONLINE", "reference", shop().onlineOrder("AC-BOUND", 1)),
                "lines", List.of(Map.of("skuCode", "AC-BOUND", "quantity", 1, "reasonCode", "OTHER")), "reason", "bounds")).json().path("id").asString();
        Api hq = api.as(tokens.hqAdmin());
        Api steps = hq.header("If-Match", "\"0\"");
        String stepsPath = "/api/aftersales/cases/" + id + "/steps";
        assertThat(field(steps.post(stepsPath, Map.of("action", "INSPECT", "dispositions", List.of(Map.of("line", 0, "disposition", "RESTOCK"))))))
                .isEqualTo("dispositions[0].line");
        assertThat(field(steps.post(stepsPath, Map.of("action", "INSPECT", "dispositions", List.of(Map.of("line", 1, "disposition", "BURNT"))))))
                .contains("dispositions");
        assertThat(field(steps.post(stepsPath, Map.of("action", "REFUND", "refundAmount", "1.234")))).isEqualTo("refundAmount");
        assertThat(field(steps.post(stepsPath, Map.of("action", "REFUND", "refundAmount", "0")))).isEqualTo("refundAmount");
        assertThat(field(steps.post(stepsPath, Map.of("action", "RECEIVE_ITEM", "locationId", "store 9; DROP")))).isEqualTo("locationId");
        assertThat(field(steps.post(stepsPath, Map.of("action", "EXCHANGE", "replacements", List.of(Map.of("line", 1, "skuCode", "")))))).isEqualTo(
                "replacements[0].skuCode");
        assertThat(field(steps.post(stepsPath, Map.of("action", "EXCHANGE", "replacements", java.util.Collections.nCopies(51,
                Map.of("line", 1, "skuCode", "X")))))).isEqualTo("replacements");
        assertThat(field(hq.get("/api/aftersales/cases/" + "x".repeat(37)))).isEqualTo("caseId");
        assertThat(field(hq.get("/api/aftersales/cases/" + id + "/attachments/" + "y".repeat(37)))).isEqualTo("attachmentId");
        assertThat(field(hq.get("/api/aftersales/stores/" + "s".repeat(33) + "/queue"))).isEqualTo("storeId");
        assertThat(field(hq.get("/api/aftersales/sla-breaches?storeId=" + "9".repeat(33)))).isEqualTo("storeId");

        assertThat(field(hq.get("/api/aftersales/refund-instructions?status=LOST"))).isEqualTo("status");
        assertThat(field(hq.get("/api/aftersales/refund-instructions?limit=0"))).isEqualTo("limit");
        assertThat(field(hq.post("/api/aftersales/refund-instructions/" + id + "/payment", Map.of("paymentReference", "")))).isEqualTo("paymentReference");
        assertThat(field(hq.post("/api/aftersales/refund-instructions/" + id + "/payment", Map.of("paymentReference", "p".repeat(101)))))
                .isEqualTo("paymentReference");
        String period = "&from=" + Instant.now().minusSeconds(60) + "&to=" + Instant.now();
        assertThat(field(hq.get("/api/aftersales/statistics/return-rates?currency=cny" + period))).isEqualTo("currency");
        assertThat(field(hq.get("/api/aftersales/statistics/return-rates?from=" + Instant.now() + "&to=" + Instant.now().minusSeconds(60))))
                .isEqualTo("to");
        assertThat(field(hq.get("/api/aftersales/statistics/return-rates?from=yesterday&to=" + Instant.now()))).isEqualTo("from");
        assertThat(field(hq.get("/api/aftersales/statistics/return-reasons?limit=1001" + period))).isEqualTo("limit");

        Api sync = api.as(tokens.clientCredentials("channel-sync", "channel-sync-secret"));
        Map<String, Object> tillReturn = new java.util.HashMap<>(Map.of("reference", "9-B-1", "occurredAt", Instant.now().toString(),
                "purchase", Map.of("channel", "STORE", "storeId", "9", "reference", "9-B-0"), "currency", "CNY",
                "lines", List.of(Map.of("sku", "AC-BOUND", "quantity", 0, "amount", "10.00"))));
        assertThat(field(sync.post("/internal/stores/9/till-returns", tillReturn))).isEqualTo("lines[0].quantity");
        tillReturn.put("lines", List.of(Map.of("sku", "AC-BOUND", "quantity", 1, "amount", "-1")));
        assertThat(field(sync.post("/internal/stores/9/till-returns", tillReturn))).isEqualTo("lines[0].amount");
        tillReturn.put("currency", "yuan");
        tillReturn.put("lines", List.of(Map.of("sku", "AC-BOUND", "quantity", 1, "amount", "1.00")));
        assertThat(field(sync.post("/internal/stores/9/till-returns", tillReturn))).isEqualTo("currency");
        assertThat(field(sync.post("/internal/stores/" + "9".repeat(33) + "/till-returns", Map.of()))).isNotBlank();
    }

    /** The first field a 400 problem names. */
    private static String field(Api.Response refused) {
        assertThat(refused.status()).as(refused.toString()).isEqualTo(400);
        assertThat(refused.json().path("correlationId").asString()).isNotBlank();
        return refused.json().path("errors").get(0).path("field").asString();
    }
}
