import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * How long a return takes to take full effect in the other services: an online order returned at store 9 (opened,
 * approved, received, inspected back to the shelf, refunded), then, in the services' own clocks, from the refund's
 * commit until goods-svc and member-svc confirmed every effect of the case; and each effect's delivery on its own.
 * Two passes side by side in one run: one return at a time, and eight at once. Needs the suite up (./santong up).
 */
public class ReturnsBench {

    static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    static final JsonMapper JSON = JsonMapper.builder().build();
    static final String KEYCLOAK = System.getenv().getOrDefault("KEYCLOAK", "http://localhost:8180/realms/santong/protocol/openid-connect/token");
    static final String MEMBERS = "http://127.0.0.1:8081", GOODS = "http://127.0.0.1:8082", AFTERSALES = "http://127.0.0.1:8083";

    public static void main(String[] args) throws Exception {
        int perPass = Integer.parseInt(System.getenv().getOrDefault("RETURNS", "100"));
        String hq = token("grant_type=password&client_id=santong-dev&client_secret=santong-dev-secret&username=hq-admin&password=santong-demo");
        String staff = token("grant_type=password&client_id=santong-dev&client_secret=santong-dev-secret&username=staff-9&password=santong-demo");
        String shop = token("grant_type=client_credentials&client_id=shop-backend&client_secret=shop-backend-secret");
        String run = Long.toString(System.currentTimeMillis(), 36);
        send("PUT", GOODS + "/api/goods/locations/9", hq, Map.of("name", "Store 9", "kind", "STORE", "pickupEnabled", true, "onlineBuffer", 2));
        send("POST", GOODS + "/api/goods/skus", hq, Map.of("code", "BENCH-RET", "name", "Benchmark return", "warrantyMonths", 0));
        String member = send("POST", MEMBERS + "/api/members", hq, Map.of("channel", "HQ_IMPORT", "loyaltyCardNumber", "BENCHRET" + run))
                .path("member").path("id").asString();

        System.out.printf("returns benchmark: %d returns per pass, 2 cores shared by MariaDB, Keycloak and five services%n", perPass);
        Pass one = pass("one at a time", 1, perPass, run + "a", member, shop, staff, hq);
        Pass eight = pass("eight at once", 8, perPass, run + "b", member, shop, staff, hq);
        System.out.printf("%-16s %10s %10s %10s %10s %12s%n", "", "full p50", "full p99", "stock p50", "points p50", "returns/s");
        for (Pass pass : List.of(one, eight)) {
            System.out.printf("%-16s %8d ms %8d ms %8d ms %8d ms %12.1f%n", pass.name, pass.full(50), pass.full(99), pass.stock(50), pass.points(50),
                    pass.throughput);
        }
        System.out.printf("ratio eight/one: full p50 %.2f, full p99 %.2f, returns/s %.2f%n", (double) eight.full(50) / Math.max(1, one.full(50)),
                (double) eight.full(99) / Math.max(1, one.full(99)), eight.throughput / one.throughput);
    }

    record Pass(String name, List<Long> fullMs, List<Long> stockMs, List<Long> pointsMs, double throughput) {
        long full(int p) { return percentile(fullMs, p); }
        long stock(int p) { return percentile(stockMs, p); }
        long points(int p) { return percentile(pointsMs, p); }
    }

