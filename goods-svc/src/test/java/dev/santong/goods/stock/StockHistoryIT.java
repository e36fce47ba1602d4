package dev.santong.goods.stock;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.TestPropertySource;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

import dev.santong.platform.testkit.Api;
import dev.santong.platform.testkit.MutableClock;
import dev.santong.platform.testkit.MutableClockConfiguration;
import dev.santong.platform.testkit.StackTest;
import dev.santong.platform.testkit.Tokens;

/**
 * A history checker: seeded workers run thousands of mixed operations against the running service at once (holds,
 * confirmations, releases, expiries, till sales dated in the past, relayed facts from wrong clocks, counts, transfers,
 * safety stock, hot mode on and off) while a sampler reads consistent snapshots of the whole stock picture. Every
 * snapshot and the end state must satisfy the ledger's invariants. The same run with a deliberately naive hold (read,
 * then write) must be caught, so the checker is known to be able to fail.
 * <p>
 * Levels of the {@code SAFE-} SKUs only ever lose units to holds, so they may never be over-promised; the {@code MIX-}
 * SKUs also get every fact a store can report, which may take them below zero, but only through such facts.
 * Reproduce a run with {@code -Dsantong.test.seed=<seed>} (each worker's sequence is fixed by it; the interleaving is not).
 */
@StackTest
@Import(MutableClockConfiguration.class)
@TestPropertySource(properties = { "santong.reservations.expiry-interval=PT1H", "santong.reservations.shopper.max-units-per-sku=3" })
class StockHistoryIT {

    private static final List<String> SAFE = List.of("SAFE-1", "SAFE-2");
    private static final List<String> MIXED = List.of("MIX-1", "MIX-2");
    private static final List<String> LOCATIONS = List.of("WH-SH", "9", "12");
    private static final List<String> STORES = List.of("9", "12");

    @Autowired
    Api api;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    MutableClock clock;

    @Autowired
    StockReservations reservations;

    @Autowired
    PlatformTransactionManager transactionManager;

    @BeforeEach
    void locationsAndSkus(Tokens tokens) {
        Api hq = api.as(tokens.hqAdmin());
        hq.put("/api/goods/locations/WH-SH", Map.of("name", "Warehouse", "kind", "WAREHOUSE", "pickupEnabled", false, "onlineBuffer", 0));
        hq.put("/api/goods/locations/9", Map.of("name", "Store 9", "kind", "STORE", "pickupEnabled", true, "onlineBuffer", 2, "pickupBuffer", 1));
        hq.put("/api/goods/locations/12", Map.of("name", "Store 12", "kind", "STORE", "pickupEnabled", true, "onlineBuffer", 1, "pickupBuffer", 0));
        for (String sku : List.of("SAFE-1", "SAFE-2", "MIX-1", "MIX-2", "NAIVE-H")) {
            hq.post("/api/goods/skus", Map.of("code", sku, "name", "History " + sku, "warrantyMonths", 0));
        }
    }

    @Test
    void thousandsOfMixedConcurrentOperationsKeepEveryInvariant(Tokens tokens) throws Exception {
        long seed = Long.getLong("santong.test.seed", System.nanoTime() % 1_000_000);
        Run run = new Run(tokens, seed, SAFE, false);
        List<String> violations = run.execute(6, 450);
        System.out.printf("stock history seed %d: %s%n", seed, run.summary());
        assertThat(violations).as("seed %d (%s)", seed, run.summary()).isEmpty();
        assertThat(run.counts.get("hold:201").get()).as("holds were granted").isGreaterThan(100);
        // How many holds are still there to confirm depends on how the workers' clock advances interleave: one seed gave 39
        // to 55 on the same code. The run must have confirmed holds in number, not a count timing decides.
        assertThat(run.counts.get("confirm:200").get()).as("holds were confirmed").isGreaterThan(20);
        assertThat(run.counts.getOrDefault("relay:201", new AtomicInteger()).get()).as("till facts were relayed").isGreaterThan(20);
        assertThat(run.counts.keySet().stream().filter(k -> k.endsWith(":500"))).as("no 500").isEmpty();
    }

