package dev.santong.goods.stock;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.TestPropertySource;

import dev.santong.platform.kit.persistence.SqlTime;
import dev.santong.platform.testkit.Api;
import dev.santong.platform.testkit.MutableClock;
import dev.santong.platform.testkit.MutableClockConfiguration;
import dev.santong.platform.testkit.StackTest;
import dev.santong.platform.testkit.Tokens;
import tools.jackson.databind.JsonNode;

@StackTest
@Import(MutableClockConfiguration.class)
@TestPropertySource(properties = "santong.reservations.expiry-interval=PT1H")
class StockIT {

    @Autowired
    Api api;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    MutableClock clock;

    @Autowired
    StockReservations reservations;

    @Autowired
    StockLedger ledger;

    @BeforeEach
    void locationsAndSkus(Tokens tokens) {
        Api hq = api.as(tokens.hqAdmin());
        hq.put("/api/goods/locations/WH-SH", Map.of("name", "Shanghai warehouse", "kind", "WAREHOUSE", "latitude", 31.10, "longitude", 121.60,
                "pickupEnabled", false, "onlineBuffer", 0));
        hq.put("/api/goods/locations/9", Map.of("name", "Store 9, Nanjing Road", "kind", "STORE", "latitude", 31.2352, "longitude", 121.4748,
                "pickupEnabled", true, "onlineBuffer", 2));
        hq.put("/api/goods/locations/12", Map.of("name", "Store 12, Xujiahui", "kind", "STORE", "latitude", 31.1955, "longitude", 121.4365,
                "pickupEnabled", true, "onlineBuffer", 1));
        for (String sku : List.of("HOT-1", "HOT-2", "HOT-3", "FLASH-1", "FLASH-2", "SHIRT-1", "SHIRT-2", "SHIRT-3", "HOLD-RO", "EXP-1", "NAIVE-1", "MOVE-1", "BATCH-1", "BATCH-2", "EXP-2", "EXP-3", "EQ-BATCH", "EQ-SINGLE")) {
            hq.post("/api/goods/skus", Map.of("code", sku, "name", "Test " + sku, "warrantyMonths", 0));
        }
    }

    private void receive(Tokens tokens, String sku, String location, long quantity, String reference, Instant at) {
        Api.Response moved = api.as(tokens.hqAdmin()).post("/api/goods/stock/movements",
                Movement.receipt(sku, quantity).at(location).on(at).reference(reference).body());
        assertThat(moved.status()).as(moved.toString()).isIn(200, 201);
    }

    private List<Integer> reserveConcurrently(Tokens tokens, String sku, int clients, String prefix) throws Exception {
        Api shop = api.as(tokens.shopBackend());
        List<Callable<Integer>> calls = new ArrayList<>();
        for (int i = 0; i < clients; i++) {
            Map<String, Object> body = Map.of("sku", sku, "location", "WH-SH", "quantity", 1, "channel", "ONLINE", "orderReference", prefix + i);
            calls.add(() -> shop.post("/api/goods/reservations", body).status());
        }
        List<Integer> statuses = new ArrayList<>();
        try (ExecutorService pool = Executors.newFixedThreadPool(50)) {
            for (Future<Integer> status : pool.invokeAll(calls)) {
                statuses.add(status.get());
            }
        }
        return statuses;
    }

    private JsonNode level(Tokens tokens, String sku, String location) {
        return Levels.of(api, tokens, sku, location);
    }

    @Test
    void aReceiptsMovementsApplyTogetherOnceAndNoneWhenOneIsRefused(Tokens tokens) {
        receive(tokens, "BATCH-1", "12", 10, "batch-opening-1", Instant.parse("2026-11-01T00:00:00Z"));
        receive(tokens, "BATCH-2", "12", 10, "batch-opening-2", Instant.parse("2026-11-01T00:00:00Z"));
        Api till = api.as(tokens.pos("12"));
        Map<String, Object> receipt = Map.of("movements", List.of(
                Map.of("sku", "BATCH-1", "location", "12", "cause", "POS_SALE", "quantity", -2, "businessTime", "2026-11-20T02:00:00Z",
                        "reference", "12-20261120-1-5", "line", "1"),
                Map.of("sku", "BATCH-2", "location", "12", "cause", "POS_SALE", "quantity", -1, "businessTime", "2026-11-20T02:00:00Z",
                        "reference", "12-20261120-1-5", "line", "2"),
                Map.of("sku", "BATCH-1", "location", "12", "cause", "POS_SALE", "quantity", -1, "businessTime", "2026-11-20T02:00:00Z",
                        "reference", "12-20261120-1-5", "line", "3")));
        Api.Response first = till.post("/api/goods/stock/movement-batches", receipt);
        assertThat(first.status()).as(first.toString()).isEqualTo(201);
        assertThat(first.json().path("applied").asInt()).isEqualTo(3);
        Api.Response again = till.post("/api/goods/stock/movement-batches", receipt);
        assertThat(again.status()).isEqualTo(200);
        assertThat(again.json().path("replayed").asInt()).isEqualTo(3);
        assertThat(level(tokens, "BATCH-1", "12").path("onHand").asLong()).isEqualTo(7);
        assertThat(level(tokens, "BATCH-2", "12").path("onHand").asLong()).isEqualTo(9);

        Api.Response refused = till.post("/api/goods/stock/movement-batches", Map.of("movements", List.of(
                Map.of("sku", "BATCH-1", "location", "12", "cause", "POS_SALE", "quantity", -1, "businessTime", "2026-11-20T03:00:00Z",
                        "reference", "12-20261120-1-6", "line", "1"),
                Map.of("sku", "NO-SUCH-SKU", "location", "12", "cause", "POS_SALE", "quantity", -1, "businessTime", "2026-11-20T03:00:00Z",
                        "reference", "12-20261120-1-6", "line", "2"))));
        assertThat(refused.status()).isEqualTo(404);
        assertThat(level(tokens, "BATCH-1", "12").path("onHand").asLong()).as("all or none").isEqualTo(7);
        assertThat(api.as(tokens.pos("9")).post("/api/goods/stock/movement-batches", receipt).status()).isEqualTo(403);
    }

