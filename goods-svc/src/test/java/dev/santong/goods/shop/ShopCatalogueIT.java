package dev.santong.goods.shop;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.TestPropertySource;

import dev.santong.goods.catalogue.NewSku;
import dev.santong.platform.testkit.Api;
import dev.santong.platform.testkit.StackTest;
import dev.santong.platform.testkit.Tokens;
import tools.jackson.databind.JsonNode;

/** The online shop's catalogue, read without a token: only what is active, listed online and priced. */
@StackTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
// The paging test adds a hundred SKUs the others would page past: it runs last.
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
@TestPropertySource(properties = "santong.shop.max-scanned-per-page=60")
class ShopCatalogueIT {

    @Autowired
    Api api;

    private Api hq;

    @BeforeAll
    void aCatalogueWithListedUnlistedAndUnpricedSkus() {
        hq = api.as(Tokens.forLocalStack().hqAdmin());
        ok(hq.put("/api/goods/products/SHIRT", Map.of("name", "Oxford shirt", "category", "shirts", "warrantyMonths", 12, "status", "ACTIVE")));
        ok(hq.put("/api/goods/products/OLD", Map.of("name", "Old polo", "category", "shirts", "warrantyMonths", 0, "status", "DISCONTINUED")));
        ok(hq.post("/api/goods/skus", NewSku.of("SHIRT-M", "Oxford shirt, M").ofProduct("SHIRT").gtins("4006381333931")
                .attributes(Map.of("size", "M")).body()));
        ok(hq.post("/api/goods/skus", NewSku.of("SHIRT-L", "Oxford shirt, L").ofProduct("SHIRT").attributes(Map.of("size", "L")).body()));
        ok(hq.post("/api/goods/skus", NewSku.of("SHIRT-XL", "Oxford shirt, XL").ofProduct("SHIRT").body()));
        ok(hq.post("/api/goods/skus", NewSku.of("SHIRT-S", "Oxford shirt, S").ofProduct("SHIRT").body()));
        ok(hq.post("/api/goods/skus", NewSku.of("POLO-M", "Old polo, M").ofProduct("OLD").body()));
        ok(hq.post("/api/goods/skus", NewSku.of("KETTLE-1", "Electric kettle 1.7 l").category("kitchen").gtins("96385074").body()));
        for (String sku : List.of("SHIRT-M", "SHIRT-L", "SHIRT-S", "POLO-M", "KETTLE-1")) {
            ok(hq.put("/api/goods/skus/" + sku + "/listings/ONLINE", Map.of("listed", true)));
        }
        // SHIRT-XL is priced but not listed; SHIRT-S is listed but has no price in force.
        price("SHIRT-M", "ALL", "199.00");
        price("SHIRT-L", "ONLINE", "189.00");
        price("SHIRT-XL", "ALL", "199.00");
        price("POLO-M", "ALL", "99.00");
        price("KETTLE-1", "ALL", "259.00");
        ok(hq.put("/api/goods/locations/WH", Map.of("name", "Warehouse", "kind", "WAREHOUSE", "pickupEnabled", false, "onlineBuffer", 0)));
        ok(hq.put("/api/goods/locations/9", Map.of("name", "Store 9", "kind", "STORE", "latitude", 31.2352, "longitude", 121.4748,
                "pickupEnabled", true, "onlineBuffer", 1)));
        receive("SHIRT-M", "WH", 20);
        receive("SHIRT-M", "9", 4);
        receive("SHIRT-L", "9", 3);
    }

    private static void ok(Api.Response response) {
        assertThat(response.status()).as(response.toString()).isBetween(200, 201);
    }

    private void price(String sku, String channel, String amount) {
        ok(hq.post("/api/goods/skus/" + sku + "/prices", Map.of("channel", channel, "currency", "CNY", "amount", amount,
                "validFrom", "2026-01-01T00:00:00Z")));
    }

    private void receive(String sku, String location, int quantity) {
        ok(hq.post("/api/goods/stock/movements", Map.of("sku", sku, "location", location, "cause", "RECEIPT", "quantity", quantity,
                "businessTime", "2026-11-01T00:00:00Z", "reference", "PO-" + sku + "-" + location)));
    }

