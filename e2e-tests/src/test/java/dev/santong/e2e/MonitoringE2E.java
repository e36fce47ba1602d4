package dev.santong.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

import dev.santong.platform.testkit.Api;
import dev.santong.platform.testkit.LocalStack;
import dev.santong.platform.testkit.RealmUsers;
import dev.santong.platform.testkit.Tokens;

/**
 * What an on-call engineer sees: the business metrics move with what happens (an upload, its resend, the points it
 * earns, a hold taken and one refused), and every metric the chart's alerts and dashboard name is one the running
 * services export (a renamed metric would leave an alert that never fires).
 */
class MonitoringE2E {

    // The gateway's metrics are on its management port only, which it has in the chart and not here (the images tier
    // scrapes it there); its public port refuses them.
    private static final Map<String, Integer> SERVICES = Map.of("member-svc", 8081, "goods-svc", 8082, "service-svc", 8083,
            "channel-sync-svc", 8084);
    private static final Pattern NAMED_METRIC = Pattern.compile("\\b(santong_[a-z_]+|http_server_requests_seconds_[a-z]+)\\b");

    private final Tokens tokens = Tokens.forLocalStack();
    private final Api gateway = Api.at(System.getProperty("santong.gateway.url", "http://localhost:8080"));
    private final HttpClient http = HttpClient.newHttpClient();
    private final String run = UUID.randomUUID().toString().substring(0, 8).toUpperCase();

