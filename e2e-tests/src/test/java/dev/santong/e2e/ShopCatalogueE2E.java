package dev.santong.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import dev.santong.platform.testkit.Api;
import dev.santong.platform.testkit.Tokens;

/** A visitor of the online shop browses the catalogue through the gateway without logging in. */
class ShopCatalogueE2E {

    private final Tokens tokens = Tokens.forLocalStack();
    private final Api gateway = Api.at(System.getProperty("santong.gateway.url", "http://localhost:8080"));
    private final String run = UUID.randomUUID().toString().substring(0, 8).toUpperCase();

    @Test
    void aVisitorFindsWhatHqListedWithItsPriceAndRereadsItForFree() {
        Api hq = gateway.as(tokens.hqAdmin());
        String code = "E2E-TEA-" + run;
        assertThat(hq.post("/api/goods/skus", Map.of("code", code, "name", "Jasmine tea " + run, "warrantyMonths", 0)).status()).isEqualTo(201);
        assertThat(hq.put("/api/goods/skus/" + code + "/listings/ONLINE", Map.of("listed", true)).status()).isEqualTo(200);
        assertThat(hq.post("/api/goods/skus/" + code + "/prices", Map.of("channel", "ONLINE", "currency", "CNY", "amount", "38.00",
                "validFrom", "2026-01-01T00:00:00Z")).status()).isEqualTo(201);

        Api.Response found = gateway.get("/api/goods/shop/skus?q=" + run);
        assertThat(found.status()).as(found.toString()).isEqualTo(200);
        assertThat(found.json().path("items").get(0).path("code").asString()).isEqualTo(code);
        assertThat(found.json().path("items").get(0).path("price").path("amount").asString()).isEqualTo("38.00");
        assertThat(found.json().path("items").get(0).path("stock").asString()).isEqualTo("OUT_OF_STOCK");
        assertThat(found.header("RateLimit-Policy")).startsWith("\"anonymous\"");

        Api.Response unchanged = gateway.header("If-None-Match", found.header("ETag")).get("/api/goods/shop/skus?q=" + run);
        assertThat(unchanged.status()).isEqualTo(304);

        assertThat(gateway.get("/api/goods/skus/" + code).status()).as("the till's view needs a token").isEqualTo(401);
        assertThat(gateway.get("/api/goods/shop/products?q=oxford").json().path("items").findValuesAsString("code"))
                .as("the demo's shirt").contains("SHIRT-OXFORD");
    }
}
