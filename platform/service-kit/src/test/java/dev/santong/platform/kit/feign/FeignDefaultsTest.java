package dev.santong.platform.kit.feign;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.cloud.openfeign.EnableFeignClients;
import org.springframework.cloud.openfeign.FeignClient;
import org.springframework.core.env.Environment;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestHeader;

import com.sun.net.httpserver.HttpServer;

import io.micrometer.tracing.Span;
import io.micrometer.tracing.Tracer;


/**
 * The kit's Feign defaults against a real HTTP server that answers "503, retry after 0 s": a GET and a write with an
 * Idempotency-Key are retried, a plain write is not, and every call carries the correlation id.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.NONE, classes = FeignDefaultsTest.Remote.class)
class FeignDefaultsTest {

    @SpringBootApplication
    @EnableFeignClients(clients = StockClient.class)
    static class Remote {
    }

    @FeignClient(name = "goods", url = "${test.remote-url}")
    interface StockClient {
        @GetMapping("/stock")
        String stock();

        @PostMapping("/reservations")
        String reserve();

        @PostMapping("/reservations")
        String reserve(@RequestHeader("Idempotency-Key") String key);
    }

    private static HttpServer server;
    private static final Map<String, AtomicInteger> HITS = new ConcurrentHashMap<>();
    private static final List<String> TRACEPARENTS = new CopyOnWriteArrayList<>();

    @BeforeAll
    static void startOverloadedRemote() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", exchange -> {
            String key = exchange.getRequestMethod() + " " + exchange.getRequestURI().getPath()
                    + (exchange.getRequestHeaders().containsKey("Idempotency-Key") ? " keyed" : "");
            HITS.computeIfAbsent(key, k -> new AtomicInteger()).incrementAndGet();
            TRACEPARENTS.add(String.join(" | ", exchange.getRequestHeaders().getOrDefault("traceparent", List.of())));
            exchange.getResponseHeaders().add("Retry-After", "0");
            exchange.sendResponseHeaders(503, -1);
            exchange.close();
        });
        server.start();
    }

    @AfterAll
    static void stopRemote() {
        server.stop(0);
    }

    @DynamicPropertySource
    static void remote(DynamicPropertyRegistry registry) {
        registry.add("test.remote-url", () -> "http://127.0.0.1:" + server.getAddress().getPort());
        // One failure must not open the breaker between the cases of this test.
        registry.add("resilience4j.circuitbreaker.configs.default.minimum-number-of-calls", () -> "100");
    }

    @Autowired
    StockClient client;

    @Autowired
    Environment environment;

    @Autowired
    Tracer tracer;

    @BeforeEach
    void reset() {
        HITS.clear();
        TRACEPARENTS.clear();
    }

    @Test
    void aReadIsRetriedThreeTimesInAll() {
        assertThatThrownBy(client::stock).isInstanceOf(Exception.class);
        assertThat(HITS.get("GET /stock")).hasValue(3);
    }

    @Test
    void aWriteWithoutIdempotencyKeyIsSentOnce() {
        assertThatThrownBy(client::reserve).isInstanceOf(Exception.class);
        assertThat(HITS.get("POST /reservations")).hasValue(1);
    }

    @Test
    void aWriteWithIdempotencyKeyIsRetried() {
        assertThatThrownBy(() -> client.reserve("order-42-line-1")).isInstanceOf(Exception.class);
        assertThat(HITS.get("POST /reservations keyed")).hasValue(3);
    }

    @Test
    void everyAttemptCarriesTheCallersTraceOnce() {
        Span request = tracer.nextSpan().name("a request").start();
        try (Tracer.SpanInScope scope = tracer.withSpan(request)) {
            assertThatThrownBy(client::stock).isInstanceOf(Exception.class);
        } finally {
            request.end();
        }
        assertThat(TRACEPARENTS).hasSize(3).allMatch(header -> header.startsWith("00-" + request.context().traceId() + "-")
                && !header.contains("|"));
    }

    @Test
    void timeoutsDefaultToTwoSecondsToConnectAndFiveToRead() {
        assertThat(environment.getProperty("spring.cloud.openfeign.client.config.default.connect-timeout")).isEqualTo("2000");
        assertThat(environment.getProperty("spring.cloud.openfeign.client.config.default.read-timeout")).isEqualTo("5000");
    }
}