    @Test
    void theBusinessMetricsFollowWhatHappensAndEveryMetricTheAlertsAndDashboardNameIsExported() throws Exception {
        Api hq = gateway.as(tokens.hqAdmin()).header("API-Version", "2");
        String sku = "METRICS-" + run;
        assertThat(hq.post("/api/goods/skus", Map.of("code", sku, "name", "Metrics shirt " + run, "warrantyMonths", 0)).status()).isEqualTo(201);
        assertThat(hq.post("/api/goods/stock/movements", Map.of("sku", sku, "location", "WH-SH", "cause", "RECEIPT", "quantity", 3,
                "businessTime", Instant.now().minusSeconds(120).toString(), "reference", "M-WH-" + run)).status()).isIn(200, 201);
        String national = "136" + (10_000_000 + ThreadLocalRandom.current().nextInt(89_999_999));
        RealmUsers.Shopper shopper = new RealmUsers(LocalStack.fromEnvironment()).createShopper("+86" + national, true);
        Api she = gateway.as(tokens.freshUser(shopper.username(), shopper.password()));
        assertThat(she.post("/api/members", Map.of("channel", "ONLINE")).status()).isEqualTo(201);

        double uploads = value("channel-sync-svc", "santong_sync_uploads_total", "store=\"9\"", "outcome=\"new\"");
        double replays = value("channel-sync-svc", "santong_sync_uploads_total", "store=\"9\"", "outcome=\"replayed\"");
        double fresh = value("channel-sync-svc", "santong_sync_transactions_received_total", "store=\"9\"", "outcome=\"new\"");
        double earned = value("member-svc", "santong_member_points_earned_count", "channel=\"STORE\"");
        double redeemed = value("member-svc", "santong_member_points_redeemed_sum", "channel=\"ONLINE\"");
        double taken = value("goods-svc", "santong_goods_reservations_total", "channel=\"ONLINE\"", "outcome=\"taken\"");
        double refused = value("goods-svc", "santong_goods_reservations_total", "channel=\"ONLINE\"", "outcome=\"refused\"",
                "reason=\"out-of-stock\"");

        String batch = """
                {"batchId":"metrics-%s","transactions":[{"workstationId":"M%s","businessDay":"%s","sequenceNumber":1,"type":"SALE",
                 "businessTime":"%s","payload":{"currency":"CNY","member":{"phone":"%s"},
                 "lines":[{"sku":"%s","quantity":1,"amount":"180.00"}],"tenders":[{"type":"CASH","amount":"180.00"}]}}]}"""
                .formatted(run, run.substring(0, 4), LocalDate.now(ZoneOffset.UTC), Instant.now().minusSeconds(60), national, sku);
        Api till = gateway.as(tokens.pos("9"));
        assertThat(till.post("/api/sync/stores/9/batches", batch).status()).isEqualTo(202);
        assertThat(till.post("/api/sync/stores/9/batches", batch).status()).as("the resend").isIn(200, 202);
        Eventually.until(Duration.ofSeconds(60), () -> value("member-svc", "santong_member_points_earned_count", "channel=\"STORE\"") == earned + 1,
                "the sale's points counted as earned in a store");
        assertThat(value("channel-sync-svc", "santong_sync_uploads_total", "store=\"9\"", "outcome=\"new\"")).isEqualTo(uploads + 1);
        assertThat(value("channel-sync-svc", "santong_sync_uploads_total", "store=\"9\"", "outcome=\"replayed\"")).isEqualTo(replays + 1);
        assertThat(value("channel-sync-svc", "santong_sync_transactions_received_total", "store=\"9\"", "outcome=\"new\"")).isEqualTo(fresh + 1);

        assertThat(she.post("/api/goods/reservations", Map.of("sku", sku, "location", "WH-SH", "quantity", 1, "channel", "ONLINE",
                "orderReference", "SO-M-" + run)).status()).isEqualTo(201);
        String member = she.get("/api/members/me").json().path("id").asString();
        Api.Response redemption = gateway.as(tokens.shopBackend()).post("/api/members/points/redemptions", Map.of("memberId", member,
                "channel", "ONLINE", "reference", "SO-M-" + run, "points", 100, "orderAmount", "199.00", "currency", "CNY",
                "occurredAt", Instant.now().toString()));
        assertThat(redemption.status()).as(redemption.toString()).isEqualTo(201);
        assertThat(value("member-svc", "santong_member_points_redeemed_sum", "channel=\"ONLINE\"")).isEqualTo(redeemed + 100);
        assertThat(she.post("/api/goods/reservations", Map.of("sku", sku, "location", "WH-SH", "quantity", 3, "channel", "ONLINE",
                "orderReference", "SO-M2-" + run)).status()).isEqualTo(409);
        assertThat(value("goods-svc", "santong_goods_reservations_total", "channel=\"ONLINE\"", "outcome=\"taken\"")).isEqualTo(taken + 1);
        assertThat(value("goods-svc", "santong_goods_reservations_total", "channel=\"ONLINE\"", "outcome=\"refused\"",
                "reason=\"out-of-stock\"")).isEqualTo(refused + 1);

        Path files = Path.of("..", "helm", "santong", "files");
        Set<String> named = new TreeSet<>();
        for (String file : new String[] {"prometheus-rules.yaml", "grafana-dashboard.json"}) {
            Matcher metric = NAMED_METRIC.matcher(Files.readString(files.resolve(file)));
            while (metric.find()) {
                named.add(metric.group(1));
            }
        }
        assertThat(named).as("the alerts and dashboard name the suite's own figures").hasSizeGreaterThan(12);
        // Request latency as histogram buckets: Prometheus takes any percentile over every replica from them.
        assertThat(scrape("member-svc")).contains("http_server_requests_seconds_bucket{").contains("le=\"0.25\"");
        // The database-backed gauges are read every minute: today's reconciliation of store 9 appears after the upload.
        long deadline = System.nanoTime() + Duration.ofSeconds(90).toNanos();
        while (!exported().containsAll(named) && System.nanoTime() < deadline) {
            Thread.sleep(2_000);
        }
        assertThat(exported()).as("exported by the running services").containsAll(named);
    }

    private Set<String> exported() {
        Set<String> exported = new TreeSet<>();
        for (String service : SERVICES.keySet()) {
            scrape(service).lines().filter(line -> !line.startsWith("#") && !line.isBlank())
                    .map(line -> line.split("[{ ]", 2)[0]).forEach(exported::add);
        }
        return exported;
    }

    /** The sum of a metric's series whose labels include all of {@code labels}. */
    private double value(String service, String metric, String... labels) {
        double sum = 0;
        for (String line : scrape(service).lines().toList()) {
            if (!line.startsWith(metric + "{")) {
                continue;
            }
            String labelSet = line.substring(metric.length(), line.lastIndexOf('}') + 1);
            if (java.util.Arrays.stream(labels).allMatch(labelSet::contains)) {
                sum += Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1));
            }
        }
        return sum;
    }

    private String scrape(String service) {
        HttpResponse<String> response;
        try {
            response = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + SERVICES.get(service) + "/actuator/prometheus")).build(),
                    HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
        assertThat(response.statusCode()).as("%s's metrics", service).isEqualTo(200);
        return response.body();
    }
}