    /** The broken variant: holds of the safe SKU taken by read-then-write. The same checker must see the oversell. */
    @Test
    void theCheckerCatchesANaiveReadThenWriteHold(Tokens tokens) throws Exception {
        long seed = Long.getLong("santong.test.seed", 7L);
        Run run = new Run(tokens, seed, List.of("NAIVE-H"), true);
        List<String> violations = run.execute(6, 120);
        assertThat(violations).as("the naive hold must be caught (%s)", run.summary()).isNotEmpty();
        assertThat(String.join("\n", violations)).containsAnyOf("over-promised", "reserved", "confirmed more");
    }

    // ------------------------------------------------------------------ one run

    private final class Run {

        final Tokens tokens;
        final long seed;
        final List<String> safe;
        final boolean naiveHolds;
        final Map<String, AtomicInteger> counts = new ConcurrentHashMap<>();
        final List<String> violations = new CopyOnWriteArrayList<>();
        final AtomicInteger references = new AtomicInteger();

        Run(Tokens tokens, long seed, List<String> safe, boolean naiveHolds) {
            this.tokens = tokens;
            this.seed = seed;
            this.safe = safe;
            this.naiveHolds = naiveHolds;
        }

        List<String> execute(int workers, int operationsEach) throws Exception {
            Api hq = api.as(tokens.hqAdmin());
            // Every token once before the workers start: Keycloak refuses a burst of password grants for one user.
            List.of(tokens.hqAnalyst(), tokens.shopBackend(), tokens.customer("alice"), tokens.customer("bob"), tokens.pos("9"), tokens.pos("12"),
                    tokens.clientCredentials("channel-sync", "channel-sync-secret"));
            Instant start = clock.instant();
            for (String sku : concat(safe, MIXED)) {
                for (String location : LOCATIONS) {
                    hq.post("/api/goods/stock/movements", Map.of("sku", sku, "location", location, "cause", "RECEIPT", "quantity", 40,
                            "businessTime", start.minus(Duration.ofDays(5)).toString(), "reference", "opening-" + sku + "-" + location));
                }
            }
            AtomicBoolean running = new AtomicBoolean(true);
            try (ExecutorService pool = Executors.newFixedThreadPool(workers + 1)) {
                Future<?> sampler = pool.submit(() -> {
                    while (running.get()) {
                        check(false);
                        sleep(50);
                    }
                });
                List<Future<?>> done = new ArrayList<>();
                for (int w = 0; w < workers; w++) {
                    Random random = new Random(seed * 31 + w);
                    int worker = w;
                    done.add(pool.submit(() -> {
                        List<String> mine = new ArrayList<>();
                        for (int i = 0; i < operationsEach; i++) {
                            step(random, worker, mine);
                        }
                        return null;
                    }));
                }
                try {
                    for (Future<?> future : done) {
                        future.get();
                    }
                } finally {
                    running.set(false);
                }
                sampler.get();
            }
            // Let every open hold expire, then the books must show buckets and nothing else as reserved.
            clock.advance(Duration.ofDays(1));
            while (reservations.expireDue(200) > 0) {
                // drain
            }
            check(true);
            return violations;
        }

        String summary() {
            Map<String, Integer> sorted = new java.util.TreeMap<>();
            counts.forEach((k, v) -> sorted.put(k, v.get()));
            return sorted.toString();
        }

        private void count(String operation, int status) {
            counts.computeIfAbsent(operation + ":" + status, k -> new AtomicInteger()).incrementAndGet();
            if (status >= 500 && status != 503) {
                violations.add(operation + " answered " + status);
            }
        }