    private static List<String> codes(JsonNode page) {
        List<String> codes = new ArrayList<>();
        page.path("items").forEach(item -> codes.add(item.path("code").asString()));
        return codes;
    }

    @Test
    void anyoneListsWhatTheShopSellsWithPricesAndStockStatesButNoCounts() {
        Api.Response response = api.get("/api/goods/shop/skus");
        assertThat(response.status()).as(response.toString()).isEqualTo(200);
        JsonNode page = response.json();
        assertThat(codes(page)).containsExactly("KETTLE-1", "SHIRT-L", "SHIRT-M");
        assertThat(page.has("next")).isFalse();
        JsonNode shirtM = page.path("items").get(2);
        assertThat(shirtM.path("price").path("amount").asString()).isEqualTo("199.00");
        assertThat(shirtM.path("price").path("currency").asString()).isEqualTo("CNY");
        assertThat(shirtM.path("stock").asString()).isEqualTo("IN_STOCK");
        assertThat(shirtM.path("pickupPlaces").asInt()).isEqualTo(1);
        assertThat(shirtM.path("product").asString()).isEqualTo("SHIRT");
        assertThat(shirtM.path("category").asString()).as("the product's").isEqualTo("shirts");
        // Store 9 keeps one of its three back from online orders: two may be promised.
        assertThat(page.path("items").get(1).path("stock").asString()).isEqualTo("LOW_STOCK");
        assertThat(page.path("items").get(1).path("price").path("amount").asString()).isEqualTo("189.00");
        assertThat(page.path("items").get(0).path("stock").asString()).isEqualTo("OUT_OF_STOCK");
        assertThat(response.body()).doesNotContain("onHand").doesNotContain("\"units\"");
        assertThat(response.header("Cache-Control")).contains("max-age=30").contains("public");
    }

    @Test
    void searchesByTextAndCategory() {
        assertThat(codes(api.get("/api/goods/shop/skus?q=kettle").json())).containsExactly("KETTLE-1");
        assertThat(codes(api.get("/api/goods/shop/skus?q=oxford").json())).as("by name, either case").containsExactly("SHIRT-L", "SHIRT-M");
        assertThat(codes(api.get("/api/goods/shop/skus?category=kitchen").json())).containsExactly("KETTLE-1");
        assertThat(codes(api.get("/api/goods/shop/skus?q=%25").json())).as("a % matches only itself").isEmpty();
        assertThat(codes(api.get("/api/goods/shop/skus?currency=USD").json())).as("no USD prices").isEmpty();
    }

    @Test
    void productsShowTheirShownSkusTheLowestPriceAndTheBestStock() {
        JsonNode page = api.get("/api/goods/shop/products").json();
        assertThat(codes(page)).as("a discontinued product is not shown").containsExactly("SHIRT");
        JsonNode shirt = page.path("items").get(0);
        assertThat(shirt.path("priceFrom").path("amount").asString()).isEqualTo("189.00");
        assertThat(shirt.path("stock").asString()).isEqualTo("IN_STOCK");
        List<String> skus = new ArrayList<>();
        shirt.path("skus").forEach(sku -> skus.add(sku.path("code").asString()));
        assertThat(skus).containsExactly("SHIRT-L", "SHIRT-M");

        assertThat(api.get("/api/goods/shop/products/SHIRT").json().path("skus").size()).isEqualTo(2);
        assertThat(api.get("/api/goods/shop/products/OLD").status()).isEqualTo(404);
        assertThat(codes(api.get("/api/goods/shop/products?q=SHIRT-L").json())).as("found by a SKU's code").containsExactly("SHIRT");
    }

