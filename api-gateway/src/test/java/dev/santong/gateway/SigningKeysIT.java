package dev.santong.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Base64;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.context.TestPropertySource;

import com.sun.net.httpserver.HttpServer;

import dev.santong.platform.testkit.Api;
import dev.santong.platform.testkit.LocalStack;
import dev.santong.platform.testkit.RealmKeys;
import dev.santong.platform.testkit.StackTest;
import dev.santong.platform.testkit.Tokens;

/**
 * The gateway fetches the realm's keys through a stand-in for the route to Keycloak, which the test cuts: valid tokens
 * are still served while Keycloak cannot be reached, and a rotated key is fetched when a token names it.
 */
@StackTest
@TestPropertySource(properties = { "santong.routes.member=http://127.0.0.1:19", "management.server.port=0",
        "santong.gateway.rate-limit.key-prefix=keys:${random.uuid}:" })
class SigningKeysIT {

    private static final LocalStack STACK = LocalStack.fromEnvironment();
    private static final AtomicBoolean KEYCLOAK_REACHABLE = new AtomicBoolean(true);
    private static final AtomicInteger KEY_FETCHES = new AtomicInteger();
    private static final HttpServer ROUTE_TO_KEYCLOAK = routeToKeycloak();

    @DynamicPropertySource
    static void keysThroughTheStandIn(DynamicPropertyRegistry registry) {
        registry.add("santong.security.jwk-set-uri", () -> "http://127.0.0.1:" + ROUTE_TO_KEYCLOAK.getAddress().getPort() + "/certs");
    }

    @LocalServerPort
    int port;

    private int status(String token) {
        return Api.at("http://localhost:" + port).as(token).get("/api/members/00000000-0000-0000-0000-000000000001").status();
    }

    @Test
    void validTokensAreServedWhileKeycloakCannotBeReachedAndARotatedKeyIsFetchedWhenATokenNamesIt(Tokens tokens) {
        // Past the edge means the dead member route's 503; refused would be 401.
        assertThat(status(tokens.hqAdmin())).isEqualTo(503);
        int fetchesBefore = KEY_FETCHES.get();

        KEYCLOAK_REACHABLE.set(false);
        try {
            assertThat(status(tokens.customer("alice"))).as("another valid token while Keycloak is away").isEqualTo(503);
            assertThat(status(tokens.pos("9"))).isEqualTo(503);
        } finally {
            KEYCLOAK_REACHABLE.set(true);
        }

        Tokens fresh = Tokens.forLocalStack();
        try (RealmKeys.Rotation rotation = new RealmKeys(STACK).rotate()) {
            String signedWithTheNewKey = fresh.freshUser("hq-analyst", Tokens.DEMO_PASSWORD);
            assertThat(kid(signedWithTheNewKey)).isNotEqualTo(kid(tokens.hqAdmin()));
            assertThat(status(signedWithTheNewKey)).as("a token of the rotated key").isEqualTo(503);
            assertThat(KEY_FETCHES.get()).as("the keys were fetched again for the new key id").isGreaterThan(fetchesBefore);
            assertThat(status(tokens.hqAdmin())).as("a token of the earlier key, still valid").isEqualTo(503);
        }
    }

    private static String kid(String token) {
        String header = new String(Base64.getUrlDecoder().decode(token.substring(0, token.indexOf('.'))), java.nio.charset.StandardCharsets.UTF_8);
        return header.replaceAll(".*\"kid\"\\s*:\\s*\"([^\"]+)\".*", "$1");
    }

    @AfterAll
    static void stop() {
        ROUTE_TO_KEYCLOAK.stop(0);
    }

    private static HttpServer routeToKeycloak() {
        try {
            HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
            HttpClient http = HttpClient.newHttpClient();
            server.createContext("/certs", exchange -> {
                if (!KEYCLOAK_REACHABLE.get()) {
                    exchange.sendResponseHeaders(503, -1);
                    exchange.close();
                    return;
                }
                KEY_FETCHES.incrementAndGet();
                try {
                    HttpResponse<byte[]> certs = http.send(HttpRequest.newBuilder(URI.create(STACK.issuerUri() + "/protocol/openid-connect/certs"))
                            .build(), HttpResponse.BodyHandlers.ofByteArray());
                    exchange.getResponseHeaders().set("Content-Type", "application/json");
                    exchange.sendResponseHeaders(certs.statusCode(), certs.body().length);
                    exchange.getResponseBody().write(certs.body());
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    exchange.sendResponseHeaders(502, -1);
                }
                exchange.close();
            });
            server.start();
            return server;
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
