package dev.santong.aftersales.cases;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

import dev.santong.aftersales.WithOtherServices;
import dev.santong.platform.testkit.Api;
import dev.santong.platform.testkit.ServiceContract;
import dev.santong.platform.testkit.StackTest;
import dev.santong.platform.testkit.Tokens;
import tools.jackson.databind.JsonNode;

@StackTest
class CaseOpeningIT extends WithOtherServices {

    @Autowired
    Api api;

    @Autowired
    JdbcClient jdbc;

    private static Map<String, Object> returnAtStore(String store, String orderId) {
        return Map.of("type", "RETURN", "channel", "STORE", "storeId", store,
                "purchase", Map.of("channel", "ONLINE", "reference", orderId),
                "skuCode", "OX-BLU-M", "quantity", 1, "reason", "too small");
    }

    @Test
    void anOnlineOrderIsReturnedInAStoreWithItsSlaClock(Tokens tokens) {
        Api.Response opened = api.as(tokens.storeStaff("9")).post("/api/aftersales/cases", returnAtStore("9", shop().onlineOrder("OX-BLU-M", 1)));
        assertThat(opened.status()).as(opened.toString()).isEqualTo(201);
        JsonNode view = opened.json();
        assertThat(view.path("status").asString()).isEqualTo("REQUESTED");
        assertThat(view.path("purchase").path("channel").asString()).isEqualTo("ONLINE");
        Instant openedAt = Instant.parse(view.path("openedAt").asString());
        assertThat(Duration.between(openedAt, Instant.parse(view.path("firstResponseDue").asString()))).isEqualTo(Duration.ofHours(24));

        String id = view.path("id").asString();
        assertThat(api.as(tokens.pos("9")).get("/api/aftersales/cases/" + id).status()).isEqualTo(200);
        assertThat(api.as(tokens.pos("12")).get("/api/aftersales/cases/" + id).status()).isEqualTo(404);
        assertThat(api.as(tokens.hqAnalyst()).get("/api/aftersales/cases/" + id).status()).isEqualTo(200);
        assertThat(api.as(tokens.customer("alice")).get("/api/aftersales/cases/" + id).status()).isEqualTo(404);
    }

    @Test
    void aShopperOpensARepairOnlineAndSeesOnlyTheirOwn(Tokens tokens) {
        Map<String, Object> repair = Map.of("type", "REPAIR", "channel", "ONLINE",
                "purchase", Map.of("channel", "STORE", "storeId", "12", "reference", shop().ownReceipt(tokens.customer("alice"), "12", "KETTLE-1")),
                "skuCode", "KETTLE-1", "quantity", 1, "reason", "does not heat");
        Api.Response opened = api.as(tokens.customer("alice")).post("/api/aftersales/cases", repair);
        assertThat(opened.status()).as(opened.toString()).isEqualTo(201);
        String id = opened.json().path("id").asString();
        assertThat(Duration.between(Instant.parse(opened.json().path("openedAt").asString()),
                Instant.parse(opened.json().path("firstResponseDue").asString()))).isEqualTo(Duration.ofHours(48));
        assertThat(api.as(tokens.customer("alice")).get("/api/aftersales/cases/" + id).status()).isEqualTo(200);
        assertThat(api.as(tokens.customer("bob")).get("/api/aftersales/cases/" + id).status()).isEqualTo(404);
    }

    @Test
    void aStoreMayNotOpenCasesForAnotherStore(Tokens tokens) {
        assertThat(api.as(tokens.pos("9")).post("/api/aftersales/cases", returnAtStore("12", "SO-1002")).status()).isEqualTo(403);
        assertThat(api.as(tokens.hqAnalyst()).post("/api/aftersales/cases", returnAtStore("12", "SO-1002")).status()).isEqualTo(403);
    }

    @Test
    void aRetriedOpenWithItsKeyOpensOneCaseEvenWhenSentInParallel(Tokens tokens) throws Exception {
        Api till = api.as(tokens.pos("9")).header("Idempotency-Key", "till-3-open-0001");
        String order = shop().onlineOrder("OX-BLU-M", 1);
        List<Future<Api.Response>> calls = new ArrayList<>();
        try (ExecutorService pool = Executors.newFixedThreadPool(10)) {
            for (int i = 0; i < 10; i++) {
                calls.add(pool.submit(() -> till.post("/api/aftersales/cases", returnAtStore("9", order))));
            }
        }
        Set<String> ids = new HashSet<>();
        int replays = 0;
        for (Future<Api.Response> call : calls) {
            Api.Response response = call.get();
            assertThat(response.status()).as(response.toString()).isEqualTo(201);
            ids.add(response.json().path("id").asString());
            replays += "true".equals(response.header("Idempotent-Replayed")) ? 1 : 0;
        }
        assertThat(ids).hasSize(1);
        assertThat(replays).isEqualTo(9);
        assertThat(jdbc.sql("SELECT COUNT(*) FROM aftersales_case WHERE purchase_reference = :order").param("order", order).query(Long.class).single()).isEqualTo(1L);

        Api.Response changed = till.post("/api/aftersales/cases", returnAtStore("9", shop().onlineOrder("OX-BLU-M", 1)));
        assertThat(changed.status()).isEqualTo(422);
        assertThat(changed.json().path("type").asString()).endsWith("/idempotency-key-reused");
    }