        private void step(Random random, int worker, List<String> held) {
            List<String> skus = random.nextInt(3) == 0 ? MIXED : safe;
            String sku = skus.get(random.nextInt(skus.size()));
            String location = LOCATIONS.get(random.nextInt(LOCATIONS.size()));
            boolean mixed = MIXED.contains(sku);
            int dice = random.nextInt(100);
            if (dice < 30) {
                hold(random, sku, location, held);
            } else if (dice < 45 && !held.isEmpty()) {
                String id = held.remove(random.nextInt(held.size()));
                count("confirm", api.as(tokens.shopBackend()).post("/api/goods/reservations/" + id + "/confirmation", Map.of()).status());
            } else if (dice < 52 && !held.isEmpty()) {
                String id = held.remove(random.nextInt(held.size()));
                count("release", api.as(tokens.shopBackend()).post("/api/goods/reservations/" + id + "/release", Map.of()).status());
            } else if (dice < 57) {
                clock.advance(Duration.ofSeconds(random.nextInt(40)));
                reservations.expireDue(20);
                count("expire", 200);
            } else if (dice < 62) {
                receive(random, sku, location);
            } else if (dice < 66) {
                String path = "/api/goods/stock/" + sku + "/" + location + "/hot-mode";
                Api hq = api.as(tokens.hqAdmin());
                count("hot", random.nextBoolean() ? hq.put(path, Map.of("buckets", 2 + random.nextInt(7))).status() : hq.delete(path).status());
            } else if (mixed) {
                fact(random, sku, dice);
            } else {
                hold(random, sku, location, held);
            }
        }

        private void hold(Random random, String sku, String location, List<String> held) {
            String channel = List.of("ONLINE", "ONLINE", "PICKUP", "STORE").get(random.nextInt(4));
            String store = STORES.get(random.nextInt(STORES.size()));
            String at = channel.equals("STORE") ? store : location;
            String token = channel.equals("STORE") ? tokens.pos(store)
                    : random.nextInt(5) == 0 ? tokens.customer(random.nextBoolean() ? "alice" : "bob") : tokens.shopBackend();
            long quantity = 1 + random.nextInt(3);
            String order = "ord-" + seed + "-" + references.incrementAndGet();
            if (naiveHolds && safe.contains(sku)) {
                String id = naiveHold(sku, at, quantity, channel, order);
                count("hold", id == null ? 409 : 201);
                if (id != null) {
                    held.add(id);
                }
                return;
            }
            Map<String, Object> body = new HashMap<>(Map.of("sku", sku, "location", at, "quantity", quantity, "channel", channel,
                    "orderReference", order, "ttlSeconds", 5 + random.nextInt(120)));
            Api.Response response = api.as(token).post("/api/goods/reservations", body);
            count("hold", response.status());
            if (response.status() == 201) {
                held.add(response.json().path("reservation").path("id").asString());
            }
        }

        /** The broken variant: what is available is read, then the new reserved figure written, as two statements. */
        private String naiveHold(String sku, String location, long quantity, String channel, String order) {
            Map<String, Object> level = jdbc.sql("SELECT on_hand, reserved, safety_stock FROM stock_level WHERE sku_code = :s AND location_code = :l")
                    .param("s", sku).param("l", location).query().singleRow();
            long reserved = ((Number) level.get("reserved")).longValue();
            if (((Number) level.get("on_hand")).longValue() - reserved - ((Number) level.get("safety_stock")).longValue() < quantity) {
                return null;
            }
            sleep(1);
            jdbc.sql("UPDATE stock_level SET reserved = :r WHERE sku_code = :s AND location_code = :l").param("r", reserved + quantity)
                    .param("s", sku).param("l", location).update();
            String id = java.util.UUID.randomUUID().toString();
            jdbc.sql("""
                    INSERT INTO reservation (id, business_key, request_hash, sku_code, location_code, quantity, channel, holder, status,
                        expires_at, created_at)
                    VALUES (:id, :key, 'naive', :s, :l, :q, :c, 'naive', 'HELD', :exp, :now)""")
                    .param("id", id).param("key", "naive:" + order).param("s", sku).param("l", location).param("q", quantity).param("c", channel)
                    .param("exp", dev.santong.platform.kit.persistence.SqlTime.of(clock.instant().plus(Duration.ofMinutes(5))))
                    .param("now", dev.santong.platform.kit.persistence.SqlTime.of(clock.instant())).update();
            return id;
        }

        private void receive(Random random, String sku, String location) {
            Movement receipt = Movement.receipt(sku, 1 + random.nextInt(10)).at(location).on(clock.instant().minusSeconds(random.nextInt(3600)))
                    .reference("po-" + references.incrementAndGet());
            count("receipt", api.as(tokens.hqAdmin()).post("/api/goods/stock/movements", receipt.body()).status());
        }

