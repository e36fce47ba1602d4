package dev.santong.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.junit.jupiter.api.AfterAll;
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
 * A route's breaker guards against a failing service, not against load: 64 requests in flight to a healthy, slow
 * service all get through (the breaker's default bulkhead refused all but 25 with 503).
 */
@StackTest
@TestPropertySource(properties = { "management.server.port=0", "santong.gateway.rate-limit.key-prefix=load:${random.uuid}:",
        "santong.gateway.rate-limit.classes.shop-backend.requests=1000" })
class RouteConcurrencyIT {

    private static final HttpServer SLOW_SERVICE = slowService();

    @DynamicPropertySource
    static void routes(DynamicPropertyRegistry registry) {
        registry.add("santong.routes.goods", () -> "http://127.0.0.1:" + SLOW_SERVICE.getAddress().getPort());
    }

    @LocalServerPort
    int port;

    @Test
    void sixtyFourRequestsInFlightToAHealthyServiceAllGetThrough(Tokens tokens) throws Exception {
        Api shop = Api.at("http://localhost:" + port).as(tokens.shopBackend());
        Map<Integer, Integer> statuses = new TreeMap<>();
        try (ExecutorService callers = Executors.newFixedThreadPool(64)) {
            List<Future<Integer>> calls = new ArrayList<>();
            for (int i = 0; i < 64; i++) {
                calls.add(callers.submit(() -> shop.get("/api/goods/skus/OX-BLU-M").status()));
            }
            for (Future<Integer> call : calls) {
                statuses.merge(call.get(), 1, Integer::sum);
            }
        }
        assertThat(statuses).isEqualTo(Map.of(200, 64));
    }

    @AfterAll
    static void stop() {
        SLOW_SERVICE.stop(0);
    }

    private static HttpServer slowService() {
        try {
            HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 128);
            server.setExecutor(Executors.newFixedThreadPool(64));
            server.createContext("/", exchange -> {
                try {
                    Thread.sleep(500);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                byte[] body = "{\"code\":\"OX-BLU-M\"}".getBytes(java.nio.charset.StandardCharsets.UTF_8);
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
