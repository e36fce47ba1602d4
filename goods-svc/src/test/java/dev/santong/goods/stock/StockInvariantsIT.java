package dev.santong.goods.stock;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
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

import dev.santong.platform.testkit.Api;
import dev.santong.platform.testkit.MutableClock;
import dev.santong.platform.testkit.MutableClockConfiguration;
import dev.santong.platform.testkit.StackTest;
import dev.santong.platform.testkit.Tokens;
import tools.jackson.databind.JsonNode;

/** What no clock, caller or sequence of inputs may break: on hand follows sales, buckets never outlive stock, no hoarding. */
@StackTest
@Import(MutableClockConfiguration.class)
@TestPropertySource(properties = { "santong.reservations.expiry-interval=PT1H", "santong.stock.future-tolerance=PT5M",
        "santong.reservations.shopper.max-units-per-sku=5", "santong.reservations.shopper.max-open-holds=10",
        "santong.reservations.shopper.max-ttl=PT30M" })
class StockInvariantsIT {

    @Autowired
    Api api;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    MutableClock clock;

    @Autowired
    StockLedger ledger;

    @Autowired
    StockReservations reservations;

    private static Api relay(Api api, Tokens tokens) {
        return api.as(tokens.clientCredentials("channel-sync", "channel-sync-secret"));
    }

    @BeforeEach
    void locationsAndSkus(Tokens tokens) {
        Api hq = api.as(tokens.hqAdmin());
        hq.put("/api/goods/locations/WH-SH", Map.of("name", "Shanghai warehouse", "kind", "WAREHOUSE", "pickupEnabled", false, "onlineBuffer", 0));
        hq.put("/api/goods/locations/9", Map.of("name", "Store 9", "kind", "STORE", "pickupEnabled", true, "onlineBuffer", 2, "pickupBuffer", 1));
        hq.put("/api/goods/locations/12", Map.of("name", "Store 12", "kind", "STORE", "pickupEnabled", true, "onlineBuffer", 1));
        for (String sku : List.of("CLOCK-1", "CLOCK-2", "HOTS-1", "HOARD-1", "HOARD-2", "HOARD-3", "BUF-1", "LATE-1")) {
            hq.post("/api/goods/skus", Map.of("code", sku, "name", "Test " + sku, "warrantyMonths", 0));
        }
    }

    private Api.Response move(Api as, String sku, String location, String cause, long quantity, Instant at, String reference) {
        return as.post("/api/goods/stock/movements", Movement.of(cause, sku, quantity).at(location).on(at).reference(reference).body());
    }

    private Api.Response relayed(Tokens tokens, String sku, String location, String cause, long quantity, Instant at, String reference) {
        return relay(api, tokens).post("/api/goods/stock/movement-batches",
                Movement.batch(Movement.of(cause, sku, quantity).at(location).on(at).reference(reference).line("1")));
    }

    private JsonNode level(Tokens tokens, String sku, String location) {
        return Levels.of(api, tokens, sku, location);
    }

    private long onHand(Tokens tokens, String sku, String location) {
        return level(tokens, sku, location).path("onHand").asLong();
    }

    /** The shop's server holds one unit for an order and confirms it; the status of each step. */
    private int[] holdAndConfirm(Tokens tokens, String sku, String location, String order) {
        Api shop = api.as(tokens.shopBackend());
        Api.Response held = shop.post("/api/goods/reservations", Map.of("sku", sku, "location", location, "quantity", 1, "channel", "ONLINE",
                "orderReference", order));
        if (held.status() != 201) {
            return new int[] { held.status(), 0 };
        }
        Api.Response confirmed = shop.post("/api/goods/reservations/" + held.json().path("reservation").path("id").asString() + "/confirmation", Map.of());
        return new int[] { held.status(), confirmed.status() };
    }

    // ------------------------------------------------------------------ 1. no input freezes a level

