package dev.santong.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import dev.santong.platform.testkit.Api;
import dev.santong.platform.testkit.Tokens;

/** One request into each of the other services through the gateway, as the channels that use them would make it. */
class ChannelsJourneyE2E {

    private final Tokens tokens = Tokens.forLocalStack();
    private final Api gateway = Api.at(System.getProperty("santong.gateway.url", "http://localhost:8080"));
    private final String run = UUID.randomUUID().toString().substring(0, 8);

    @Test
    void hqListsASkuThatAStoreTillFindsByScanning() {
        Map<String, Object> sku = Map.of("code", "E2E-" + run, "name", "End-to-end mug", "warrantyMonths", 6,
                "storeCodes", List.of("E2E-SCAN-" + run));
        assertThat(gateway.as(tokens.hqAdmin()).post("/api/goods/skus", sku).status()).isEqualTo(201);
        Api.Response scanned = gateway.as(tokens.pos("15")).get("/api/goods/skus?barcode=E2E-SCAN-" + run);
        assertThat(scanned.status()).isEqualTo(200);
        assertThat(scanned.json().path("code").asString()).isEqualTo("E2E-" + run);
    }

    @Test
    void anOnlineOrderIsReturnedAtAStoreDesk() {
        // The shop's order, recorded in member-svc with its earn: what the store's return is checked against.
        Api.Response member = gateway.as(tokens.hqAdmin()).post("/api/members", Map.of("channel", "HQ_IMPORT",
                "phone", "137" + String.format("%08d", Math.abs(run.hashCode()) % 100_000_000)));
        assertThat(member.status()).as(member.toString()).isIn(200, 201);
        Api.Response ordered = gateway.as(tokens.shopBackend()).post("/api/members/points/earns", Map.of("memberId",
                member.json().path("member").path("id").asString(), "channel", "ONLINE", "reference", "SO-" + run,
                "occurredAt", java.time.Instant.now().minusSeconds(86_400).toString(), "currency", "CNY",
                "lines", List.of(Map.of("sku", "E2E-" + run, "category", "kitchen", "quantity", 1, "amount", "59.00")),
                "tenders", List.of(Map.of("method", "ALIPAY", "amount", "59.00"))));
        assertThat(ordered.status()).as(ordered.toString()).isEqualTo(201);
        Map<String, Object> returnCase = Map.of("type", "RETURN", "channel", "STORE", "storeId", "9",
                "purchase", Map.of("channel", "ONLINE", "reference", "SO-" + run), "skuCode", "E2E-" + run,
                "quantity", 1, "reason", "wrong size");
        Api.Response opened = gateway.as(tokens.storeStaff("9")).header("Idempotency-Key", "e2e-" + run).post("/api/aftersales/cases", returnCase);
        assertThat(opened.status()).as(opened.toString()).isEqualTo(201);
        Api.Response replay = gateway.as(tokens.storeStaff("9")).header("Idempotency-Key", "e2e-" + run).post("/api/aftersales/cases", returnCase);
        assertThat(replay.json().path("id").asString()).isEqualTo(opened.json().path("id").asString());
        assertThat(gateway.as(tokens.hqAnalyst()).get(opened.header("Location")).status()).isEqualTo(200);
    }

    @Test
    void aTillUploadsABatchOnceHoweverOftenItIsSent() {
        String batch = """
                {"batchId":"e2e-%s","transactions":[{"workstationId":"e2e","businessDay":"2026-11-20","sequenceNumber":%d,
                 "type":"NO_SALE","businessTime":"2026-11-20T09:00:00Z"}]}""".formatted(run, Math.abs(run.hashCode()));
        Api till = gateway.as(tokens.pos("12"));
        Api.Response first = till.post("/api/sync/stores/12/batches", batch);
        assertThat(first.status()).as(first.toString()).isEqualTo(202);
        Api.Response again = till.post("/api/sync/stores/12/batches", batch);
        assertThat(again.header("Location")).isEqualTo(first.header("Location"));
        assertThat(till.get(first.header("Location")).json().path("newTransactions").asInt()).isEqualTo(1);
        assertThat(gateway.as(tokens.pos("9")).post("/api/sync/stores/12/batches", batch).status()).isEqualTo(403);
    }
}
