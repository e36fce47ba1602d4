package dev.santong.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.context.TestPropertySource;

import dev.santong.platform.testkit.Api;
import dev.santong.platform.testkit.StackTest;
import dev.santong.platform.testkit.Tokens;

/**
 * The gateway with a Redis of its own, which the test stops and starts again: the limits carry on per replica, a route
 * that chose to close refuses, and the shared limits come back with Redis.
 */
@StackTest
@TestPropertySource(properties = {
        "santong.routes.member=http://127.0.0.1:19",
        "santong.routes.sync=http://127.0.0.1:19",
        "santong.routes.goods=http://127.0.0.1:19",
        "santong.routes.aftersales=http://127.0.0.1:19",
        "management.server.port=0",
        "santong.gateway.rate-limit.requests=3",
        "santong.gateway.rate-limit.period=PT30S",
        "santong.gateway.rate-limit.classes.store.requests=3",
        "santong.gateway.rate-limit.classes.store.period=PT30S",
        "santong.gateway.rate-limit.classes.hq.requests=3",
        "santong.gateway.rate-limit.classes.hq.period=PT30S",
        "santong.gateway.rate-limit.when-redis-down.routes.aftersales.writes=CLOSED",
        "resilience4j.circuitbreaker.instances.rate-limit-redis.wait-duration-in-open-state=2s",
        "santong.gateway.rate-limit.key-prefix=down:" })
class RedisDownIT {

    private static final int REDIS_PORT = freePort();
    private static Process redis = startRedis();

    @DynamicPropertySource
    static void ownRedis(DynamicPropertyRegistry registry) {
        registry.add("spring.data.redis.port", () -> REDIS_PORT);
    }

    @LocalServerPort
    int port;

    private Api api() {
        return Api.at("http://localhost:" + port);
    }

    @Test
    void limitsCarryOnPerReplicaWhileRedisIsDownAClosedRouteRefusesAndRedisDecidesAgainOnceBack(Tokens tokens) throws Exception {
        Api.Response before = api().as(tokens.hqAdmin()).get("/api/members/1");
        assertThat(before.json().path("type").asString()).as("past the limit to the dead route").contains("/upstream-");
        assertThat(limiterKeys()).as("counted in Redis").isNotEmpty();

        stopRedis();
        Api store = api().as(tokens.storeStaff("9"));
        List<String> outcomes = new ArrayList<>();
        long started = System.nanoTime();
        for (int i = 0; i < 4; i++) {
            outcomes.add(store.get("/api/goods/stock/OX-BLU-M").json().path("type").asString().replaceAll(".*/", ""));
        }
        long elapsedMs = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started);
        assertThat(outcomes.subList(0, 3)).as("let through by this replica's own count").allMatch(type -> type.startsWith("upstream-"));
        assertThat(outcomes.get(3)).as("and limited by it").isEqualTo("rate-limited");
        // Redisson alone would wait its 3 s timeout and retries on every request: the breaker's time limit is 250 ms.
        assertThat(elapsedMs).as("four requests while Redis is down").isLessThan(5_000);

        Api shopper = api().as(tokens.customer("alice"));
        Api.Response write = shopper.post("/api/aftersales/cases", Map.of());
        assertThat(write.status()).isEqualTo(503);
        assertThat(write.json().path("type").asString()).endsWith("/rate-limit-unavailable");
        assertThat(write.header("Retry-After")).isEqualTo("5");
        assertThat(shopper.get("/api/aftersales/cases").json().path("type").asString()).as("reads on that route go on")
                .contains("/upstream-");
        assertThat(api().get("/readyz").status()).as("still serving, so still ready: not taken out of the load balancer").isEqualTo(200);

        redis = startRedis();
        Api analyst = api().as(tokens.hqAnalyst());
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (limiterKeys().isEmpty() && System.nanoTime() < deadline) {
            analyst.get("/api/members/1");
            Thread.sleep(250);
        }
        assertThat(limiterKeys()).as("counted in Redis again").isNotEmpty();
    }

    @AfterAll
    static void stopOwnRedis() {
        stopRedis();
    }

    private static List<String> limiterKeys() throws IOException, InterruptedException {
        Process scan = new ProcessBuilder("redis-cli", "-p", Integer.toString(REDIS_PORT), "--scan", "--pattern", "down:*").start();
        String out = new String(scan.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        scan.waitFor();
        return out.lines().filter(line -> !line.isBlank()).toList();
    }

    private static Process startRedis() {
        try {
            Process process = new ProcessBuilder("redis-server", "--port", Integer.toString(REDIS_PORT), "--bind", "127.0.0.1", "--save", "",
                    "--appendonly", "no").redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            while (System.nanoTime() < deadline) {
                try (java.net.Socket socket = new java.net.Socket("127.0.0.1", REDIS_PORT)) {
                    return process;
                } catch (IOException notYet) {
                    Thread.sleep(50);
                }
            }
            throw new IllegalStateException("redis-server did not listen on " + REDIS_PORT);
        } catch (IOException | InterruptedException e) {
            throw new IllegalStateException("cannot start redis-server (installed by ./santong infra up)", e);
        }
    }

    private static void stopRedis() {
        if (redis != null && redis.isAlive()) {
            redis.destroy();
            try {
                redis.waitFor(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