    @Test
    void aFutureDatedCountIsRefusedOnTheApiAndClampedAndFlaggedWhenATillReportedIt(Tokens tokens) {
        Instant now = clock.instant();
        assertThat(move(api.as(tokens.hqAdmin()), "CLOCK-1", "9", "RECEIPT", 10, now.minusSeconds(60), "DEL-C1").status()).isEqualTo(201);

        Api.Response refused = move(api.as(tokens.pos("9")), "CLOCK-1", "9", "COUNT", 10, Instant.parse("2099-01-01T00:00:00Z"), "count-2099");
        assertThat(refused.status()).as(refused.toString()).isEqualTo(400);
        assertThat(refused.json().path("errors").get(0).path("field").asString()).isEqualTo("businessTime");
        assertThat(onHand(tokens, "CLOCK-1", "9")).as("nothing of the refused count").isEqualTo(10);

        // A till's clock said 2099: the fact is kept, dated when it arrived, and flagged for the store's reconciliation.
        Api.Response clamped = relayed(tokens, "CLOCK-1", "9", "COUNT", 10, Instant.parse("2099-01-01T00:00:00Z"), "9-20990101-1-1");
        assertThat(clamped.status()).as(clamped.toString()).isEqualTo(201);
        JsonNode flagged = api.as(tokens.pos("9")).get("/api/goods/stock/flagged-movements?location=9").json();
        assertThat(flagged).hasSize(1);
        assertThat(flagged.get(0).path("declaredTime").asString()).isEqualTo("2099-01-01T00:00:00Z");
        assertThat(Instant.parse(flagged.get(0).path("businessTime").asString())).isEqualTo(now.truncatedTo(java.time.temporal.ChronoUnit.MICROS));
        assertThat(flagged.get(0).path("flag").asString()).isEqualTo("FUTURE_BUSINESS_TIME");
        assertThat(api.as(tokens.pos("12")).get("/api/goods/stock/flagged-movements?location=9").status()).isEqualTo(403);

        clock.advance(Duration.ofSeconds(1));
        int[] sold = holdAndConfirm(tokens, "CLOCK-1", "9", "SO-C1");
        assertThat(sold).containsExactly(201, 200);
        assertThat(onHand(tokens, "CLOCK-1", "9")).as("a confirmed sale after the clamped count leaves the shelf").isEqualTo(9);
        assertThat(ledger.sumOfEffectiveDeltas("CLOCK-1", "9")).isEqualTo(9);
    }

    @Test
    void aBusinessTimeWithinTheToleranceIsTakenAsArrivalSoItCannotFreezeTheLevelEither(Tokens tokens) {
        Instant now = clock.instant();
        move(api.as(tokens.hqAdmin()), "CLOCK-2", "9", "RECEIPT", 10, now.minusSeconds(60), "DEL-C2");
        // Four minutes ahead: a slightly fast till. Accepted, but not dated after the moment it arrived.
        Api.Response count = move(api.as(tokens.pos("9")), "CLOCK-2", "9", "COUNT", 10, now.plus(Duration.ofMinutes(4)), "count-fast");
        assertThat(count.status()).as(count.toString()).isEqualTo(201);
        assertThat(Instant.parse(count.json().path("movement").path("businessTime").asString())).isEqualTo(now.truncatedTo(java.time.temporal.ChronoUnit.MICROS));
        clock.advance(Duration.ofSeconds(1));
        assertThat(holdAndConfirm(tokens, "CLOCK-2", "9", "SO-C2")).containsExactly(201, 200);
        assertThat(onHand(tokens, "CLOCK-2", "9")).isEqualTo(9);
    }

    /**
     * Whatever the dates of the movements a till, a relay or HQ sends (past, slightly ahead, far ahead), every confirmed
     * sale afterwards takes its unit off on hand, and on hand stays the sum of the movements.
     */
    @Test
    void noSequenceOfDatedMovementsStopsOnHandFollowingConfirmedSales(Tokens tokens) {
        long seed = Long.getLong("santong.test.seed", 20261202L);
        Random random = new Random(seed);
        move(api.as(tokens.hqAdmin()), "CLOCK-2", "12", "RECEIPT", 1_000, clock.instant().minusSeconds(3600), "DEL-SEQ");
        Duration[] offsets = { Duration.ofDays(-3), Duration.ofHours(-2), Duration.ofMinutes(-1), Duration.ZERO, Duration.ofMinutes(3),
                Duration.ofMinutes(6), Duration.ofDays(2), Duration.ofDays(365 * 70) };
        String[] causes = { "COUNT", "POS_SALE", "POS_RETURN", "ADJUSTMENT", "RECEIPT" };
        for (int step = 0; step < 60; step++) {
            clock.advance(Duration.ofSeconds(1 + random.nextInt(30)));
            String cause = causes[random.nextInt(causes.length)];
            long quantity = switch (cause) {
                case "COUNT" -> 200 + random.nextInt(50);
                case "POS_SALE" -> -1 - random.nextInt(3);
                case "ADJUSTMENT" -> random.nextBoolean() ? 2 : -2;
                default -> 1 + random.nextInt(3);
            };
            Instant at = clock.instant().plus(offsets[random.nextInt(offsets.length)]);
            String reference = "seq-" + step;
            Api.Response moved = random.nextBoolean() ? relayed(tokens, "CLOCK-2", "12", cause, quantity, at, reference)
                    : move(api.as(random.nextBoolean() ? tokens.pos("12") : tokens.hqAdmin()), "CLOCK-2", "12", cause, quantity, at, reference);
            assertThat(moved.status()).as("seed %d step %d: %s", seed, step, moved).isIn(201, 400);
            clock.advance(Duration.ofSeconds(1));
            long before = onHand(tokens, "CLOCK-2", "12");
            assertThat(holdAndConfirm(tokens, "CLOCK-2", "12", "SO-SEQ-" + step)).as("seed %d step %d", seed, step).containsExactly(201, 200);
            assertThat(onHand(tokens, "CLOCK-2", "12")).as("seed %d step %d: the confirmed sale left the shelf", seed, step).isEqualTo(before - 1);
        }
        assertThat(ledger.sumOfEffectiveDeltas("CLOCK-2", "12")).isEqualTo(onHand(tokens, "CLOCK-2", "12"));
        assertThat(jdbc.sql("SELECT COUNT(*) FROM stock_movement WHERE business_time > recorded_at").query(Long.class).single())
                .as("no movement dated after it arrived").isZero();
    }

