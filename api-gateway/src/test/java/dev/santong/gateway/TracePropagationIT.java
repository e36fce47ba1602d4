package dev.santong.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.context.TestPropertySource;

import com.sun.net.httpserver.HttpServer;

import dev.santong.platform.testkit.Api;
import dev.santong.platform.testkit.StackTest;
import dev.santong.platform.testkit.Tokens;

/**
 * What a service behind the gateway receives: exactly one {@code traceparent}, of the caller's trace (or of one the
 * gateway started), and no correlation header of the caller's. The service here records the headers it got.
 */
@StackTest
@TestPropertySource(properties = { "management.server.port=0", "santong.gateway.rate-limit.key-prefix=trace:${random.uuid}:" })
class TracePropagationIT {

    private static final List<Map<String, List<String>>> RECEIVED = new CopyOnWriteArrayList<>();
    private static final HttpServer SERVICE = recordingService();

    @DynamicPropertySource
    static void routes(DynamicPropertyRegistry registry) {
        registry.add("santong.routes.member", () -> "http://127.0.0.1:" + SERVICE.getAddress().getPort());
    }

    @LocalServerPort
    int port;

    @BeforeEach
    void forget() {
        RECEIVED.clear();
    }

    @Test
    void theServiceGetsTheCallersTraceOnceAndTheCallerSeesItsTraceIdAsCorrelationId(Tokens tokens) {
        String traceId = "4bf92f3577b34da6a3ce929d0e0e4736";
        Api.Response response = Api.at("http://localhost:" + port).as(tokens.hqAdmin())
                .header("traceparent", "00-" + traceId + "-00f067aa0ba902b7-01")
                .header("X-Correlation-Id", "callers-own-id-0001")
                .get("/api/members/123");
        assertThat(response.status()).isEqualTo(200);
        assertThat(response.header("X-Correlation-Id")).isEqualTo(traceId);

        assertThat(RECEIVED).hasSize(1);
        List<String> traceparents = RECEIVED.getFirst().get("traceparent");
        assertThat(traceparents).as("one traceparent, not the caller's and the gateway's").hasSize(1);
        assertThat(traceparents.getFirst()).startsWith("00-" + traceId + "-").doesNotContain("00f067aa0ba902b7");
        assertThat(RECEIVED.getFirst()).doesNotContainKey("x-correlation-id");
    }

    @Test
    void aRequestWithoutATraceGetsOneAtTheGatewayThatTheServiceContinues(Tokens tokens) {
        Api.Response response = Api.at("http://localhost:" + port).as(tokens.hqAdmin()).get("/api/members/123");
        String correlationId = response.header("X-Correlation-Id");
        assertThat(correlationId).matches("[0-9a-f]{32}");
        assertThat(RECEIVED.getFirst().get("traceparent")).singleElement().asString().startsWith("00-" + correlationId + "-");
    }

    @AfterAll
    static void stop() {
        SERVICE.stop(0);
    }

    private static HttpServer recordingService() {
        try {
            HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
            server.createContext("/", exchange -> {
                Map<String, List<String>> headers = new java.util.TreeMap<>(String.CASE_INSENSITIVE_ORDER);
                exchange.getRequestHeaders().forEach((name, values) -> headers.put(name.toLowerCase(java.util.Locale.ROOT), List.copyOf(values)));
                RECEIVED.add(headers);
                byte[] body = "{}".getBytes(java.nio.charset.StandardCharsets.UTF_8);
                exchange.getResponseHeaders().set("Content-Type", "application/json");
                exchange.sendResponseHeaders(200, body.length);
                exchange.getResponseBody().write(body);
                exchange.close();
            });
            server.start();
            return server;
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