    static Pass pass(String name, int threads, int returns, String run, String member, String shop, String staff, String hq) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        long started = System.nanoTime();
        List<Future<String>> cases = new ArrayList<>();
        for (int i = 0; i < returns; i++) {
            String order = "SO-BENCH-" + run + "-" + i;
            cases.add(pool.submit(() -> oneReturn(order, member, shop, staff)));
        }
        List<String> ids = new ArrayList<>();
        for (Future<String> id : cases) {
            ids.add(id.get());
        }
        pool.shutdown();
        List<Long> full = new ArrayList<>(), stock = new ArrayList<>(), points = new ArrayList<>();
        for (String id : ids) {
            JsonNode effects = settled(id, hq);
            Instant refunded = null, last = null;
            for (JsonNode effect : effects) {
                Instant planned = Instant.parse(effect.path("plannedAt").asString()), done = Instant.parse(effect.path("doneAt").asString());
                long ms = Duration.between(planned, done).toMillis();
                if (effect.path("kind").asString().startsWith("STOCK")) {
                    stock.add(ms);
                } else {
                    points.add(ms);
                    refunded = planned;
                }
                last = last == null || done.isAfter(last) ? done : last;
            }
            full.add(Duration.between(refunded, last).toMillis());
        }
        double seconds = (System.nanoTime() - started) / 1e9;
        return new Pass(name, full, stock, points, returns / seconds);
    }

    /** One return through all its steps; the case's id. */
    static String oneReturn(String order, String member, String shop, String staff) throws Exception {
        send("POST", MEMBERS + "/api/members/points/earns", shop, Map.of("memberId", member, "channel", "ONLINE", "reference", order,
                "occurredAt", Instant.now().minusSeconds(3600).toString(), "currency", "CNY",
                "lines", List.of(Map.of("sku", "BENCH-RET", "category", "bench", "quantity", 1, "amount", "100.00"))));
        JsonNode current = send("POST", AFTERSALES + "/api/aftersales/cases", staff, Map.of("type", "RETURN", "channel", "STORE", "storeId", "9",
                "purchase", Map.of("channel", "ONLINE", "reference", order),
                "lines", List.of(Map.of("skuCode", "BENCH-RET", "quantity", 1, "reasonCode", "CHANGED_MIND")), "reason", "benchmark"));
        for (Map<String, Object> step : List.<Map<String, Object>>of(Map.of("action", "APPROVE"), Map.of("action", "RECEIVE_ITEM"),
                Map.of("action", "INSPECT", "dispositions", List.of(Map.of("line", 1, "disposition", "RESTOCK"))), Map.of("action", "REFUND"))) {
            current = send("POST", AFTERSALES + "/api/aftersales/cases/" + current.path("id").asString() + "/steps", staff, step,
                    "\"" + current.path("version").asInt() + "\"");
        }
        return current.path("id").asString();
    }

    /** The case's effects once every one is done (waiting up to two minutes). */
    static JsonNode settled(String id, String hq) throws Exception {
        long deadline = System.nanoTime() + Duration.ofMinutes(2).toNanos();
        while (true) {
            JsonNode effects = send("GET", AFTERSALES + "/api/aftersales/cases/" + id, hq, null).path("effects");
            boolean done = effects.size() == 3;
            for (JsonNode effect : effects) {
                done &= "DONE".equals(effect.path("status").asString());
            }
            if (done) {
                return effects;
            }
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("case " + id + " not settled: " + effects);
            }
            Thread.sleep(100);
        }
    }

    static long percentile(List<Long> values, int p) {
        List<Long> sorted = new ArrayList<>(values);
        Collections.sort(sorted);
        return sorted.get(Math.min(sorted.size() - 1, (int) Math.ceil(p / 100.0 * sorted.size()) - 1));
    }

    static String token(String form) throws Exception {
        HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(URI.create(KEYCLOAK)).header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form)).build(), HttpResponse.BodyHandlers.ofString());
        return JSON.readTree(response.body()).path("access_token").asString();
    }

    static JsonNode send(String method, String url, String token, Object body) throws Exception {
        return send(method, url, token, body, null);
    }

    static JsonNode send(String method, String url, String token, Object body, String ifMatch) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url)).header("Authorization", "Bearer " + token)
                .header("Content-Type", "application/json").timeout(Duration.ofSeconds(30))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body)));
        if (ifMatch != null) {
            request.header("If-Match", ifMatch);
        }
        HttpResponse<String> response = HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() >= 300 && !(response.statusCode() == 409 && url.endsWith("/skus"))) {
            throw new IllegalStateException(method + " " + url + " answered " + response.statusCode() + ": " + response.body());
        }
        return response.body().isBlank() ? JSON.createObjectNode() : JSON.readTree(response.body());
    }
}