    /**
     * A batch writes a level's plain shelf movements together; whatever it writes (levels, movements with their
     * effective deltas, the change feed) is what the same movements applied one at a time write.
     */
    @Test
    void aBatchOfMixedMovementsEndsWhereTheSameMovementsOneAtATimeEnd(Tokens tokens) {
        Api hq = api.as(tokens.hqAdmin());
        Instant now = clock.instant();
        receive(tokens, "EQ-BATCH", "9", 60, "eq-opening", now.minus(Duration.ofDays(4)));
        receive(tokens, "EQ-SINGLE", "9", 60, "eq-opening", now.minus(Duration.ofDays(4)));
        java.util.Random random = new java.util.Random(20261207);
        List<Map<String, Object>> batch = new ArrayList<>();
        List<Map<String, Object>> single = new ArrayList<>();
        for (int i = 0; i < 150; i++) {
            int dice = random.nextInt(100);
            String cause = dice < 60 ? "POS_SALE" : dice < 72 ? "POS_RETURN" : dice < 84 ? "ADJUSTMENT" : dice < 92 ? "COUNT" : "RETURN_RECEIVED";
            long quantity = switch (cause) {
                case "POS_SALE" -> -1 - random.nextInt(3);
                case "ADJUSTMENT" -> random.nextBoolean() ? 1 + random.nextInt(4) : -1 - random.nextInt(4);
                case "COUNT" -> random.nextInt(80);
                default -> 1 + random.nextInt(2);
            };
            // Sales dated before, between and after the counts: some of them the counts already saw.
            Instant at = now.minus(Duration.ofMinutes(random.nextInt(3 * 24 * 60)));
            String reference = "eq-" + i / 3;
            String line = Integer.toString(i % 3 + 1);
            batch.add(Map.of("sku", "EQ-BATCH", "location", "9", "cause", cause, "quantity", quantity, "businessTime", at.toString(),
                    "reference", reference, "line", line));
            single.add(Map.of("sku", "EQ-SINGLE", "location", "9", "cause", cause, "quantity", quantity, "businessTime", at.toString(),
                    "reference", reference, "line", line));
        }
        // A line sent twice in one batch is one movement.
        batch.add(batch.get(7));
        Api.Response applied = hq.post("/api/goods/stock/movement-batches", Map.of("movements", batch));
        assertThat(applied.status()).as(applied.toString()).isEqualTo(201);
        assertThat(applied.json().path("applied").asInt()).isEqualTo(150);
        assertThat(applied.json().path("replayed").asInt()).isEqualTo(1);
        // One at a time in the order a batch applies them: by business key.
        single.sort(java.util.Comparator.comparing(movement -> movement.get("cause") + ":" + movement.get("reference") + ":" + movement.get("line")));
        for (Map<String, Object> movement : single) {
            assertThat(hq.post("/api/goods/stock/movements", movement).status()).isEqualTo(201);
        }

        JsonNode batched = level(tokens, "EQ-BATCH", "9");
        JsonNode oneByOne = level(tokens, "EQ-SINGLE", "9");
        for (String field : List.of("onHand", "available", "reserved", "returnedPending", "damaged", "lastCountAt")) {
            assertThat(batched.path(field)).as(field).isEqualTo(oneByOne.path(field));
        }
        assertThat(movementsOf("EQ-BATCH")).isEqualTo(movementsOf("EQ-SINGLE")).hasSize(151);
        assertThat(feedOf("EQ-BATCH")).isEqualTo(feedOf("EQ-SINGLE")).hasSize(151);

        Api.Response again = hq.post("/api/goods/stock/movement-batches", Map.of("movements", batch));
        assertThat(again.status()).isEqualTo(200);
        assertThat(again.json().path("replayed").asInt()).isEqualTo(151);
        // The first line again with one more unit of the same sign: its key, other content.
        long quantity = ((Number) single.getFirst().get("quantity")).longValue();
        Map<String, Object> other = new java.util.HashMap<>(single.getFirst());
        other.put("quantity", quantity + (quantity < 0 ? -1 : 1));
        int reusedAlone = hq.post("/api/goods/stock/movements", other).status();
        other.put("sku", "EQ-BATCH");
        Api.Response reused = hq.post("/api/goods/stock/movement-batches", Map.of("movements", List.of(other)));
        assertThat(reused.status()).as("a key reused with other content, as alone").isEqualTo(reusedAlone).isIn(409, 422);
        assertThat(level(tokens, "EQ-BATCH", "9").path("onHand")).isEqualTo(batched.path("onHand"));
    }

    /** A SKU's movements at store 9 as the ledger kept them, by business key, without the SKU's name. */
    private List<String> movementsOf(String sku) {
        return jdbc.sql("""
                SELECT CONCAT_WS('|', REPLACE(business_key, :sku, ''), cause, quantity, effective_delta, business_time, COALESCE(flag, '-'))
                FROM stock_movement WHERE sku_code = :sku AND location_code = '9' ORDER BY REPLACE(business_key, :sku, '')""")
                .param("sku", sku).query(String.class).list();
    }

    private List<String> feedOf(String sku) {
        return jdbc.sql("SELECT payload FROM change_event WHERE sku_code = :sku AND location_code = '9' AND kind = 'STOCK' ORDER BY id")
                .param("sku", sku).query(String.class).list().stream()
                // Compared by content, whatever order each path wrote the fields in.
                .map(payload -> new tools.jackson.databind.ObjectMapper().readValue(payload, java.util.TreeMap.class).toString()).toList();
    }

