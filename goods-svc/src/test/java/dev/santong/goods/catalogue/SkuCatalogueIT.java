package dev.santong.goods.catalogue;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import dev.santong.platform.testkit.Api;
import dev.santong.platform.testkit.ServiceContract;
import dev.santong.platform.testkit.StackTest;
import dev.santong.platform.testkit.Tokens;
import tools.jackson.databind.JsonNode;

@StackTest
class SkuCatalogueIT {

    @Autowired
    Api api;

    private static Map<String, Object> shirt(String code, String gtin) {
        return NewSku.of(code, "Oxford shirt, blue, M").ofProduct("SHIRT-OXFORD").warrantyMonths(12).gtins(gtin).storeCodes("ST-" + code)
                .category("apparel").attributes(Map.of("colour", "blue", "size", "M")).body();
    }

    @Test
    void hqCreatesASkuThatTillsFindByCodeGtinAndStoreCode(Tokens tokens) {
        Api.Response created = api.as(tokens.hqAdmin()).post("/api/goods/skus", shirt("OX-BLU-M", "036000291452"));
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        assertThat(created.header("Location")).isEqualTo("/api/goods/skus/OX-BLU-M");

        Api till = api.as(tokens.pos("9"));
        JsonNode read = till.get("/api/goods/skus/OX-BLU-M").json();
        assertThat(read.path("warrantyMonths").asInt()).isEqualTo(12);
        assertThat(read.path("category").asString()).isEqualTo("apparel");
        assertThat(read.path("attributes").path("size").asString()).isEqualTo("M");
        assertThat(till.get("/api/goods/skus?barcode=0036000291452").json().path("code").asString()).isEqualTo("OX-BLU-M");
        assertThat(till.get("/api/goods/skus?barcode=036000291452").json().path("code").asString()).isEqualTo("OX-BLU-M");
        assertThat(till.get("/api/goods/skus?barcode=ST-OX-BLU-M").json().path("code").asString()).isEqualTo("OX-BLU-M");
        assertThat(till.get("/api/goods/skus?barcode=4006381333931").status()).isEqualTo(404);
    }

    @Test
    void retriedCreateReturnsTheSkuAndOtherContentConflicts(Tokens tokens) {
        Api hq = api.as(tokens.hqAdmin());
        assertThat(hq.post("/api/goods/skus", shirt("OX-BLU-L", "4006381333931")).status()).isEqualTo(201);
        assertThat(hq.post("/api/goods/skus", shirt("OX-BLU-L", "4006381333931")).status()).isEqualTo(200);

        Api.Response changed = hq.post("/api/goods/skus", Map.of("code", "OX-BLU-L", "name", "Other", "warrantyMonths", 6));
        assertThat(changed.status()).isEqualTo(409);
        assertThat(changed.json().path("type").asString()).endsWith("/sku-exists");

        Api.Response barcodeTaken = hq.post("/api/goods/skus", shirt("OX-BLU-XL", "4006381333931"));
        assertThat(barcodeTaken.status()).isEqualTo(409);
        assertThat(barcodeTaken.json().path("type").asString()).endsWith("/barcode-taken");
    }

    @Test
    void wrongCheckDigitIsAProblemNamingTheBarcode(Tokens tokens) {
        Api.Response response = api.as(tokens.hqAdmin()).post("/api/goods/skus", shirt("OX-RED-M", "4006381333932"));
        assertThat(response.status()).isEqualTo(400);
        assertThat(response.json().path("errors").get(0).path("field").asString()).isEqualTo("gtins[0]");
    }

    @Test
    void onlyHqEditsTheCatalogue(Tokens tokens) {
        assertThat(api.as(tokens.pos("9")).post("/api/goods/skus", shirt("OX-GRN-M", "96385074")).status()).isEqualTo(403);
        assertThat(api.as(tokens.customer("alice")).post("/api/goods/skus", shirt("OX-GRN-M", "96385074")).status()).isEqualTo(403);
        assertThat(api.as(tokens.hqAnalyst()).post("/api/goods/skus", shirt("OX-GRN-M", "96385074")).status()).isEqualTo(403);
        assertThat(api.as(tokens.customer("alice")).get("/api/goods/skus/OX-GRN-M").status()).isEqualTo(404);
    }

