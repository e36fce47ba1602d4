package dev.santong.goods.catalogue;

import static org.assertj.core.api.Assertions.assertThat;

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
    void servesProbesMetricsAndItsOpenApiDocumentWithoutAToken() {
        ServiceContract.assertServesPlatformEndpoints(api, "/api/goods/skus");
        ServiceContract.assertDocumentContract(api, SkuCatalogueIT.class);
    }
}
