package dev.santong.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;

import dev.santong.platform.testkit.Api;
import dev.santong.platform.testkit.LocalStack;
import dev.santong.platform.testkit.RealmUsers;
import dev.santong.platform.testkit.Tokens;

/**
 * One id for one request, from the caller's traceparent through the gateway to the service that answers; and one trace
 * for a till's sale, from its upload through the gateway to its apply minutes later and the calls that apply makes,
 * as the spans the services export over OTLP show it.
 */
class TraceE2E {

    private final Tokens tokens = Tokens.forLocalStack();
    private final Api gateway = Api.at(System.getProperty("santong.gateway.url", "http://localhost:8080"));

    @Test
    void theServicesProblemNamesTheCallersTraceId() {
        String traceId = UUID.randomUUID().toString().replace("-", "");
        Api.Response missing = gateway.as(tokens.hqAdmin()).header("traceparent", "00-" + traceId + "-00f067aa0ba902b7-01")
                .get("/api/members/" + UUID.randomUUID());
        assertThat(missing.status()).isEqualTo(404);
        // The problem is member-svc's: it continued the trace the gateway passed on.
        assertThat(missing.json().path("correlationId").asString()).isEqualTo(traceId);
        assertThat(missing.header("X-Correlation-Id")).isEqualTo(traceId);
    }

    @Test
    void aTillSalesApplyIsOneTraceFromItsUploadToTheServicesItReaches() {
        assertThat(OtlpReceiver.listening()).as("the OTLP receiver on port %d (taken by another program?)", OtlpReceiver.PORT).isTrue();
        String run = UUID.randomUUID().toString().substring(0, 8).toUpperCase();
        Api hq = gateway.as(tokens.hqAdmin()).header("API-Version", "2");
        String sku = "TRACE-" + run;
        assertThat(hq.post("/api/goods/skus", Map.of("code", sku, "name", "Traced shirt " + run, "warrantyMonths", 0)).status()).isEqualTo(201);
        String national = "137" + (10_000_000 + ThreadLocalRandom.current().nextInt(89_999_999));
        RealmUsers.Shopper shopper = new RealmUsers(LocalStack.fromEnvironment()).createShopper("+86" + national, true);
        Api she = gateway.as(tokens.freshUser(shopper.username(), shopper.password()));
        assertThat(she.post("/api/members", Map.of("channel", "ONLINE")).status()).isEqualTo(201);

        String traceId = UUID.randomUUID().toString().replace("-", "");
        String batch = """
                {"batchId":"trace-%s","transactions":[{"workstationId":"T%s","businessDay":"%s","sequenceNumber":1,"type":"SALE",
                 "businessTime":"%s","payload":{"currency":"CNY","member":{"phone":"%s"},
                 "lines":[{"sku":"%s","quantity":1,"amount":"120.00"}],"tenders":[{"type":"CASH","amount":"120.00"}]}}]}"""
                .formatted(run, run.substring(0, 4), LocalDate.now(ZoneOffset.UTC), Instant.now().minusSeconds(60), national, sku);
        Api.Response accepted = gateway.as(tokens.pos("9")).header("traceparent", "00-" + traceId + "-00f067aa0ba902b7-01")
                .post("/api/sync/stores/9/batches", batch);
        assertThat(accepted.status()).isEqualTo(202);
        assertThat(accepted.header("X-Correlation-Id")).isEqualTo(traceId);
        Eventually.until(Duration.ofSeconds(60), () -> she.get("/api/members/me/points").json().path("balance").asLong() > 0,
                "the sale applied");

        // Spans leave each service in batches every few seconds: the apply's own span ends after its calls, and comes later.
        Eventually.until(Duration.ofSeconds(30), () -> services(traceId).containsAll(Set.of("api-gateway", "channel-sync-svc", "member-svc",
                "goods-svc")) && OtlpReceiver.ofTrace(traceId).stream().anyMatch(span -> span.name().equals("apply member")),
                "spans of the sale's trace from the gateway, channel-sync-svc (its apply too), member-svc and goods-svc");
        List<OtlpReceiver.ReceivedSpan> spans = OtlpReceiver.ofTrace(traceId);
        Map<String, OtlpReceiver.ReceivedSpan> byId = spans.stream().collect(Collectors.toMap(OtlpReceiver.ReceivedSpan::spanId, span -> span,
                (first, second) -> first));
        // The apply is a span of the upload's trace, and member-svc's work is a child of the apply's call to it.
        OtlpReceiver.ReceivedSpan apply = spans.stream().filter(span -> span.name().equals("apply member")).findFirst().orElseThrow(
                () -> new AssertionError("no apply span in " + spans));
        assertThat(apply.service()).isEqualTo("channel-sync-svc");
        OtlpReceiver.ReceivedSpan memberServer = spans.stream().filter(span -> span.service().equals("member-svc"))
                .filter(span -> byId.containsKey(span.parentSpanId()) && byId.get(span.parentSpanId()).service().equals("channel-sync-svc"))
                .findFirst().orElseThrow(() -> new AssertionError("no member-svc span called from channel-sync-svc in " + spans));
        assertThat(ancestors(memberServer, byId)).as("member-svc's span descends from the apply").contains(apply.spanId());
        // A scheduled job's runs are no traces of their own (the outbox looks every 2 s).
        assertThat(OtlpReceiver.namedLike("task ")).isEmpty();
    }

    /** The outbox's deliveries, done after the request on another thread (and retried later if need be), stay in its trace. */
    @Test
    void anErasuresRelayToEveryServiceIsOneTraceWithTheRequest() {
        assertThat(OtlpReceiver.listening()).as("the OTLP receiver on port %d", OtlpReceiver.PORT).isTrue();
        Api hq = gateway.as(tokens.hqAdmin());
        String national = "138" + (10_000_000 + ThreadLocalRandom.current().nextInt(89_999_999));
        Api.Response enrolled = hq.post("/api/members", Map.of("channel", "HQ_IMPORT", "phone", national, "displayName", "Traced erasure"));
        assertThat(enrolled.status()).as(enrolled.toString()).isEqualTo(201);
        String member = enrolled.json().path("member").path("id").asString();
        String traceId = UUID.randomUUID().toString().replace("-", "");
        Api.Response erased = hq.header("traceparent", "00-" + traceId + "-00f067aa0ba902b7-01")
                .post("/api/members/" + member + "/erasure", Map.of("reason", "written request"));
        assertThat(erased.status()).as(erased.toString()).isEqualTo(200);
        Eventually.until(Duration.ofSeconds(60), () -> services(traceId).containsAll(Set.of("member-svc", "channel-sync-svc", "service-svc")),
                "spans of the erasure's trace from member-svc and the two services its outbox relays it to");
    }

    private static Set<String> services(String traceId) {
        return OtlpReceiver.ofTrace(traceId).stream().map(OtlpReceiver.ReceivedSpan::service).collect(Collectors.toSet());
    }

    private static List<String> ancestors(OtlpReceiver.ReceivedSpan span, Map<String, OtlpReceiver.ReceivedSpan> byId) {
        List<String> ancestors = new java.util.ArrayList<>();
        OtlpReceiver.ReceivedSpan current = span;
        while (byId.containsKey(current.parentSpanId()) && ancestors.size() < 50) {
            current = byId.get(current.parentSpanId());
            ancestors.add(current.spanId());
        }
        return ancestors;
    }
}