        /** What a store reports: sales dated in the past, counts, write-offs, transfers, safety stock, facts from wrong clocks. */
        private void fact(Random random, String sku, int dice) {
            String store = STORES.get(random.nextInt(STORES.size()));
            String reference = store + "-fact-" + references.incrementAndGet();
            Instant past = clock.instant().minus(Duration.ofMinutes(random.nextInt(3 * 24 * 60)));
            if (dice < 76) {
                Map<String, Object> sale = Map.of("sku", sku, "location", store, "cause", "POS_SALE", "quantity", -1 - random.nextInt(4),
                        "businessTime", past.toString(), "reference", reference);
                count("sale", api.as(tokens.pos(store)).post("/api/goods/stock/movements", sale).status());
            } else if (dice < 84) {
                // A till whose clock is wrong either way, relayed by channel-sync-svc: applied, clamped and flagged.
                Instant when = random.nextBoolean() ? clock.instant().plus(Duration.ofDays(1 + random.nextInt(30000))) : past;
                String cause = random.nextInt(4) == 0 ? "COUNT" : "POS_SALE";
                long quantity = cause.equals("COUNT") ? random.nextInt(30) : -1 - random.nextInt(3);
                Map<String, Object> batch = Map.of("movements", List.of(Map.of("sku", sku, "location", store, "cause", cause, "quantity", quantity,
                        "businessTime", when.toString(), "reference", reference, "line", "1")));
                count("relay", api.as(tokens.clientCredentials("channel-sync", "channel-sync-secret"))
                        .post("/api/goods/stock/movement-batches", batch).status());
            } else if (dice < 89) {
                Map<String, Object> countBody = Map.of("sku", sku, "location", store, "cause", "COUNT", "quantity", random.nextInt(40),
                        "businessTime", past.toString(), "reference", reference);
                count("count", api.as(tokens.pos(store)).post("/api/goods/stock/movements", countBody).status());
            } else if (dice < 93) {
                Map<String, Object> writeOff = Map.of("sku", sku, "location", store, "cause", "ADJUSTMENT", "quantity", -1 - random.nextInt(3),
                        "businessTime", clock.instant().toString(), "reference", reference);
                count("write-off", api.as(tokens.pos(store)).post("/api/goods/stock/movements", writeOff).status());
            } else if (dice < 97) {
                Api hq = api.as(tokens.hqAdmin());
                Api.Response sent = hq.post("/api/goods/transfers", Map.of("sku", sku, "from", "WH-SH", "to", store, "quantity", 1 + random.nextInt(5),
                        "reference", reference));
                count("transfer", sent.status());
                if (sent.status() == 201) {
                    long arrived = Math.max(0, sent.json().path("sent").asLong() - random.nextInt(2));
                    count("transfer-in", api.as(tokens.pos(store)).post("/api/goods/transfers/" + sent.json().path("id").asString() + "/receipt",
                            Map.of("quantityReceived", arrived)).status());
                }
            } else {
                count("safety", api.as(tokens.pos(store)).put("/api/goods/stock/" + sku + "/" + store + "/safety-stock",
                        Map.of("safetyStock", random.nextInt(4))).status());
            }
        }

        // -------------------------------------------------------------- the checker