    @Test
    void missingFieldsAreNamed(Tokens tokens) {
        Api.Response response = api.as(tokens.pos("9")).post("/api/aftersales/cases",
                Map.of("type", "RETURN", "channel", "STORE", "storeId", "9", "purchase", Map.of("channel", "STORE"),
                        "skuCode", "X", "quantity", 0, "reason", "r"));
        assertThat(response.status()).isEqualTo(400);
        assertThat(response.json().path("errors").findValuesAsString("field")).contains("purchase.reference", "quantity");
    }

    @Test
    void aCaseCoversLinesWithReasonCodesConditionsAndSerialNumbers(Tokens tokens) {
        Map<String, Object> lines = Map.of("type", "CLAIM", "channel", "STORE", "storeId", "9",
                "purchase", Map.of("channel", "STORE", "storeId", "12", "reference", shop().inStore("12", "12-R-" + System.nanoTime())
                        .line("KETTLE-1", "appliances", 1, "299.00").line("CUP-SET-4", "kitchen", 2, "80.00").by(shop().anyMember())),
                "reason", "two of the set fail",
                "lines", List.of(Map.of("skuCode", "KETTLE-1", "quantity", 1, "reasonCode", "NOT_WORKING", "condition", "USED",
                        "serialNumber", "KT-2026-000123"), Map.of("skuCode", "CUP-SET-4", "quantity", 2, "reasonCode", "DAMAGED_IN_TRANSIT")));
        Api.Response opened = api.as(tokens.storeStaff("9")).post("/api/aftersales/cases", lines);
        assertThat(opened.status()).as(opened.toString()).isEqualTo(201);
        JsonNode read = api.as(tokens.hqAnalyst()).get("/api/aftersales/cases/" + opened.json().path("id").asString()).json();
        assertThat(read.path("type").asString()).isEqualTo("CLAIM");
        assertThat(read.path("lines")).hasSize(2);
        assertThat(read.path("lines").get(0).path("serialNumber").asString()).isEqualTo("KT-2026-000123");
        assertThat(read.path("lines").get(1).path("reasonCode").asString()).isEqualTo("DAMAGED_IN_TRANSIT");
        assertThat(api.as(tokens.storeStaff("9")).post("/api/aftersales/cases", returnAtStore("9", shop().onlineOrder("OX-BLU-M", 1))).json().path("lines").get(0)
                .path("reasonCode").asString()).as("one item without lines").isEqualTo("OTHER");

        Map<String, Object> both = new java.util.HashMap<>(lines);
        both.put("skuCode", "KETTLE-1");
        both.put("quantity", 1);
        assertThat(fields(api.as(tokens.storeStaff("9")).post("/api/aftersales/cases", both))).contains("lines");
        Map<String, Object> neither = new java.util.HashMap<>(lines);
        neither.remove("lines");
        assertThat(fields(api.as(tokens.storeStaff("9")).post("/api/aftersales/cases", neither))).contains("skuCode", "quantity");
        Map<String, Object> badLine = new java.util.HashMap<>(lines);
        badLine.put("lines", List.of(Map.of("skuCode", "KETTLE-1", "quantity", 1, "reasonCode", "BORED", "serialNumber", "no spaces allowed")));
        assertThat(fields(api.as(tokens.storeStaff("9")).post("/api/aftersales/cases", badLine))).containsAnyOf("lines[0].reasonCode");
        badLine.put("lines", List.of(Map.of("skuCode", "KETTLE-1", "quantity", 1, "reasonCode", "OTHER", "serialNumber", "no spaces allowed")));
        assertThat(fields(api.as(tokens.storeStaff("9")).post("/api/aftersales/cases", badLine))).contains("lines[0].serialNumber");
        badLine.put("lines", java.util.Collections.nCopies(51, Map.of("skuCode", "KETTLE-1", "quantity", 1, "reasonCode", "OTHER")));
        assertThat(fields(api.as(tokens.storeStaff("9")).post("/api/aftersales/cases", badLine))).contains("lines");
    }

    private static List<String> fields(Api.Response refused) {
        assertThat(refused.status()).as(refused.toString()).isEqualTo(400);
        return refused.json().path("errors").findValuesAsString("field");
    }

    @Test
    void servesProbesMetricsAndItsOpenApiDocumentWithoutAToken() {
        ServiceContract.assertServesPlatformEndpoints(api, "/api/aftersales/cases");
        ServiceContract.assertDocumentContract(api, CaseOpeningIT.class);
    }
}