    @Test
    void aTillsMovementsMayNameTheScannedBarcodeAndAreTheSameMovementAsByCode(Tokens tokens) {
        Api hq = api.as(tokens.hqAdmin());
        assertThat(hq.post("/api/goods/skus", Map.of("code", "SCAN-1", "name", "Scanned shirt", "warrantyMonths", 0,
                "gtins", List.of("4006381333931"), "storeCodes", List.of("9-SHIRT-7")))
                .status()).isEqualTo(201);
        receive(tokens, "SCAN-1", "12", 10, "scan-opening", Instant.parse("2026-11-01T00:00:00Z"));
        Api till = api.as(tokens.pos("12"));
        Map<String, Object> byBarcodes = Map.of("movements", List.of(
                Map.of("barcode", "04006381333931", "location", "12", "cause", "POS_SALE", "quantity", -2, "businessTime", "2026-11-20T02:00:00Z",
                        "reference", "12-20261120-1-8", "line", "1"),
                Map.of("barcode", "9-SHIRT-7", "location", "12", "cause", "POS_SALE", "quantity", -1, "businessTime", "2026-11-20T02:00:00Z",
                        "reference", "12-20261120-1-8", "line", "2")));
        Api.Response first = till.post("/api/goods/stock/movement-batches", byBarcodes);
        assertThat(first.status()).as(first.toString()).isEqualTo(201);
        assertThat(level(tokens, "SCAN-1", "12").path("onHand").asLong()).isEqualTo(7);

        Api.Response byCode = till.post("/api/goods/stock/movements", Map.of("sku", "SCAN-1", "location", "12", "cause", "POS_SALE",
                "quantity", -2, "businessTime", "2026-11-20T02:00:00Z", "reference", "12-20261120-1-8", "line", "1"));
        assertThat(byCode.status()).as("the same line sent by code is a replay").isEqualTo(200);
        assertThat(level(tokens, "SCAN-1", "12").path("onHand").asLong()).isEqualTo(7);

        Api.Response unknown = till.post("/api/goods/stock/movement-batches", Map.of("movements", List.of(
                Map.of("barcode", "9-SHIRT-7", "location", "12", "cause", "POS_SALE", "quantity", -1, "businessTime", "2026-11-20T03:00:00Z",
                        "reference", "12-20261120-1-9", "line", "1"),
                Map.of("barcode", "0000000000000", "location", "12", "cause", "POS_SALE", "quantity", -1, "businessTime", "2026-11-20T03:00:00Z",
                        "reference", "12-20261120-1-9", "line", "2"))));
        assertThat(unknown.status()).isEqualTo(400);
        assertThat(unknown.body()).contains("movements[1].barcode");
        assertThat(level(tokens, "SCAN-1", "12").path("onHand").asLong()).as("all or none").isEqualTo(7);

        Api.Response both = till.post("/api/goods/stock/movements", Map.of("sku", "SCAN-1", "barcode", "9-SHIRT-7", "location", "12",
                "cause", "POS_SALE", "quantity", -1, "businessTime", "2026-11-20T03:00:00Z", "reference", "12-20261120-1-10"));
        assertThat(both.status()).isEqualTo(400);
        assertThat(both.body()).contains("barcode");
        Api.Response neither = till.post("/api/goods/stock/movements", Map.of("location", "12", "cause", "POS_SALE", "quantity", -1,
                "businessTime", "2026-11-20T03:00:00Z", "reference", "12-20261120-1-10"));
        assertThat(neither.status()).isEqualTo(400);
        assertThat(neither.body()).contains("sku");
    }

    @Test
    void twoHundredConcurrentReservationsOfTheLastFiftyUnitsHoldExactlyFifty(Tokens tokens) throws Exception {
        receive(tokens, "HOT-1", "WH-SH", 50, "PO-1", clock.instant());
        List<Integer> statuses = reserveConcurrently(tokens, "HOT-1", 200, "SO-A-");
        assertThat(statuses.stream().filter(s -> s == 201).count()).isEqualTo(50);
        assertThat(statuses.stream().filter(s -> s == 409).count()).isEqualTo(150);
        JsonNode level = level(tokens, "HOT-1", "WH-SH");
        assertThat(level.path("reserved").asLong()).isEqualTo(50);
        assertThat(level.path("available").asLong()).isZero();
    }

    /** The negative control: read what is available, then write the new reservation count. It holds more than there is. */
    @Test
    void theNaiveReadThenWriteReservationOversellsUnderTheSameLoad(Tokens tokens) throws Exception {
        receive(tokens, "NAIVE-1", "WH-SH", 50, "PO-N", clock.instant());
        List<Callable<Boolean>> calls = new ArrayList<>();
        for (int i = 0; i < 200; i++) {
            calls.add(() -> {
                Map<String, Object> row = jdbc.sql("SELECT on_hand, reserved FROM stock_level WHERE sku_code = 'NAIVE-1' AND location_code = 'WH-SH'")
                        .query().singleRow();
                long reserved = ((Number) row.get("reserved")).longValue();
                if (((Number) row.get("on_hand")).longValue() - reserved < 1) {
                    return false;
                }
                Thread.sleep(2);
                jdbc.sql("UPDATE stock_level SET reserved = :r WHERE sku_code = 'NAIVE-1' AND location_code = 'WH-SH'").param("r", reserved + 1).update();
                return true;
            });
        }
        long held = 0;
        try (ExecutorService pool = Executors.newFixedThreadPool(50)) {
            for (Future<Boolean> result : pool.invokeAll(calls)) {
                held += result.get() ? 1 : 0;
            }
        }
        assertThat(held).as("holds granted against 50 units").isGreaterThan(50);
    }

    @Test
    void hotModeBucketsHoldExactlyFiftyUnderTheSameLoadAndGiveUnitsBack(Tokens tokens) throws Exception {
        receive(tokens, "HOT-2", "WH-SH", 50, "PO-2", clock.instant());
        JsonNode hot = api.as(tokens.hqAdmin()).put("/api/goods/stock/HOT-2/WH-SH/hot-mode", Map.of("buckets", 8)).json();
        assertThat(hot.path("hotBuckets").asInt()).isEqualTo(8);
        long warehouse = -1;
        for (JsonNode location : api.as(tokens.customer("alice")).get("/api/goods/skus/HOT-2/availability").json()) {
            if (location.path("location").asString().equals("WH-SH")) {
                warehouse = location.path("available").asLong();
            }
        }
        assertThat(warehouse).as("buckets count as available").isEqualTo(50);

        List<Integer> statuses = reserveConcurrently(tokens, "HOT-2", 200, "SO-H-");
        assertThat(statuses.stream().filter(s -> s == 201).count()).isEqualTo(50);
        assertThat(reservations.inBuckets("HOT-2", "WH-SH")).isZero();
        assertThat(jdbc.sql("SELECT COUNT(*) FROM stock_bucket WHERE sku_code = 'HOT-2' AND available < 0").query(Long.class).single()).isZero();

        String one = jdbc.sql("SELECT id FROM reservation WHERE sku_code = 'HOT-2' AND status = 'HELD' LIMIT 1").query(String.class).single();
        api.as(tokens.shopBackend()).post("/api/goods/reservations/" + one + "/release", Map.of());
        assertThat(reservations.inBuckets("HOT-2", "WH-SH")).as("a release refills its bucket").isEqualTo(1);
        JsonNode off = api.as(tokens.hqAdmin()).delete("/api/goods/stock/HOT-2/WH-SH/hot-mode").json();
        assertThat(off.path("reserved").asLong()).as("49 held, the bucket's unit back on the level").isEqualTo(49);
        assertThat(off.path("available").asLong()).isEqualTo(1);
    }