        /** One consistent snapshot of every level, its buckets, holds and movements; the invariants checked against it. */
        private void check(boolean end) {
            TransactionTemplate snapshot = new TransactionTemplate(transactionManager);
            snapshot.setIsolationLevel(TransactionDefinition.ISOLATION_REPEATABLE_READ);
            snapshot.setReadOnly(true);
            snapshot.executeWithoutResult(status -> {
                Map<String, long[]> levels = new HashMap<>();
                jdbc.sql("SELECT sku_code, location_code, on_hand, reserved, safety_stock FROM stock_level").query(rs -> {
                    levels.put(rs.getString(1) + "@" + rs.getString(2), new long[] { rs.getLong(3), rs.getLong(4), rs.getLong(5) });
                });
                Map<String, Long> inBuckets = sums("SELECT sku_code, location_code, SUM(available) FROM stock_bucket GROUP BY sku_code, location_code");
                Map<String, Long> negativeBuckets = sums(
                        "SELECT sku_code, location_code, COUNT(*) FROM stock_bucket WHERE available < 0 GROUP BY sku_code, location_code");
                Map<String, Long> held = sums("SELECT sku_code, location_code, SUM(quantity) FROM reservation WHERE status = 'HELD' GROUP BY sku_code, location_code");
                Map<String, Long> deltas = sums("SELECT sku_code, location_code, SUM(effective_delta) FROM stock_movement GROUP BY sku_code, location_code");
                Map<String, Long> confirmed = sums(
                        "SELECT sku_code, location_code, SUM(quantity) FROM reservation WHERE status = 'CONFIRMED' GROUP BY sku_code, location_code");
                Map<String, Long> takenIn = sums("""
                        SELECT sku_code, location_code, SUM(quantity) FROM stock_movement WHERE cause IN ('RECEIPT', 'TRANSFER_IN')
                        GROUP BY sku_code, location_code""");
                Map<String, Long> storeFacts = sums("""
                        SELECT sku_code, location_code, COUNT(*) FROM stock_movement
                        WHERE cause IN ('POS_SALE', 'COUNT', 'ADJUSTMENT', 'TRANSFER_OUT') GROUP BY sku_code, location_code""");
                Map<String, Long> buffers = new HashMap<>();
                jdbc.sql("SELECT code, GREATEST(online_buffer, pickup_buffer) FROM location").query(rs -> {
                    buffers.put(rs.getString(1), rs.getLong(2));
                });
                levels.forEach((key, level) -> {
                    long onHand = level[0];
                    long reserved = level[1];
                    long safety = level[2];
                    long buckets = inBuckets.getOrDefault(key, 0L);
                    long holds = held.getOrDefault(key, 0L);
                    String location = key.substring(key.indexOf('@') + 1);
                    boolean isSafe = safe.contains(key.substring(0, key.indexOf('@')));
                    String at = (end ? "end" : "snapshot") + " " + key + " ";
                    if (reserved != holds + buckets) {
                        violations.add(at + "reserved " + reserved + " is not open holds " + holds + " + buckets " + buckets);
                    }
                    if (onHand != deltas.getOrDefault(key, 0L)) {
                        violations.add(at + "on hand " + onHand + " is not the sum of effective movements " + deltas.getOrDefault(key, 0L));
                    }
                    if (negativeBuckets.containsKey(key)) {
                        violations.add(at + "a bucket below zero");
                    }
                    long cover = Math.max(0, onHand - holds - safety - buffers.getOrDefault(location, 0L));
                    if (buckets > cover) {
                        violations.add(at + "buckets give " + buckets + " but the level covers " + cover);
                    }
                    if (isSafe && onHand - reserved - safety < 0) {
                        violations.add(at + "over-promised: on hand " + onHand + ", reserved " + reserved + ", safety " + safety);
                    }
                    if (isSafe && confirmed.getOrDefault(key, 0L) > takenIn.getOrDefault(key, 0L)) {
                        violations.add(at + "confirmed more (" + confirmed.get(key) + ") than ever came in (" + takenIn.get(key) + ")");
                    }
                    if ((onHand < 0 || onHand - reserved - safety < 0) && !isSafe && !storeFacts.containsKey(key) && safety == 0) {
                        violations.add(at + "below zero without any store fact: on hand " + onHand + ", reserved " + reserved);
                    }
                });
            });
            if (end) {
                List<String> negative = new ArrayList<>();
                api.as(tokens.hqAnalyst()).get("/api/goods/stock/negative?limit=1000").json()
                        .forEach(level -> negative.add(level.path("sku").asString() + "@" + level.path("location").asString()));
                jdbc.sql("SELECT sku_code, location_code FROM stock_level WHERE on_hand < 0").query(rs -> {
                    String key = rs.getString(1) + "@" + rs.getString(2);
                    if (!negative.contains(key)) {
                        violations.add("end " + key + " is below zero but not listed for reconciliation");
                    }
                });
            }
        }

        private Map<String, Long> sums(String sql) {
            Map<String, Long> result = new HashMap<>();
            jdbc.sql(sql).query(rs -> {
                result.put(rs.getString(1) + "@" + rs.getString(2), rs.getLong(3));
            });
            return result;
        }
    }

    private static List<String> concat(List<String> a, List<String> b) {
        List<String> all = new ArrayList<>(a);
        all.addAll(b);
        return Collections.unmodifiableList(all);
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
