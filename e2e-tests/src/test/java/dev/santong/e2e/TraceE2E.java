package dev.santong.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.UUID;

import org.junit.jupiter.api.Test;

import dev.santong.platform.testkit.Api;
import dev.santong.platform.testkit.Tokens;

/** One id for one request, from the caller's traceparent through the gateway to the service that answers. */
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
}
