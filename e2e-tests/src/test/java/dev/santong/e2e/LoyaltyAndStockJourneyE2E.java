package dev.santong.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import dev.santong.platform.testkit.Api;
import dev.santong.platform.testkit.Tokens;

/** Points earned at a till are spent online, and an online order holds stock a store can see, all through the gateway. */
class LoyaltyAndStockJourneyE2E {

    private final Tokens tokens = Tokens.forLocalStack();
    private final Api gateway = Api.at(System.getProperty("santong.gateway.url", "http://localhost:8080"));
    private final String run = UUID.randomUUID().toString().substring(0, 8);

    @Test
    void pointsEarnedAtATillAreSpentOnlineAndTheTillSeesTheBalance() {
        String phone = "136" + String.format("%08d", Math.floorMod(UUID.randomUUID().getMostSignificantBits(), 100_000_000L));
        String member = gateway.as(tokens.pos("9")).post("/api/members", Map.of("channel", "STORE", "storeId", "9", "phone", phone))
                .json().path("member").path("id").asString();
        Instant now = Instant.now();
        Api.Response earned = gateway.as(tokens.pos("9")).post("/api/members/points/earns", Map.of("memberId", member, "channel", "STORE",
                "storeId", "9", "reference", "e2e-" + run, "occurredAt", now.toString(), "currency", "CNY",
                "lines", List.of(Map.of("amount", "500.00"))));
        assertThat(earned.status()).as(earned.toString()).isEqualTo(201);
        Api.Response redeemed = gateway.as(tokens.shopBackend()).post("/api/members/points/redemptions", Map.of("memberId", member,
                "channel", "ONLINE", "reference", "SO-e2e-" + run, "points", 200, "orderAmount", "100.00", "currency", "CNY",
                "occurredAt", now.toString()));
        assertThat(redeemed.status()).as(redeemed.toString()).isEqualTo(201);
        assertThat(gateway.as(tokens.pos("12")).get("/api/members/lookup?phone=" + phone).json().path("facts").path("pointsBalance").asLong())
                .isEqualTo(300);
    }

    @Test
    void anOnlineHoldIsVisibleToTheWarehouseAndReleasedAgain() {
        Api hq = gateway.as(tokens.hqAdmin());
        String sku = "E2E-STOCK-" + run;
        hq.post("/api/goods/skus", Map.of("code", sku, "name", "End-to-end stock item", "warrantyMonths", 0));
        hq.put("/api/goods/locations/WH-SH", Map.of("name", "Shanghai warehouse", "kind", "WAREHOUSE", "pickupEnabled", false, "onlineBuffer", 0));
        assertThat(hq.post("/api/goods/stock/movements", Map.of("sku", sku, "location", "WH-SH", "cause", "RECEIPT", "quantity", 3,
                "businessTime", Instant.now().toString(), "reference", "PO-" + run)).status()).isEqualTo(201);
        Api.Response held = gateway.as(tokens.customer("bob")).post("/api/goods/reservations", Map.of("sku", sku, "location", "WH-SH",
                "quantity", 2, "channel", "ONLINE", "orderReference", "cart-" + run));
        assertThat(held.status()).as(held.toString()).isEqualTo(201);
        Api.Response tooMany = gateway.as(tokens.customer("alice")).post("/api/goods/reservations", Map.of("sku", sku, "location", "WH-SH",
                "quantity", 2, "channel", "ONLINE", "orderReference", "cart-" + run));
        assertThat(tooMany.status()).isEqualTo(409);
        assertThat(tooMany.json().path("type").asString()).endsWith("/out-of-stock");
        gateway.as(tokens.customer("bob")).post("/api/goods/reservations/" + held.json().path("reservation").path("id").asString() + "/release", Map.of());
        long warehouse = -1;
        for (var location : gateway.as(tokens.customer("alice")).get("/api/goods/skus/" + sku + "/availability").json()) {
            if (location.path("location").asString().equals("WH-SH")) {
                warehouse = location.path("available").asLong();
            }
        }
        assertThat(warehouse).as("all 3 available again after the release").isEqualTo(3);
    }
}