    @Test
    void hqListsAndSearchesTheCatalogueAPageAtATimeAndAShopperOnlyWhatTheShopLists(Tokens tokens) {
        Api hq = api.as(tokens.hqAdmin());
        for (String colour : List.of("RED", "GRN", "YLW")) {
            for (String size : List.of("S", "M")) {
                hq.post("/api/goods/skus", NewSku.of("LS-" + colour + "-" + size, "Linen shirt, " + colour.toLowerCase() + ", " + size)
                        .category("linen").body());
            }
        }
        hq.put("/api/goods/skus/LS-RED-M/listings/ONLINE", Map.of("listed", true));
        hq.put("/api/goods/skus/LS-YLW-S/listings/ONLINE", Map.of("listed", true));

        List<String> walked = new ArrayList<>();
        String cursor = null;
        do {
            JsonNode page = hq.get("/api/goods/skus?category=linen&limit=4" + (cursor == null ? "" : "&cursor=" + cursor)).json();
            page.path("items").forEach(item -> walked.add(item.path("code").asString()));
            cursor = page.has("next") ? page.path("next").asString() : null;
        } while (cursor != null);
        assertThat(walked).containsExactly("LS-GRN-M", "LS-GRN-S", "LS-RED-M", "LS-RED-S", "LS-YLW-M", "LS-YLW-S");

        assertThat(codes(hq.get("/api/goods/skus?q=linen%20shirt,%20red"))).containsExactly("LS-RED-M", "LS-RED-S");
        assertThat(codes(hq.get("/api/goods/skus?category=linen&listedIn=ONLINE"))).containsExactly("LS-RED-M", "LS-YLW-S");
        assertThat(codes(api.as(tokens.pos("9")).get("/api/goods/skus?category=linen&limit=2"))).hasSize(2);
        assertThat(codes(api.as(tokens.customer("alice")).get("/api/goods/skus?category=linen"))).as("what the shop lists")
                .containsExactly("LS-RED-M", "LS-YLW-S");
        assertThat(hq.get("/api/goods/skus?barcode=4006381333931").status()).as("a scan is still a scan").isIn(200, 404);

        assertThat(hq.get("/api/goods/skus?listedIn=MARS").json().path("errors").get(0).path("field").asString()).isEqualTo("listedIn");
        assertThat(hq.get("/api/goods/skus?limit=201").json().path("errors").get(0).path("field").asString()).isEqualTo("limit");
        assertThat(hq.get("/api/goods/skus?cursor=xyz").json().path("errors").get(0).path("field").asString()).isEqualTo("cursor");
        assertThat(api.get("/api/goods/skus").status()).isEqualTo(401);
    }

    @Test
    void hqListsProductsWithTheirSkusAndAShopperOnlyThoseTheShopLists(Tokens tokens) {
        Api hq = api.as(tokens.hqAdmin());
        hq.put("/api/goods/products/TEA-POT", Map.of("name", "Tea pot", "category", "kitchen", "warrantyMonths", 12, "status", "ACTIVE"));
        hq.put("/api/goods/products/TEA-CUP", Map.of("name", "Tea cup", "category", "kitchen", "warrantyMonths", 0, "status", "ACTIVE"));
        hq.post("/api/goods/skus", NewSku.of("POT-W", "Tea pot, white").ofProduct("TEA-POT").body());
        hq.post("/api/goods/skus", NewSku.of("CUP-W", "Tea cup, white").ofProduct("TEA-CUP").body());
        hq.put("/api/goods/skus/CUP-W/listings/ONLINE", Map.of("listed", true));

        JsonNode all = hq.get("/api/goods/products?q=tea").json();
        assertThat(codes(all, "spuCode")).containsExactly("TEA-CUP", "TEA-POT");
        assertThat(all.path("items").get(1).path("skus").get(0).path("code").asString()).isEqualTo("POT-W");
        assertThat(codes(hq.get("/api/goods/products?q=tea&listedIn=ONLINE").json(), "spuCode")).containsExactly("TEA-CUP");
        assertThat(codes(api.as(tokens.customer("alice")).get("/api/goods/products?q=tea").json(), "spuCode")).containsExactly("TEA-CUP");
        JsonNode first = hq.get("/api/goods/products?q=tea&limit=1").json();
        assertThat(codes(first, "spuCode")).containsExactly("TEA-CUP");
        assertThat(codes(hq.get("/api/goods/products?q=tea&limit=1&cursor=" + first.path("next").asString()).json(), "spuCode"))
                .containsExactly("TEA-POT");
        assertThat(hq.get("/api/goods/products?limit=0").json().path("errors").get(0).path("field").asString()).isEqualTo("limit");
        assertThat(hq.get("/api/goods/products?listedIn=x").json().path("errors").get(0).path("field").asString()).isEqualTo("listedIn");
    }

    private static List<String> codes(JsonNode page, String field) {
        List<String> codes = new ArrayList<>();
        page.path("items").forEach(item -> codes.add(item.path(field).asString()));
        return codes;
    }

    private static List<String> codes(Api.Response response) {
        assertThat(response.status()).as(response.toString()).isEqualTo(200);
        List<String> codes = new ArrayList<>();
        response.json().path("items").forEach(item -> codes.add(item.path("code").asString()));
        return codes;
    }

    @Test
    void servesProbesMetricsAndItsOpenApiDocumentWithoutAToken() {
        ServiceContract.assertServesPlatformEndpoints(api, "/api/goods/skus");
        ServiceContract.assertDocumentContract(api, SkuCatalogueIT.class);
    }
}
