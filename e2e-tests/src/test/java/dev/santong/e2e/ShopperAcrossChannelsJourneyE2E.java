package dev.santong.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

import org.junit.jupiter.api.Test;

import dev.santong.platform.testkit.Api;
import dev.santong.platform.testkit.LocalStack;
import dev.santong.platform.testkit.RealmUsers;
import dev.santong.platform.testkit.Tokens;
import tools.jackson.databind.JsonNode;

/**
 * 会员通 · 商品通 together, as one shopper lives it: she joins online, buys in a store where the till knows her by her
 * phone, finds the points online, spends them on an online order held in the warehouse, and both the store's and the
 * warehouse's stock say what happened. Every call through the gateway with the caller's own token.
 */
class ShopperAcrossChannelsJourneyE2E {

    private static final Duration APPLIED = Duration.ofSeconds(60);

    private final Tokens tokens = Tokens.forLocalStack();
    private final Api gateway = Api.at(System.getProperty("santong.gateway.url", "http://localhost:8080"));
    private final String run = UUID.randomUUID().toString().substring(0, 8).toUpperCase();

    @Test
    void aShopperWhoJoinedOnlineEarnsInAStoreAndSpendsOnlineWhileStockFollowsEverywhere() {
        long started = System.nanoTime();
        Api hq = gateway.as(tokens.hqAdmin()).header("API-Version", "2");
        String sku = "JOURNEY-" + run;
        assertThat(hq.post("/api/goods/skus", Map.of("code", sku, "name", "Journey shirt " + run, "warrantyMonths", 0)).status()).isEqualTo(201);
        String now = Instant.now().minusSeconds(120).toString();
        assertThat(hq.post("/api/goods/stock/movements", Map.of("sku", sku, "location", "9", "cause", "RECEIPT", "quantity", 5,
                "businessTime", now, "reference", "J-9-" + run)).status()).isIn(200, 201);
        assertThat(hq.post("/api/goods/stock/movements", Map.of("sku", sku, "location", "WH-SH", "cause", "RECEIPT", "quantity", 10,
                "businessTime", now, "reference", "J-WH-" + run)).status()).isIn(200, 201);

        // She joins online; the identity provider verified her phone.
        String national = "135" + (10_000_000 + ThreadLocalRandom.current().nextInt(89_999_999));
        RealmUsers.Shopper shopper = new RealmUsers(LocalStack.fromEnvironment()).createShopper("+86" + national, true);
        Api she = gateway.as(tokens.freshUser(shopper.username(), shopper.password()));
        Api.Response joined = she.post("/api/members", Map.of("channel", "ONLINE"));
        assertThat(joined.status()).as(joined.toString()).isEqualTo(201);
        String member = joined.json().path("member").path("id").asString();

        // At store 9's till she gives her phone; the till uploads the sale with the day's others.
        LocalDate day = LocalDate.now(ZoneOffset.UTC);
        String batch = """
                {"batchId":"journey-%s","transactions":[{"workstationId":"J%s","businessDay":"%s","sequenceNumber":1,"type":"SALE",
                 "businessTime":"%s","payload":{"currency":"CNY","member":{"phone":"%s"},
                 "lines":[{"sku":"%s","quantity":1,"amount":"300.00"}],"tenders":[{"type":"WECHAT_PAY","amount":"300.00"}]}}]}"""
                .formatted(run, run.substring(0, 4), day, Instant.now().minusSeconds(60), national, sku);
        assertThat(gateway.as(tokens.pos("9")).post("/api/sync/stores/9/batches", batch).status()).isEqualTo(202);

        // Online, the points are hers.
        Eventually.until(APPLIED, () -> she.get("/api/members/me/points").json().path("balance").asLong() == 300, "the store's points online");
        Eventually.until(APPLIED, () -> level(hq, sku, "9").path("onHand").asLong() == 4, "the store's shelf one less");

        // She orders online from the warehouse and pays 100 points of it.
        Api.Response held = she.post("/api/goods/reservations", Map.of("sku", sku, "location", "WH-SH", "quantity", 1, "channel", "ONLINE",
                "orderReference", "SO-J-" + run));
        assertThat(held.status()).as(held.toString()).isEqualTo(201);
        assertThat(level(hq, sku, "WH-SH").path("available").asLong()).as("held for her order").isEqualTo(9);
        Api shop = gateway.as(tokens.shopBackend());
        Api.Response redeemed = shop.post("/api/members/points/redemptions", Map.of("memberId", member, "channel", "ONLINE",
                "reference", "SO-J-" + run, "points", 100, "orderAmount", "199.00", "currency", "CNY", "occurredAt", Instant.now().toString()));
        assertThat(redeemed.status()).as(redeemed.toString()).isEqualTo(201);
        Api.Response shipped = shop.post("/api/goods/reservations/" + held.json().path("reservation").path("id").asString() + "/confirmation",
                Map.of());
        assertThat(shipped.json().path("status").asString()).as(shipped.toString()).isEqualTo("CONFIRMED");

        assertThat(she.get("/api/members/me/points").json().path("balance").asLong()).isEqualTo(200);
        JsonNode ledger = she.header("API-Version", "2").get("/api/members/me/points/entries").json().path("items");
        assertThat(ledger.findValuesAsString("kind")).containsExactly("REDEEM", "EARN");
        assertThat(ledger.get(1).path("storeId").asString()).as("earned at store 9").isEqualTo("9");
        assertThat(ledger.get(0).path("channel").asString()).as("spent online").isEqualTo("ONLINE");
        assertThat(level(hq, sku, "WH-SH").path("onHand").asLong()).as("shipped from the warehouse").isEqualTo(9);
        assertThat(level(hq, sku, "9").path("onHand").asLong()).isEqualTo(4);
        System.out.printf("journey: a shopper across channels took %d ms%n", (System.nanoTime() - started) / 1_000_000);
    }

    private static JsonNode level(Api hq, String sku, String location) {
        for (JsonNode level : hq.get("/api/goods/stock/" + sku).json().path("items")) {
            if (level.path("location").asString().equals(location)) {
                return level;
            }
        }
        return tools.jackson.databind.json.JsonMapper.shared().createObjectNode();
    }
}