    // ------------------------------------------------------------------ 2. buckets never outlive the stock

    private void assertBucketsCovered(Tokens tokens, String sku, String location, String after) {
        JsonNode level = level(tokens, sku, location);
        long inBuckets = reservations.inBuckets(sku, location);
        long heldOnLevel = level.path("reserved").asLong() - inBuckets;
        long cover = Math.max(0, level.path("onHand").asLong() - heldOnLevel - level.path("safetyStock").asLong());
        assertThat(inBuckets).as("after %s: units the buckets can still give (%d) within on hand - held - safety (%d)", after, inBuckets, cover)
                .isLessThanOrEqualTo(cover);
    }

    @Test
    void hotModeBucketsShrinkWhenOnHandFallsWhateverMakesItFall(Tokens tokens) throws Exception {
        Instant now = clock.instant();
        Api hq = api.as(tokens.hqAdmin());
        move(hq, "HOTS-1", "9", "RECEIPT", 40, now.minusSeconds(60), "DEL-H");
        assertThat(hq.put("/api/goods/stock/HOTS-1/9/hot-mode", Map.of("buckets", 4)).status()).isEqualTo(200);
        assertThat(reservations.inBuckets("HOTS-1", "9")).as("40 less the online buffer of 2").isEqualTo(38);

        clock.advance(Duration.ofSeconds(1));
        move(api.as(tokens.pos("9")), "HOTS-1", "9", "POS_SALE", -10, clock.instant(), "9-till-sale");
        assertBucketsCovered(tokens, "HOTS-1", "9", "a till sale");
        assertThat(hq.post("/api/goods/transfers", Map.of("sku", "HOTS-1", "from", "9", "to", "WH-SH", "quantity", 8, "reference", "TR-H"))
                .status()).isEqualTo(201);
        assertBucketsCovered(tokens, "HOTS-1", "9", "a transfer out");
        clock.advance(Duration.ofSeconds(1));
        move(api.as(tokens.pos("9")), "HOTS-1", "9", "ADJUSTMENT", -3, clock.instant(), "damaged-on-shelf");
        assertBucketsCovered(tokens, "HOTS-1", "9", "damage written off");
        hq.put("/api/goods/stock/HOTS-1/9/safety-stock", Map.of("safetyStock", 4));
        assertBucketsCovered(tokens, "HOTS-1", "9", "more safety stock");
        clock.advance(Duration.ofSeconds(1));
        move(api.as(tokens.pos("9")), "HOTS-1", "9", "COUNT", 12, clock.instant(), "count-h");
        assertBucketsCovered(tokens, "HOTS-1", "9", "a count");

        // 12 on the shelf, 4 safety, 2 online buffer: 6 can be held online, not one more.
        List<Callable<Integer>> calls = new ArrayList<>();
        Api shop = api.as(tokens.shopBackend());
        for (int i = 0; i < 40; i++) {
            Map<String, Object> body = Map.of("sku", "HOTS-1", "location", "9", "quantity", 1, "channel", "ONLINE", "orderReference", "SO-HS-" + i);
            calls.add(() -> shop.post("/api/goods/reservations", body).status());
        }
        long held = 0;
        try (ExecutorService pool = Executors.newFixedThreadPool(20)) {
            for (Future<Integer> status : pool.invokeAll(calls)) {
                held += status.get() == 201 ? 1 : 0;
            }
        }
        assertThat(held).isEqualTo(6);
        assertBucketsCovered(tokens, "HOTS-1", "9", "the holds");
        JsonNode level = level(tokens, "HOTS-1", "9");
        assertThat(level.path("onHand").asLong() - level.path("reserved").asLong() - level.path("safetyStock").asLong())
                .as("the online buffer is still on the shelf").isEqualTo(2);
    }

