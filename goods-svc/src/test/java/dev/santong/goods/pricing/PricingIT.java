package dev.santong.goods.pricing;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import dev.santong.platform.testkit.Api;
import dev.santong.platform.testkit.StackTest;
import dev.santong.platform.testkit.Tokens;
import tools.jackson.databind.JsonNode;

@StackTest
class PricingIT {

    @Autowired
    Api api;

    private void price(Api hq, String sku, String channel, String tier, String amount, String from, String until) {
        Map<String, Object> body = new HashMap<>(Map.of("channel", channel, "currency", "CNY", "amount", amount, "validFrom", from));
        if (tier != null) {
            body.put("tier", tier);
        }
        if (until != null) {
            body.put("validUntil", until);
        }
        Api.Response response = hq.post("/api/goods/skus/" + sku + "/prices", body);
        assertThat(response.status()).as(response.toString()).isEqualTo(201);
    }

    private String priceAt(Api caller, String sku, String channel, String tier, String at) {
        Api.Response response = caller.get("/api/goods/skus/" + sku + "/price?channel=" + channel + "&currency=CNY&at=" + at
                + (tier == null ? "" : "&tier=" + tier));
        return response.status() == 200 ? response.json().path("amount").decimalValue().setScale(2).toPlainString()
                : Integer.toString(response.status());
    }

    @Test
    void theTillAndTheShopAgreeOnThePriceInForceAtAnyMoment(Tokens tokens) {
        Api hq = api.as(tokens.hqAdmin());
        hq.post("/api/goods/skus", Map.of("code", "PRICE-1", "name", "Priced shirt", "warrantyMonths", 0));
        price(hq, "PRICE-1", "ALL", null, "199.00", "2026-11-01T00:00:00Z", null);
        price(hq, "PRICE-1", "STORE", null, "189.00", "2026-11-10T00:00:00Z", null);
        price(hq, "PRICE-1", "STORE:9", null, "179.00", "2026-11-15T00:00:00Z", "2026-11-20T00:00:00Z");
        price(hq, "PRICE-1", "ONLINE", null, "195.00", "2026-11-01T00:00:00Z", null);
        price(hq, "PRICE-1", "ONLINE", "GOLD", "180.00", "2026-11-01T00:00:00Z", null);
        price(hq, "PRICE-1", "ALL", null, "199.00", "2026-11-01T00:00:00Z", null);
        assertThat(hq.post("/api/goods/skus/PRICE-1/prices", Map.of("channel", "ALL", "currency", "CNY", "amount", "150.00",
                "validFrom", "2026-11-01T00:00:00Z")).status()).isEqualTo(409);

        Api till = api.as(tokens.pos("9"));
        assertThat(priceAt(till, "PRICE-1", "STORE:9", null, "2026-11-05T00:00:00Z")).isEqualTo("199.00");
        assertThat(priceAt(till, "PRICE-1", "STORE:9", null, "2026-11-12T00:00:00Z")).isEqualTo("189.00");
        assertThat(priceAt(till, "PRICE-1", "STORE:9", null, "2026-11-16T00:00:00Z")).isEqualTo("179.00");
        assertThat(priceAt(till, "PRICE-1", "STORE:9", null, "2026-11-20T00:00:00Z")).as("the promotion ended").isEqualTo("189.00");
        assertThat(priceAt(till, "PRICE-1", "STORE:12", null, "2026-11-16T00:00:00Z")).isEqualTo("189.00");
        assertThat(priceAt(till, "PRICE-1", "ONLINE", "GOLD", "2026-11-16T00:00:00Z")).isEqualTo("180.00");
        assertThat(priceAt(till, "PRICE-1", "ONLINE", null, "2026-11-16T00:00:00Z")).isEqualTo("195.00");
        assertThat(priceAt(till, "PRICE-1", "ONLINE", null, "2026-10-16T00:00:00Z")).isEqualTo("404");

        Api shopper = api.as(tokens.customer("alice"));
        assertThat(priceAt(shopper, "PRICE-1", "ONLINE", null, "2026-11-16T00:00:00Z")).as("not listed online yet").isEqualTo("404");
        assertThat(shopper.get("/api/goods/skus/PRICE-1").status()).isEqualTo(404);
        assertThat(hq.put("/api/goods/skus/PRICE-1/listings/ONLINE", Map.of("listed", true)).json().path("listed").asBoolean()).isTrue();
        assertThat(priceAt(shopper, "PRICE-1", "ONLINE", null, "2026-11-16T00:00:00Z")).isEqualTo("195.00");
        assertThat(shopper.get("/api/goods/skus/PRICE-1").status()).isEqualTo(200);
        assertThat(priceAt(shopper, "PRICE-1", "STORE:9", null, "2026-11-16T00:00:00Z")).isEqualTo("404");
        assertThat(api.as(tokens.pos("9")).post("/api/goods/skus/PRICE-1/prices", Map.of("channel", "STORE:9", "currency", "CNY",
                "amount", "1.00", "validFrom", "2026-12-01T00:00:00Z")).status()).as("HQ sets prices").isEqualTo(403);
    }

