package dev.santong.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

import org.junit.jupiter.api.Test;

import dev.santong.platform.testkit.Api;
import dev.santong.platform.testkit.Tokens;
import tools.jackson.databind.JsonNode;

/**
 * 服务通 with 会员通 and 商品通: a shirt bought online comes back at a store's service desk. The case is opened there
 * against the online order, the item goes into that store's stock and back on its shelf, the points its price earned
 * are taken back in proportion, and what the online channel is to pay back is recorded.
 */
class ReturnAnywhereJourneyE2E {

    private static final Duration APPLIED = Duration.ofSeconds(60);

    private final Tokens tokens = Tokens.forLocalStack();
    private final Api gateway = Api.at(System.getProperty("santong.gateway.url", "http://localhost:8080"));
    private final String run = UUID.randomUUID().toString().substring(0, 8).toUpperCase();

    @Test
    void aShirtBoughtOnlineIsReturnedAtAStoreAndStockPointsAndRefundFollow() {
        long started = System.nanoTime();
        Api hq = gateway.as(tokens.hqAdmin()).header("API-Version", "2");
        String sku = "RETURN-" + run;
        assertThat(hq.post("/api/goods/skus", Map.of("code", sku, "name", "Returnable shirt " + run, "warrantyMonths", 0)).status()).isEqualTo(201);
        Api.Response enrolled = hq.post("/api/members", Map.of("channel", "HQ_IMPORT", "phone",
                "134" + (10_000_000 + ThreadLocalRandom.current().nextInt(89_999_999))));
        assertThat(enrolled.status()).as(enrolled.toString()).isEqualTo(201);
        String member = enrolled.json().path("member").path("id").asString();
        // The online order: two shirts, 398.00 by Alipay, 398 points.
        assertThat(gateway.as(tokens.shopBackend()).post("/api/members/points/earns", Map.of("memberId", member, "channel", "ONLINE",
                "reference", "SO-R-" + run, "occurredAt", Instant.now().minusSeconds(86_400).toString(), "currency", "CNY",
                "lines", List.of(Map.of("sku", sku, "category", "shirts", "quantity", 2, "amount", "398.00")),
                "tenders", List.of(Map.of("method", "ALIPAY", "amount", "398.00")))).status()).isEqualTo(201);
        long shelfBefore = onHand(hq, sku, "9");

        Api desk = gateway.as(tokens.storeStaff("9")).header("API-Version", "2");
        Api.Response opened = desk.post("/api/aftersales/cases", Map.of("type", "RETURN", "channel", "STORE", "storeId", "9",
                "purchase", Map.of("channel", "ONLINE", "reference", "SO-R-" + run), "skuCode", sku, "quantity", 1, "reason", "too small"));
        assertThat(opened.status()).as(opened.toString()).isEqualTo(201);
        JsonNode caseFile = opened.json();
        assertThat(caseFile.path("refund").path("amount").asString()).as("one of two shirts: half of what was paid").isEqualTo("199.00");
        caseFile = step(desk, caseFile, "APPROVE", Map.of());
        caseFile = step(desk, caseFile, "RECEIVE_ITEM", Map.of());
        caseFile = step(desk, caseFile, "INSPECT", Map.of("dispositions", List.of(Map.of("line", 1, "disposition", "RESTOCK"))));
        caseFile = step(desk, caseFile, "REFUND", Map.of());

        JsonNode instruction = caseFile.path("refundInstruction");
        assertThat(instruction.path("payingChannel").asString()).as("the channel that took the money pays it back").isEqualTo("ONLINE");
        assertThat(instruction.path("refund").path("amount").asString()).isEqualTo("199.00");
        assertThat(instruction.path("tenders").get(0).path("method").asString()).isEqualTo("ALIPAY");
        String caseId = caseFile.path("id").asString();
        Eventually.until(APPLIED, () -> desk.get("/api/aftersales/cases/" + caseId).json().path("effects").findValuesAsString("status").stream()
                .allMatch("DONE"::equals), "the case's effects confirmed by goods-svc and member-svc");
        assertThat(onHand(hq, sku, "9")).as("back on store 9's shelf").isEqualTo(shelfBefore + 1);
        assertThat(hq.get("/api/members/" + member + "/points").json().path("balance").asLong()).as("398 earned, 199 taken back").isEqualTo(199);
        assertThat(desk.get("/api/aftersales/cases/" + caseId).json().path("pointsDelta").asLong()).isEqualTo(-199);
        System.out.printf("journey: bought online, returned in store took %d ms%n", (System.nanoTime() - started) / 1_000_000);
    }

    private static JsonNode step(Api desk, JsonNode caseFile, String action, Map<String, Object> details) {
        Map<String, Object> body = new java.util.HashMap<>(details);
        body.put("action", action);
        Api.Response moved = desk.header("If-Match", "\"" + caseFile.path("version").asInt() + "\"")
                .post("/api/aftersales/cases/" + caseFile.path("id").asString() + "/steps", body);
        assertThat(moved.status()).as(action + ": " + moved).isEqualTo(200);
        return moved.json();
    }

    private static long onHand(Api hq, String sku, String location) {
        for (JsonNode level : hq.get("/api/goods/stock/" + sku).json().path("items")) {
            if (level.path("location").asString().equals(location)) {
                return level.path("onHand").asLong();
            }
        }
        return 0;
    }
}