    @Test
    void aSkuPageAndItsPickupPlacesOnlyForWhatTheShopSells() {
        JsonNode sku = api.get("/api/goods/shop/skus/SHIRT-M").json();
        assertThat(sku.path("sku").path("attributes").path("size").asString()).isEqualTo("M");
        assertThat(sku.path("gtins").get(0).asString()).isEqualTo("4006381333931");
        assertThat(api.get("/api/goods/shop/skus/SHIRT-XL").status()).as("not listed").isEqualTo(404);
        assertThat(api.get("/api/goods/shop/skus/SHIRT-S").status()).as("no price").isEqualTo(404);
        assertThat(api.get("/api/goods/shop/skus/NOPE").status()).isEqualTo(404);

        JsonNode places = api.get("/api/goods/shop/skus/SHIRT-M/pickup-places?near=31.2304,121.4737").json();
        assertThat(places.path("items").size()).isEqualTo(1);
        assertThat(places.path("items").get(0).path("location").asString()).isEqualTo("9");
        assertThat(places.path("items").get(0).path("stock").asString()).isEqualTo("LOW_STOCK");
        assertThat(places.path("items").get(0).path("distanceKm").asDouble()).isBetween(0.1, 2.0);
        assertThat(api.get("/api/goods/shop/skus/SHIRT-XL/pickup-places").status()).isEqualTo(404);
    }

    @Test
    void anUnchangedPageIsA304ToItsEtagAndAChangeGivesANewOne() {
        Api.Response first = api.get("/api/goods/shop/skus?q=kettle");
        String etag = first.header("ETag");
        assertThat(etag).isNotBlank();
        Api.Response again = api.header("If-None-Match", etag).get("/api/goods/shop/skus?q=kettle");
        assertThat(again.status()).isEqualTo(304);
        assertThat(again.body()).isNullOrEmpty();

        ok(hq.post("/api/goods/skus/KETTLE-1/prices", Map.of("channel", "ONLINE", "currency", "CNY", "amount", "249.00",
                "validFrom", "2026-02-01T00:00:00Z")));
        Api.Response changed = api.header("If-None-Match", etag).get("/api/goods/shop/skus?q=kettle");
        assertThat(changed.status()).isEqualTo(200);
        assertThat(changed.header("ETag")).isNotEqualTo(etag);
        assertThat(changed.json().path("items").get(0).path("price").path("amount").asString()).isEqualTo("249.00");
    }

    @Test
    @Order(Integer.MAX_VALUE)
    void pagesWalkTheWholeListAndAPageMayBeShortWhenMuchIsNotShown() {
        for (int i = 0; i < 110; i++) {
            ok(hq.post("/api/goods/skus", NewSku.of("AA-%03d".formatted(i), "Unlisted " + i).body()));
        }
        ok(hq.post("/api/goods/skus", NewSku.of("AB-1", "Listed after many unlisted").body()));
        ok(hq.put("/api/goods/skus/AB-1/listings/ONLINE", Map.of("listed", true)));
        price("AB-1", "ALL", "10.00");

        List<String> walked = new ArrayList<>();
        List<Integer> sizes = new ArrayList<>();
        String cursor = null;
        int pages = 0;
        do {
            JsonNode page = api.get("/api/goods/shop/skus?limit=2" + (cursor == null ? "" : "&cursor=" + cursor)).json();
            walked.addAll(codes(page));
            sizes.add(page.path("items").size());
            cursor = page.has("next") ? page.path("next").asString() : null;
            assertThat(++pages).isLessThan(20);
        } while (cursor != null);
        assertThat(walked).containsExactly("AB-1", "KETTLE-1", "SHIRT-L", "SHIRT-M");
        // 60 rows read at most per page: the first page stops in the unlisted run with nothing to show, and says where.
        assertThat(sizes.getFirst()).isZero();
    }

    @Test
    void boundsAreProblemsNamingTheParameter() {
        assertThat(field(api.get("/api/goods/shop/skus?limit=0"))).isEqualTo("limit");
        assertThat(field(api.get("/api/goods/shop/skus?limit=101"))).isEqualTo("limit");
        assertThat(field(api.get("/api/goods/shop/skus?cursor=not-a-cursor!"))).isEqualTo("cursor");
        assertThat(field(api.get("/api/goods/shop/skus?q=" + "x".repeat(101)))).isEqualTo("q");
        assertThat(field(api.get("/api/goods/shop/products?currency=cny"))).isEqualTo("currency");
        assertThat(field(api.get("/api/goods/shop/skus/SHIRT-M/pickup-places?near=91,0"))).isEqualTo("near");
        assertThat(field(api.get("/api/goods/shop/skus/SHIRT-M/pickup-places?limit=51"))).isEqualTo("limit");
    }