    /** Shoppers who come too late hear "sold out" (409), never "busy, try again" (503), however many buckets are empty. */
    @Test
    void aSoldOutHotSkuAnswersEveryLateShopper409(Tokens tokens) throws Exception {
        receive(tokens, "HOT-3", "WH-SH", 50, "PO-H3", clock.instant());
        assertThat(api.as(tokens.hqAdmin()).put("/api/goods/stock/HOT-3/WH-SH/hot-mode", Map.of("buckets", 16)).status()).isEqualTo(200);

        List<Integer> rush = reserveConcurrently(tokens, "HOT-3", 200, "SO-H3-");
        assertThat(rush.stream().filter(s -> s == 201).count()).isEqualTo(50);
        assertThat(rush.stream().filter(s -> s == 409).count()).as("every other answer: " + rush).isEqualTo(150);
        List<Integer> late = reserveConcurrently(tokens, "HOT-3", 200, "SO-H3-LATE-");
        assertThat(late).as("after the last unit").containsOnly(409);
    }

    /** Flash-sale mode takes queued holds in batches: still exactly the stock, each order's hold once, and the rest refused. */
    @Test
    void aFlashSaleHoldsExactlyFiftyOfTwoHundredAndReplaysEachOrdersHold(Tokens tokens) throws Exception {
        receive(tokens, "FLASH-1", "WH-SH", 50, "PO-F1", clock.instant());
        JsonNode on = api.as(tokens.hqAdmin()).put("/api/goods/stock/FLASH-1/WH-SH/flash-sale", Map.of()).json();
        assertThat(on.path("flashSale").asBoolean()).isTrue();

        List<Integer> rush = reserveConcurrently(tokens, "FLASH-1", 200, "SO-F1-");
        assertThat(rush.stream().filter(s -> s == 201).count()).isEqualTo(50);
        assertThat(rush.stream().filter(s -> s == 409).count()).as("every other answer: " + rush).isEqualTo(150);
        JsonNode level = level(tokens, "FLASH-1", "WH-SH");
        assertThat(level.path("reserved").asLong()).isEqualTo(50);
        assertThat(level.path("available").asLong()).isZero();
        assertThat(jdbc.sql("SELECT COUNT(*) FROM reservation WHERE sku_code = 'FLASH-1' AND status = 'HELD'").query(Long.class).single())
                .isEqualTo(50);

        List<Integer> again = reserveConcurrently(tokens, "FLASH-1", 200, "SO-F1-");
        assertThat(again.stream().filter(s -> s == 200).count()).as("the orders that got a hold get it again").isEqualTo(50);
        assertThat(again.stream().filter(s -> s == 409).count()).isEqualTo(150);
        assertThat(level(tokens, "FLASH-1", "WH-SH").path("reserved").asLong()).isEqualTo(50);

        // What the last batch left is no answer on its own: new stock is sold again at once.
        receive(tokens, "FLASH-1", "WH-SH", 5, "PO-F1-MORE", clock.instant());
        List<Integer> restock = reserveConcurrently(tokens, "FLASH-1", 10, "SO-F1-MORE-");
        assertThat(restock.stream().filter(s -> s == 201).count()).as(restock.toString()).isEqualTo(5);
    }

    @Test
    void aFlashSaleAnswersAKeyReusedForOtherContentAndExcludesHotModeBuckets(Tokens tokens) throws Exception {
        receive(tokens, "FLASH-2", "WH-SH", 10, "PO-F2", clock.instant());
        Api hq = api.as(tokens.hqAdmin());
        assertThat(hq.put("/api/goods/stock/FLASH-2/WH-SH/flash-sale", Map.of()).status()).isEqualTo(200);
        Api shop = api.as(tokens.shopBackend());
        Map<String, Object> one = Map.of("sku", "FLASH-2", "location", "WH-SH", "quantity", 1, "channel", "ONLINE", "orderReference", "SO-F2-1");
        assertThat(shop.post("/api/goods/reservations", one).status()).isEqualTo(201);
        Api.Response reused = shop.post("/api/goods/reservations", Map.of("sku", "FLASH-2", "location", "WH-SH", "quantity", 2, "channel", "ONLINE",
                "orderReference", "SO-F2-1"));
        assertThat(reused.status()).as(reused.body()).isIn(409, 422);
        assertThat(reused.body()).contains("SO-F2-1");

        Api.Response buckets = hq.put("/api/goods/stock/FLASH-2/WH-SH/hot-mode", Map.of("buckets", 4));
        assertThat(buckets.status()).isEqualTo(409);
        assertThat(buckets.body()).contains("flash-sale");
        assertThat(hq.delete("/api/goods/stock/FLASH-2/WH-SH/flash-sale").json().path("flashSale").asBoolean()).isFalse();
        assertThat(hq.put("/api/goods/stock/FLASH-2/WH-SH/hot-mode", Map.of("buckets", 4)).status()).isEqualTo(200);
        Api.Response flash = hq.put("/api/goods/stock/FLASH-2/WH-SH/flash-sale", Map.of());
        assertThat(flash.status()).isEqualTo(409);
        assertThat(flash.body()).contains("hot mode");
        assertThat(api.as(tokens.storeStaff("9")).put("/api/goods/stock/FLASH-2/WH-SH/flash-sale", Map.of()).status()).isEqualTo(403);

        Api.Response unknown = hq.put("/api/goods/stock/NO-SUCH-SKU/WH-SH/flash-sale", Map.of());
        assertThat(unknown.status()).isEqualTo(404);
        assertThat(unknown.header("Content-Type")).startsWith("application/problem+json");
        assertThat(hq.put("/api/goods/stock/FLASH-2/NO-SUCH-PLACE/flash-sale", Map.of()).status()).isEqualTo(404);
        assertThat(hq.put("/api/goods/stock/" + "X".repeat(300) + "/WH-SH/flash-sale", Map.of()).status()).as("an absurd code").isIn(400, 404);
    }