    @Test
    void version2AnswersAPriceAsAMoneyObjectAndVersion1AsTheNumberBesideItsCurrency(Tokens tokens) {
        Api hq = api.as(tokens.hqAdmin());
        hq.post("/api/goods/skus", Map.of("code", "PRICE-2", "name", "Priced scarf", "warrantyMonths", 0));
        price(hq, "PRICE-2", "ALL", null, "59.9", "2026-11-01T00:00:00Z", null);
        String path = "/api/goods/skus/PRICE-2/price?channel=STORE:9&currency=CNY&at=2026-11-16T00:00:00Z";

        JsonNode version2 = hq.header("API-Version", "2").get(path).json();
        assertThat(version2.path("price").path("amount").isString()).as(version2.toString()).isTrue();
        assertThat(version2.path("price").path("amount").asString()).as("the currency's minor digits").isEqualTo("59.90");
        assertThat(version2.path("price").path("currency").asString()).isEqualTo("CNY");
        assertThat(version2.has("amount")).isFalse();
        assertThat(version2.has("currency")).isFalse();

        for (Api version1 : List.of(hq, hq.header("API-Version", "1"))) {
            JsonNode answer = version1.get(path).json();
            assertThat(answer.path("amount").isNumber()).as(answer.toString()).isTrue();
            assertThat(answer.path("amount").decimalValue()).isEqualByComparingTo("59.90");
            assertThat(answer.path("currency").asString()).isEqualTo("CNY");
            assertThat(answer.has("price")).isFalse();
        }
        JsonNode listed = hq.header("API-Version", "2").get("/api/goods/skus/PRICE-2/prices").json();
        assertThat(listed.path("items").path(0).path("price").path("amount").asString()).as(listed.toString()).isEqualTo("59.90");
    }

    @Test
    void tillsFollowTheChangeFeedFromTheirCursorAndSeeOnlyTheirStoresStock(Tokens tokens) {
        Api hq = api.as(tokens.hqAdmin());
        hq.post("/api/goods/skus", Map.of("code", "FEED-1", "name", "Feed mug", "warrantyMonths", 0));
        for (String store : List.of("9", "12")) {
            hq.put("/api/goods/locations/" + store, Map.of("name", "Store " + store, "kind", "STORE", "pickupEnabled", true, "onlineBuffer", 0));
        }
        long start = api.as(tokens.pos("9")).get("/api/goods/changes?after=0&limit=5000").json().path("next").asLong();
        price(hq, "FEED-1", "ALL", null, "29.00", "2026-11-01T00:00:00Z", null);
        for (String store : List.of("9", "12")) {
            assertThat(hq.post("/api/goods/stock/movements", Map.of("sku", "FEED-1", "location", store, "cause", "RECEIPT", "quantity", 10,
                    "businessTime", "2026-11-20T08:00:00Z", "reference", "feed-" + store)).status()).isEqualTo(201);
        }
        JsonNode page = api.as(tokens.pos("9")).get("/api/goods/changes?after=" + start).json();
        List<String> seen = new ArrayList<>();
        page.path("changes").forEach(change -> seen.add(change.path("kind").asString() + "@" + (change.path("location").isNull() ? "all" : change.path("location").asString())));
        assertThat(seen).containsExactly("PRICE@all", "STOCK@9");
        JsonNode fed = page.path("changes").get(0).path("payload");
        assertThat(fed.path("amount").isNumber()).as("the tills' feed keeps its fields: " + fed).isTrue();
        assertThat(fed.path("currency").asString()).isEqualTo("CNY");
        assertThat(api.as(tokens.pos("9")).header("API-Version", "2").get("/api/goods/changes?after=" + start).json().path("changes").get(0)
                .path("payload")).as("a protocol, not an answer: the same to every version").isEqualTo(fed);
        long next = page.path("next").asLong();
        assertThat(api.as(tokens.pos("9")).get("/api/goods/changes?after=" + next).json().path("changes")).as("resumes after its cursor").isEmpty();
        assertThat(api.as(tokens.hqAnalyst()).get("/api/goods/changes?after=" + start).json().path("changes")).hasSize(3);
        assertThat(api.as(tokens.customer("alice")).get("/api/goods/changes?after=0").status()).as("not for shoppers").isEqualTo(403);
        assertThat(api.as(tokens.pos("9")).get("/api/goods/changes?after=" + start + "&location=12").json().path("changes").toString())
                .as("a till cannot widen its scope to another store").doesNotContain("\"location\":\"12\"");
    }
}