    @Test
    void eachFieldErrorHasAStableCodeAndChineseTextsForZhCn() {
        JsonNode english = api.get("/api/goods/shop/skus?limit=0").json().path("errors").get(0);
        assertThat(english.path("code").asString()).isEqualTo("too-small");
        assertThat(english.path("reason").asString()).contains("greater than or equal to 1");

        Api chinese = api.header("Accept-Language", "zh-CN,zh;q=0.9,en;q=0.5");
        Api.Response refused = chinese.get("/api/goods/shop/skus?limit=0");
        assertThat(refused.json().path("title").asString()).isEqualTo("请求无效");
        JsonNode error = refused.json().path("errors").get(0);
        assertThat(error.path("field").asString()).isEqualTo("limit");
        assertThat(error.path("code").asString()).as("the same code in every language").isEqualTo("too-small");
        assertThat(error.path("reason").asString()).contains("最小不能小于1");

        JsonNode cursor = chinese.get("/api/goods/shop/skus?cursor=not-a-cursor!").json().path("errors").get(0);
        assertThat(cursor.path("code").asString()).isEqualTo("unknown-cursor");
        assertThat(cursor.path("reason").asString()).contains("游标");
        JsonNode pattern = chinese.get("/api/goods/shop/products?currency=cny").json().path("errors").get(0);
        assertThat(pattern.path("code").asString()).isEqualTo("pattern");
        Api.Response missing = chinese.get("/api/goods/shop/skus/NOPE");
        assertThat(missing.json().path("title").asString()).isEqualTo("未找到");
        assertThat(missing.json().path("detail").asString()).isEqualTo("SKU NOPE 不存在");
        assertThat(api.header("Accept-Language", "fr-FR").get("/api/goods/shop/skus/NOPE").json().path("detail").asString())
                .as("a language the suite does not speak gets English").isEqualTo("SKU NOPE was not found");
    }

    @Test
    void aClientMayNameTheApiVersionItWasWrittenForAndAnUnservedOneIsRefusedByName() {
        assertThat(api.header("API-Version", "1").get("/api/goods/shop/skus").status()).isEqualTo(200);
        assertThat(api.header("API-Version", "2").get("/api/goods/shop/skus").status()).as("what did not change serves 2 as 1").isEqualTo(200);
        Api.Response later = api.header("API-Version", "3").get("/api/goods/shop/skus");
        assertThat(later.status()).isEqualTo(400);
        assertThat(later.json().path("errors").get(0).path("field").asString()).isEqualTo("API-Version");
        assertThat(later.json().path("errors").get(0).path("code").asString()).isEqualTo("unsupported-version");
        assertThat(api.header("API-Version", "x").get("/api/goods/shop/skus").status()).isEqualTo(400);
    }

    private static String field(Api.Response response) {
        assertThat(response.status()).as(response.toString()).isEqualTo(400);
        return response.json().path("errors").get(0).path("field").asString();
    }

    @Test
    void everythingElseStillNeedsATokenAndABadTokenIsNotTakenForNone() {
        assertThat(api.get("/api/goods/skus/SHIRT-M").status()).isEqualTo(401);
        assertThat(api.get("/api/goods/skus/SHIRT-M/price?channel=ONLINE").status()).isEqualTo(401);
        assertThat(api.get("/api/goods/skus/SHIRT-M/availability").status()).isEqualTo(401);
        assertThat(api.post("/api/goods/shop/skus", Map.of()).status()).as("reads only").isIn(401, 405);
        assertThat(api.as("not.a.token").get("/api/goods/shop/skus").status()).isEqualTo(401);
    }
}