    @Test
    void expiredHoldsAreReleasedExactlyOnceByTwoCompetingWorkers(Tokens tokens) throws Exception {
        receive(tokens, "EXP-1", "WH-SH", 30, "PO-3", clock.instant());
        Api shop = api.as(tokens.shopBackend());
        for (int i = 0; i < 30; i++) {
            assertThat(shop.post("/api/goods/reservations", Map.of("sku", "EXP-1", "location", "WH-SH", "quantity", 1, "channel", "ONLINE",
                    "orderReference", "SO-E-" + i, "ttlSeconds", 60)).status()).isEqualTo(201);
        }
        assertThat(level(tokens, "EXP-1", "WH-SH").path("reserved").asLong()).isEqualTo(30);
        clock.advance(Duration.ofSeconds(61));
        List<Callable<Integer>> workers = List.of(() -> drain(), () -> drain());
        int ended = 0;
        try (ExecutorService pool = Executors.newFixedThreadPool(2)) {
            for (Future<Integer> worker : pool.invokeAll(workers)) {
                ended += worker.get();
            }
        }
        assertThat(ended).isEqualTo(30);
        assertThat(level(tokens, "EXP-1", "WH-SH").path("reserved").asLong()).isZero();
        assertThat(jdbc.sql("SELECT COUNT(*) FROM reservation WHERE sku_code = 'EXP-1' AND status = 'EXPIRED'").query(Long.class).single()).isEqualTo(30L);
    }

    /**
     * A hot level's due holds go back in one UPDATE of the level per batch, not one per hold: under load every
     * UPDATE of that row queues behind the shoppers' own, so one per hold let expiry fall behind the holds made.
     */
    @Test
    void dueHoldsOnOneLevelGoBackInOneUpdateOfTheLevelPerBatch(Tokens tokens, @Autowired org.springframework.transaction.PlatformTransactionManager manager) {
        receive(tokens, "EXP-2", "WH-SH", 200, "PO-E2", clock.instant());
        receive(tokens, "EXP-3", "WH-SH", 200, "PO-E3", clock.instant());
        Api shop = api.as(tokens.shopBackend());
        for (int i = 0; i < 120; i++) {
            assertThat(shop.post("/api/goods/reservations", Map.of("sku", i % 3 == 0 ? "EXP-3" : "EXP-2", "location", "WH-SH", "quantity", 1 + i % 2,
                    "channel", "ONLINE", "orderReference", "SO-E2-" + i, "ttlSeconds", 60)).status()).isEqualTo(201);
        }
        clock.advance(Duration.ofSeconds(61));
        // One transaction around the batch, so the session's own statement counter is the batch's.
        org.springframework.transaction.support.TransactionTemplate around = new org.springframework.transaction.support.TransactionTemplate(manager);
        long[] updatesAndEnded = around.execute(status -> {
            long before = sessionUpdates();
            int ended = reservations.expireDue(500);
            return new long[] { sessionUpdates() - before, ended };
        });
        // Other classes' holds in the same database may fall due in the same batch: the bound counts what it ended.
        long levels = jdbc.sql("SELECT COUNT(DISTINCT sku_code, location_code) FROM reservation WHERE status = 'EXPIRED' AND closed_at = :at AND bucket_no IS NULL")
                .param("at", SqlTime.of(clock.instant())).query(Long.class).single();
        long bucketHolds = jdbc.sql("SELECT COUNT(*) FROM reservation WHERE status = 'EXPIRED' AND closed_at = :at AND bucket_no IS NOT NULL")
                .param("at", SqlTime.of(clock.instant())).query(Long.class).single();
        assertThat(updatesAndEnded[1]).isGreaterThanOrEqualTo(120);
        assertThat(levels).isGreaterThanOrEqualTo(2);
        assertThat(updatesAndEnded[0]).as("the holds' status in one statement, then one per level (%d ended)", updatesAndEnded[1])
                .isLessThanOrEqualTo(1 + levels + 3 * bucketHolds);
        assertThat(level(tokens, "EXP-2", "WH-SH").path("reserved").asLong()).isZero();
        assertThat(level(tokens, "EXP-3", "WH-SH").path("reserved").asLong()).isZero();
        assertThat(jdbc.sql("SELECT COUNT(*) FROM reservation WHERE sku_code IN ('EXP-2', 'EXP-3') AND status = 'EXPIRED' AND closed_at IS NOT NULL")
                .query(Long.class).single()).isEqualTo(120L);
        assertThat(reservations.expireDue(500)).as("nothing twice").isZero();
    }

    private long sessionUpdates() {
        return jdbc.sql("SHOW SESSION STATUS LIKE 'Com_update'").query((rs, n) -> rs.getLong(2)).single();
    }

    private int drain() {
        int total = 0;
        int batch;
        do {
            batch = reservations.expireDue(3);
            total += batch;
        } while (batch > 0);
        return total;
    }