    // ------------------------------------------------------------------ 3. a shopper cannot hoard

    private Api.Response shopperHold(String token, String sku, long quantity, String order, Long ttlSeconds) {
        Map<String, Object> body = new HashMap<>(Map.of("sku", sku, "location", "WH-SH", "quantity", quantity, "channel", "ONLINE",
                "orderReference", order));
        if (ttlSeconds != null) {
            body.put("ttlSeconds", ttlSeconds);
        }
        return api.as(token).post("/api/goods/reservations", body);
    }

    @Test
    void aShopperHoldsAtMostTheCapsWhateverTheOrderReferencesAndHowFastTheyAsk(Tokens tokens) throws Exception {
        move(api.as(tokens.hqAdmin()), "HOARD-1", "WH-SH", "RECEIPT", 1_000, clock.instant().minusSeconds(60), "DEL-HO1");
        move(api.as(tokens.hqAdmin()), "HOARD-2", "WH-SH", "RECEIPT", 1_000, clock.instant().minusSeconds(60), "DEL-HO2");
        move(api.as(tokens.hqAdmin()), "HOARD-3", "WH-SH", "RECEIPT", 10, clock.instant().minusSeconds(60), "DEL-HO3");
        String alice = tokens.customer("alice");
        Api.Response thousand = shopperHold(alice, "HOARD-1", 1_000, "mine-1", null);
        assertThat(thousand.status()).as(thousand.toString()).isEqualTo(400);
        assertThat(thousand.json().path("errors").get(0).path("field").asString()).isEqualTo("quantity");
        Api.Response week = shopperHold(alice, "HOARD-1", 1, "mine-2", 604_800L);
        assertThat(week.status()).as(week.toString()).isEqualTo(400);
        assertThat(week.json().path("errors").get(0).path("field").asString()).isEqualTo("ttlSeconds");

        // Twenty one-unit holds at once under twenty order references: five units per SKU, not one more.
        List<Callable<Integer>> calls = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            String order = "rush-" + i;
            calls.add(() -> shopperHold(alice, "HOARD-1", 1, order, null).status());
        }
        List<Integer> statuses = new ArrayList<>();
        try (ExecutorService pool = Executors.newFixedThreadPool(20)) {
            for (Future<Integer> status : pool.invokeAll(calls)) {
                statuses.add(status.get());
            }
        }
        assertThat(statuses.stream().filter(s -> s == 201).count()).as(statuses.toString()).isEqualTo(5);
        assertThat(statuses.stream().filter(s -> s == 409).count()).isEqualTo(15);
        assertThat(level(tokens, "HOARD-1", "WH-SH").path("reserved").asLong()).isEqualTo(5);