    @Test
    void anOutOfOrderPosBatchAndCountsGiveTheCorrectLevel(Tokens tokens) {
        Instant day = Instant.parse("2026-11-20T00:00:00Z");
        Api till = api.as(tokens.pos("9"));
        java.util.function.BiFunction<String, Object[], Api.Response> move = (cause, args) -> till.post("/api/goods/stock/movements",
                Map.of("sku", "SHIRT-1", "location", "9", "cause", cause, "quantity", args[0], "businessTime", day.plus((Duration) args[1]).toString(),
                        "reference", args[2]));
        receive(tokens, "SHIRT-1", "9", 20, "DEL-1", day.plus(Duration.ofHours(8)));
        move.apply("POS_SALE", new Object[] { -1, Duration.ofHours(10), "9-1-100" });
        move.apply("COUNT", new Object[] { 15, Duration.ofHours(12), "count-noon" });
        assertThat(level(tokens, "SHIRT-1", "9").path("onHand").asLong()).isEqualTo(15);
        // The till was offline: a sale from 11:00 arrives after the noon count, which already counted it.
        assertThat(move.apply("POS_SALE", new Object[] { -2, Duration.ofHours(11), "9-1-101" }).json().path("movement").path("effectiveDelta").asLong())
                .isZero();
        move.apply("POS_SALE", new Object[] { -1, Duration.ofHours(13), "9-1-103" });
        move.apply("POS_RETURN", new Object[] { 1, Duration.ofMinutes(12 * 60 + 30), "9-1-102" });
        move.apply("COUNT", new Object[] { 30, Duration.ofHours(9), "count-morning" });
        assertThat(level(tokens, "SHIRT-1", "9").path("onHand").asLong()).as("15 counted at noon, -1 + 1 after it").isEqualTo(15);
        // A later count is re-applied on top: 14 counted at 13:30, then the 13:00 sale is before it, nothing after.
        move.apply("COUNT", new Object[] { 14, Duration.ofMinutes(13 * 60 + 30), "count-afternoon" });
        assertThat(level(tokens, "SHIRT-1", "9").path("onHand").asLong()).isEqualTo(14);
        assertThat(move.apply("POS_SALE", new Object[] { -1, Duration.ofHours(13), "9-1-103" }).status()).as("a resent sale").isEqualTo(200);
        Map<String, Object> secondLine = new java.util.HashMap<>(Map.of("sku", "SHIRT-1", "location", "9", "cause", "POS_SALE", "quantity", -1,
                "businessTime", day.plus(Duration.ofHours(14)).toString(), "reference", "9-1-105", "line", "1"));
        assertThat(till.post("/api/goods/stock/movements", secondLine).status()).isEqualTo(201);
        secondLine.put("line", "2");
        assertThat(till.post("/api/goods/stock/movements", secondLine).status()).as("the same SKU on another line of one receipt").isEqualTo(201);
        assertThat(level(tokens, "SHIRT-1", "9").path("onHand").asLong()).isEqualTo(12);

        // A sale is a fact even beyond what the system thinks is on the shelf; the level is flagged.
        move.apply("POS_SALE", new Object[] { -20, Duration.ofHours(15), "9-1-104" });
        assertThat(level(tokens, "SHIRT-1", "9").path("onHand").asLong()).isEqualTo(-8);
        assertThat(api.as(tokens.hqAnalyst()).get("/api/goods/stock/negative").json().toString()).contains("SHIRT-1");
        assertThat(ledger.sumOfEffectiveDeltas("SHIRT-1", "9")).as("on hand is the sum of its movements").isEqualTo(-8);
    }

    @Test
    void shoppersSeeAvailabilityNearestFirstWhileOnlyStoresTouchTheirStock(Tokens tokens) {
        receive(tokens, "SHIRT-2", "9", 5, "DEL-9", clock.instant());
        receive(tokens, "SHIRT-2", "12", 1, "DEL-12", clock.instant());
        Api.Response nearest = api.as(tokens.customer("bob")).get("/api/goods/skus/SHIRT-2/availability?near=31.196,121.437&pickupOnly=true");
        assertThat(nearest.status()).as(nearest.toString()).isEqualTo(200);
        JsonNode near = nearest.json();
        assertThat(near.get(0).path("location").asString()).as("Xujiahui is nearest").isEqualTo("12");
        assertThat(near.get(0).path("availableOnline").asLong()).as("1 on hand less its online buffer of 1").isZero();
        assertThat(near.get(1).path("availableOnline").asLong()).isEqualTo(3);

        assertThat(api.as(tokens.pos("9")).post("/api/goods/stock/movements", Map.of("sku", "SHIRT-2", "location", "12", "cause", "POS_SALE",
                "quantity", -1, "businessTime", clock.instant().toString(), "reference", "x")).status()).isEqualTo(403);
        assertThat(api.as(tokens.customer("bob")).get("/api/goods/stock/SHIRT-2").status()).isEqualTo(403);
        Api.Response wrongSign = api.as(tokens.pos("9")).post("/api/goods/stock/movements", Map.of("sku", "SHIRT-2", "location", "9",
                "cause", "POS_SALE", "quantity", 1, "businessTime", clock.instant().toString(), "reference", "y"));
        assertThat(wrongSign.status()).isEqualTo(400);

        Api.Response held = api.as(tokens.customer("alice")).post("/api/goods/reservations", Map.of("sku", "SHIRT-2", "location", "9",
                "quantity", 2, "channel", "ONLINE", "orderReference", "pickup-1"));
        assertThat(held.status()).as(held.toString()).isEqualTo(201);
        String id = held.json().path("reservation").path("id").asString();
        // The test's clock stands still unless moved: the second hold is a second younger.
        clock.advance(java.time.Duration.ofSeconds(1));
        assertThat(api.as(tokens.shopBackend()).post("/api/goods/reservations", Map.of("sku", "SHIRT-2", "location", "9",
                "quantity", 1, "channel", "ONLINE", "orderReference", "pickup-2")).status()).isEqualTo(201);
        // The level's open holds, oldest first, a page at a time: for HQ and the store they are at.
        JsonNode first = api.as(tokens.storeStaff("9")).header("API-Version", "2").get("/api/goods/stock/SHIRT-2/9/holds?limit=1").json();
        assertThat(first.path("items").get(0).path("id").asString()).isEqualTo(id);
        JsonNode second = api.as(tokens.hqAnalyst()).header("API-Version", "2")
                .get("/api/goods/stock/SHIRT-2/9/holds?limit=1&cursor=" + first.path("next").asString()).json();
        assertThat(second.path("items").get(0).path("quantity").asLong()).isEqualTo(1);
        assertThat(second.has("next")).isFalse();
        assertThat(api.as(tokens.storeStaff("12")).get("/api/goods/stock/SHIRT-2/9/holds").status()).as("another store's").isEqualTo(403);
        assertThat(api.as(tokens.customer("bob")).get("/api/goods/stock/SHIRT-2/9/holds").status()).isEqualTo(403);
        assertThat(api.as(tokens.hqAdmin()).get("/api/goods/stock/SHIRT-2/9/holds?limit=1001").json().path("errors").get(0).path("field")
                .asString()).isEqualTo("limit");
        assertThat(api.as(tokens.customer("bob")).get("/api/goods/reservations/" + id).status()).isEqualTo(404);
        assertThat(api.as(tokens.customer("alice")).post("/api/goods/reservations/" + id + "/confirmation", Map.of()).status()).isEqualTo(403);
        assertThat(api.as(tokens.pos("9")).post("/api/goods/reservations/" + id + "/confirmation", Map.of()).json().path("status").asString())
                .as("picked up at store 9").isEqualTo("CONFIRMED");
        assertThat(level(tokens, "SHIRT-2", "9").path("onHand").asLong()).isEqualTo(3);
        assertThat(api.as(tokens.hqAdmin()).get("/api/goods/stock/SHIRT-2/9/holds").json().findValuesAsString("id")).as("a confirmed hold is closed")
                .doesNotContain(id).hasSize(1);
        assertThat(api.as(tokens.customer("alice")).post("/api/goods/reservations/" + id + "/release", Map.of()).status()).isEqualTo(409);
    }

    @Test
    void aStoreReadsTheMovementsAndNegativeLevelsOfItsOwnLocationOnly(Tokens tokens) {
        for (String store : List.of("9", "12")) {
            Api.Response sold = api.as(tokens.pos(store)).post("/api/goods/stock/movements", Map.of("sku", "SHIRT-3", "location", store,
                    "cause", "POS_SALE", "quantity", -2, "businessTime", clock.instant().toString(), "reference", store + "-1-SOLD-UNCOUNTED"));
            assertThat(sold.status()).as(sold.toString()).isIn(200, 201);
        }
        for (String other : List.of(tokens.pos("12"), tokens.storeStaff("12"))) {
            Api.Response movements = api.as(other).get("/api/goods/stock/SHIRT-3/9/movements");
            assertThat(movements.status()).as("store 12 reads store 9's movements: " + movements).isEqualTo(403);
            assertThat(movements.body()).doesNotContain("9-1-SOLD-UNCOUNTED");
        }
        assertThat(api.as(tokens.pos("9")).get("/api/goods/stock/SHIRT-3/9/movements").json()).hasSize(1);

        JsonNode seenBy12 = api.as(tokens.storeStaff("12")).get("/api/goods/stock/negative").json();
        assertThat(seenBy12.findValuesAsString("location")).as("store 12's negative levels only").containsOnly("12");
        JsonNode seenByHq = api.as(tokens.hqAnalyst()).get("/api/goods/stock/negative?limit=1000").json();
        assertThat(seenByHq.findValuesAsString("location")).contains("9", "12");
        assertThat(api.as(tokens.hqAnalyst()).get("/api/goods/stock/negative?limit=1").json()).hasSize(1);
        assertThat(api.as(tokens.hqAnalyst()).get("/api/goods/stock/negative?limit=100000").status()).isEqualTo(400);

        // Version 2 pages them: negative levels by location and SKU, movements the latest first.
        Api hqV2 = api.as(tokens.hqAnalyst()).header("API-Version", "2");
        List<String> levels = new java.util.ArrayList<>();
        String cursor = "";
        for (int page = 0; page < 50 && cursor != null; page++) {
            JsonNode body = hqV2.get("/api/goods/stock/negative?limit=1&cursor=" + cursor).json();
            body.path("items").forEach(level -> levels.add(level.path("location").asString() + "/" + level.path("sku").asString()));
            cursor = body.has("next") ? body.path("next").asString() : null;
        }
        assertThat(levels).contains("9/SHIRT-3", "12/SHIRT-3").doesNotHaveDuplicates().isSorted();
        api.as(tokens.pos("9")).post("/api/goods/stock/movements", Map.of("sku", "SHIRT-3", "location", "9", "cause", "POS_SALE", "quantity", -1,
                "businessTime", clock.instant().plusSeconds(1).toString(), "reference", "9-1-SOLD-LATER"));
        JsonNode first = api.as(tokens.pos("9")).header("API-Version", "2").get("/api/goods/stock/SHIRT-3/9/movements?limit=1").json();
        assertThat(first.path("items").get(0).path("reference").asString()).isEqualTo("9-1-SOLD-LATER");
        JsonNode second = api.as(tokens.pos("9")).header("API-Version", "2")
                .get("/api/goods/stock/SHIRT-3/9/movements?limit=1&cursor=" + first.path("next").asString()).json();
        assertThat(second.path("items").get(0).path("reference").asString()).isEqualTo("9-1-SOLD-UNCOUNTED");
        assertThat(second.has("next")).isFalse();
    }

    @Test
    void theReadOnlyAnalystAndTheTillRelayChangeNoHoldTransferOrSafetyStock(Tokens tokens) {
        receive(tokens, "HOLD-RO", "WH-SH", 10, "PO-RO", clock.instant());
        Api.Response held = api.as(tokens.shopBackend()).post("/api/goods/reservations", Map.of("sku", "HOLD-RO", "location", "WH-SH",
                "quantity", 1, "channel", "ONLINE", "orderReference", "SO-RO-1"));
        assertThat(held.status()).as(held.toString()).isEqualTo(201);
        String hold = held.json().path("reservation").path("id").asString();
        Api analyst = api.as(tokens.hqAnalyst());
        assertThat(analyst.get("/api/goods/reservations/" + hold).status()).as("the analyst reads").isEqualTo(200);
        assertThat(analyst.post("/api/goods/reservations/" + hold + "/confirmation", Map.of()).status()).isEqualTo(403);
        assertThat(analyst.post("/api/goods/reservations/" + hold + "/release", Map.of()).status()).isEqualTo(403);
        assertThat(api.as(tokens.shopBackend()).get("/api/goods/reservations/" + hold).json().path("status").asString()).isEqualTo("HELD");

        // channel-sync-svc relays what tills recorded (movements); it ships and receives nothing and keeps no stock back.
        Api relay = api.as(tokens.clientCredentials("channel-sync", "channel-sync-secret"));
        assertThat(relay.post("/api/goods/transfers", Map.of("sku", "HOLD-RO", "from", "WH-SH", "to", "9", "quantity", 1, "reference", "TR-RO"))
                .status()).isEqualTo(403);
        assertThat(relay.put("/api/goods/stock/HOLD-RO/9/safety-stock", Map.of("safetyStock", 3)).status()).isEqualTo(403);
        String shipped = api.as(tokens.hqAdmin()).post("/api/goods/transfers", Map.of("sku", "HOLD-RO", "from", "WH-SH", "to", "9", "quantity", 1,
                "reference", "TR-RO-2")).json().path("id").asString();
        assertThat(relay.post("/api/goods/transfers/" + shipped + "/receipt", Map.of("quantityReceived", 1)).status()).isEqualTo(403);
        assertThat(api.as(tokens.pos("9")).post("/api/goods/transfers/" + shipped + "/receipt", Map.of("quantityReceived", 1)).status())
                .isEqualTo(200);
    }