        for (int i = 0; i < 5; i++) {
            assertThat(shopperHold(alice, "HOARD-2", 1, "other-" + i, null).status()).isEqualTo(201);
        }
        // Ten open holds, five units of each SKU: an eleventh hold of a third SKU is over the holds cap alone.
        Api.Response eleventh = shopperHold(alice, "HOARD-3", 1, "third-1", null);
        assertThat(eleventh.status()).as("ten open holds at most").isEqualTo(409);
        assertThat(eleventh.json().path("type").asString()).endsWith("shopper-hold-limit");
        assertThat(eleventh.json().path("detail").asString()).contains("10");
        assertThat(shopperHold(tokens.customer("bob"), "HOARD-2", 1, "bobs-1", null).status()).as("another shopper is not affected")
                .isEqualTo(201);
        // A hold ended gives its room back.
        String mine = jdbc.sql("SELECT id FROM reservation WHERE sku_code = 'HOARD-1' AND status = 'HELD' LIMIT 1").query(String.class).single();
        assertThat(api.as(alice).post("/api/goods/reservations/" + mine + "/release", Map.of()).status()).isEqualTo(200);
        assertThat(shopperHold(alice, "HOARD-3", 1, "third-2", null).status()).isEqualTo(201);
        assertThat(api.as(tokens.shopBackend()).post("/api/goods/reservations", Map.of("sku", "HOARD-1", "location", "WH-SH", "quantity", 50,
                "channel", "ONLINE", "orderReference", "SO-BIG", "ttlSeconds", 86_400)).status()).as("the shop's server is not a shopper")
                .isEqualTo(201);
    }

    @Test
    void anOnlineHoldNeverTakesTheOnlineBufferAndAPickupHoldNeverThePickupBuffer(Tokens tokens) {
        move(api.as(tokens.hqAdmin()), "BUF-1", "9", "RECEIPT", 5, clock.instant().minusSeconds(60), "DEL-B");
        Api shop = api.as(tokens.shopBackend());
        Map<String, Object> online = Map.of("sku", "BUF-1", "location", "9", "quantity", 4, "channel", "ONLINE", "orderReference", "SO-B1");
        Api.Response tooMuch = shop.post("/api/goods/reservations", online);
        assertThat(tooMuch.status()).as("5 on hand, 2 kept back from online sale: " + tooMuch).isEqualTo(409);
        assertThat(shop.post("/api/goods/reservations", Map.of("sku", "BUF-1", "location", "9", "quantity", 3, "channel", "ONLINE",
                "orderReference", "SO-B2")).status()).isEqualTo(201);
        Api.Response pickup = shop.post("/api/goods/reservations", Map.of("sku", "BUF-1", "location", "9", "quantity", 2, "channel", "PICKUP",
                "orderReference", "SO-B3"));
        assertThat(pickup.status()).as("2 left, 1 kept back from pick-up: " + pickup).isEqualTo(409);
        assertThat(shop.post("/api/goods/reservations", Map.of("sku", "BUF-1", "location", "9", "quantity", 1, "channel", "PICKUP",
                "orderReference", "SO-B4")).status()).isEqualTo(201);
        assertThat(shop.post("/api/goods/reservations", Map.of("sku", "BUF-1", "location", "WH-SH", "quantity", 1, "channel", "PICKUP",
                "orderReference", "SO-B5")).status()).as("no pick-up at a warehouse").isEqualTo(409);
        // The store's own counter may sell what online and pick-up may not.
        assertThat(api.as(tokens.pos("9")).post("/api/goods/reservations", Map.of("sku", "BUF-1", "location", "9", "quantity", 1,
                "channel", "STORE", "orderReference", "counter-1")).status()).isEqualTo(201);
        JsonNode store9 = null;
        for (JsonNode location : api.as(tokens.customer("bob")).get("/api/goods/skus/BUF-1/availability").json()) {
            if (location.path("location").asString().equals("9")) {
                store9 = location;
            }
        }
        assertThat(store9).isNotNull();
        assertThat(store9.path("available").asLong()).isZero();
        assertThat(store9.path("availableOnline").asLong()).isZero();
        assertThat(store9.path("availablePickup").asLong()).isZero();
    }

    // ------------------------------------------------------------------ 4. a late count re-applies only shelf changes

    @Test
    void aLateCountReappliesOnlyTheMovementsThatChangedOnHand(Tokens tokens) {
        Instant noon = clock.instant().minus(Duration.ofHours(6));
        Api till = api.as(tokens.pos("12"));
        move(api.as(tokens.hqAdmin()), "LATE-1", "12", "RECEIPT", 10, noon.minus(Duration.ofHours(2)), "DEL-L");
        assertThat(move(till, "LATE-1", "12", "RETURN_RECEIVED", 3, noon.plus(Duration.ofHours(1)), "ret-1").status()).isEqualTo(201);
        assertThat(move(till, "LATE-1", "12", "INSPECTED_DAMAGED", 1, noon.plus(Duration.ofHours(2)), "insp-1").status()).isEqualTo(201);
        assertThat(move(till, "LATE-1", "12", "INSPECTED_RESTOCK", 2, noon.plus(Duration.ofHours(3)), "insp-2").status()).isEqualTo(201);
        assertThat(move(till, "LATE-1", "12", "POS_SALE", -1, noon.plus(Duration.ofHours(4)), "sale-1").status()).isEqualTo(201);
        assertThat(onHand(tokens, "LATE-1", "12")).isEqualTo(11);
        // The noon count arrives late: 8 on the shelf then; after it, +2 restocked and -1 sold changed the shelf.
        assertThat(move(till, "LATE-1", "12", "COUNT", 8, noon, "count-noon").status()).isEqualTo(201);
        assertThat(onHand(tokens, "LATE-1", "12")).isEqualTo(9);
        assertThat(ledger.sumOfEffectiveDeltas("LATE-1", "12")).isEqualTo(9);
    }
}