    @Test
    void aTransferIsInTransitUntilReceivedAndKeepsWhatWentMissing(Tokens tokens) {
        receive(tokens, "MOVE-1", "WH-SH", 10, "PO-M", clock.instant());
        Map<String, Object> shipment = Map.of("sku", "MOVE-1", "from", "WH-SH", "to", "9", "quantity", 6, "reference", "TR-1");
        assertThat(api.as(tokens.pos("9")).post("/api/goods/transfers", shipment).status()).as("the warehouse ships, not the store").isEqualTo(403);
        Api.Response sent = api.as(tokens.hqAdmin()).post("/api/goods/transfers", shipment);
        assertThat(sent.status()).as(sent.toString()).isEqualTo(201);
        assertThat(api.as(tokens.hqAdmin()).post("/api/goods/transfers", shipment).json().path("id").asString())
                .as("a resent shipment is the same transfer").isEqualTo(sent.json().path("id").asString());
        String id = sent.json().path("id").asString();
        assertThat(sent.json().path("status").asString()).isEqualTo("IN_TRANSIT");
        assertThat(level(tokens, "MOVE-1", "WH-SH").path("onHand").asLong()).isEqualTo(4);
        assertThat(api.as(tokens.pos("9")).get("/api/goods/transfers?location=9&status=IN_TRANSIT").json()).hasSize(1);
        // Another store sees neither the transfer nor the list of store 9's.
        assertThat(api.as(tokens.pos("12")).get("/api/goods/transfers/" + id).status()).isEqualTo(404);
        assertThat(api.as(tokens.storeStaff("12")).get("/api/goods/transfers/" + id).status()).isEqualTo(404);
        assertThat(api.as(tokens.pos("12")).get("/api/goods/transfers?location=9").status()).isEqualTo(403);
        assertThat(api.as(tokens.pos("9")).get("/api/goods/transfers/" + id).status()).isEqualTo(200);
        assertThat(api.as(tokens.hqAnalyst()).get("/api/goods/transfers?location=9").status()).isEqualTo(200);

        assertThat(api.as(tokens.pos("12")).post("/api/goods/transfers/" + id + "/receipt", Map.of("quantityReceived", 5)).status()).isEqualTo(403);
        JsonNode received = api.as(tokens.pos("9")).post("/api/goods/transfers/" + id + "/receipt",
                Map.of("quantityReceived", 5, "note", "one carton crushed")).json();
        assertThat(received.path("status").asString()).isEqualTo("RECEIVED_SHORT");
        assertThat(received.path("discrepancy").asLong()).isEqualTo(1);
        assertThat(level(tokens, "MOVE-1", "9").path("onHand").asLong()).isEqualTo(5);
        assertThat(api.as(tokens.pos("9")).post("/api/goods/transfers/" + id + "/receipt", Map.of("quantityReceived", 6)).status()).isEqualTo(409);
    }

    @Test
    void returnedItemsWaitForInspectionThenGoBackOnTheShelfOrToDamaged(Tokens tokens) {
        Api till = api.as(tokens.pos("12"));
        java.util.function.BiFunction<String, Long, Api.Response> move = (cause, quantity) -> till.post("/api/goods/stock/movements",
                Map.of("sku", "MOVE-1", "location", "12", "cause", cause, "quantity", quantity, "businessTime", clock.instant().toString(),
                        "reference", cause + "-" + quantity));
        assertThat(move.apply("RETURN_RECEIVED", 3L).status()).isEqualTo(201);
        JsonNode level = level(tokens, "MOVE-1", "12");
        assertThat(level.path("returnedPending").asLong()).isEqualTo(3);
        assertThat(level.path("onHand").asLong()).as("not on the shelf before inspection").isZero();
        move.apply("INSPECTED_RESTOCK", 2L);
        move.apply("INSPECTED_DAMAGED", 1L);
        level = level(tokens, "MOVE-1", "12");
        assertThat(level.path("onHand").asLong()).isEqualTo(2);
        assertThat(level.path("damaged").asLong()).isEqualTo(1);
        assertThat(level.path("returnedPending").asLong()).isZero();
        Api.Response nothingLeft = move.apply("INSPECTED_DAMAGED", 5L);
        assertThat(nothingLeft.status()).isEqualTo(409);
        assertThat(ledger.sumOfEffectiveDeltas("MOVE-1", "12")).isEqualTo(2);
    }

    @Test
    void afterSalesMovesReturnedGoodsAtAnyLocationAndNothingElse(Tokens tokens) {
        Api aftersales = api.as(tokens.aftersales());
        java.util.function.BiFunction<String, String, Api.Response> move = (cause, location) -> aftersales.post("/api/goods/stock/movements",
                Map.of("sku", "MOVE-1", "location", location, "cause", cause, "quantity", 1, "businessTime", clock.instant().toString(),
                        "reference", "case-" + cause + "-" + location));
        assertThat(move.apply("RETURN_RECEIVED", "9").status()).isEqualTo(201);
        assertThat(move.apply("RETURN_RECEIVED", "12").status()).isEqualTo(201);
        assertThat(move.apply("INSPECTED_RESTOCK", "12").status()).isEqualTo(201);
        assertThat(move.apply("RECEIPT", "12").status()).as("no stock out of thin air").isEqualTo(403);
        assertThat(move.apply("POS_RETURN", "9").status()).isEqualTo(403);
        assertThat(api.as(tokens.pos("9")).post("/api/goods/stock/movements", Map.of("sku", "MOVE-1", "location", "12", "cause", "RETURN_RECEIVED",
                "quantity", 1, "businessTime", clock.instant().toString(), "reference", "not-my-store")).status())
                .as("a store still moves only its own").isEqualTo(403);
    }
}
