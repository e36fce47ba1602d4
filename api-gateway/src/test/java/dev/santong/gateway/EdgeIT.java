package dev.santong.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.TestPropertySource;

import dev.santong.platform.testkit.AbusedTokens;
import dev.santong.platform.testkit.Api;
import dev.santong.platform.testkit.LocalStack;
import dev.santong.platform.testkit.StackTest;
import dev.santong.platform.testkit.Tokens;

/** The gateway alone against the real Keycloak and Redis; its routes lead to a port where nothing listens. */
@StackTest
@TestPropertySource(properties = {
        "santong.routes.member=http://127.0.0.1:19",
        "santong.routes.sync=http://127.0.0.1:19",
        "santong.routes.goods=http://127.0.0.1:19",
        "santong.routes.aftersales=http://127.0.0.1:19",
        "santong.gateway.cors.allowed-origins=https://shop.example.com",
        "management.server.port=0",
        "santong.gateway.rate-limit.requests=3",
        "santong.gateway.rate-limit.period=PT30S",
        "santong.gateway.rate-limit.classes.shopper.requests=3",
        "santong.gateway.rate-limit.classes.shopper.period=PT30S",
        "santong.gateway.rate-limit.classes.store.requests=3",
        "santong.gateway.rate-limit.classes.store.period=PT30S",
        "santong.gateway.rate-limit.classes.hq.requests=3",
        "santong.gateway.rate-limit.classes.hq.period=PT30S",
        "santong.gateway.rate-limit.classes.shop-backend.requests=6",
        "santong.gateway.rate-limit.classes.shop-backend.period=PT30S",
        "santong.gateway.rate-limit.classes.anonymous.requests=3",
        "santong.gateway.rate-limit.classes.anonymous.period=PT30S",
        "santong.gateway.rate-limit.key-prefix=test:${random.uuid}:" })
class EdgeIT {

    @LocalServerPort
    int port;

    @org.springframework.boot.test.web.server.LocalManagementPort
    int managementPort;

    private Api api() {
        return Api.at("http://localhost:" + port);
    }

    @Test
    void withoutATokenTheGatewayAnswers401Problem() {
        Api.Response response = api().header("traceparent", "00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01")
                .get("/api/members/123");
        assertThat(response.status()).isEqualTo(401);
        assertThat(response.header("Content-Type")).startsWith("application/problem+json");
        assertThat(response.json().path("type").asString()).endsWith("/unauthenticated");
        assertThat(response.json().path("correlationId").asString()).isEqualTo("0af7651916cd43dd8448eb211c80319c");
        assertThat(response.header("X-Correlation-Id")).isEqualTo("0af7651916cd43dd8448eb211c80319c");
        assertThat(response.header("WWW-Authenticate")).startsWith("Bearer");
    }

    @Test
    void aForgedOrForeignTokenIs401() {
        String unsigned = "eyJhbGciOiJub25lIn0.eyJzdWIiOiJ4IiwiYXVkIjoic2FudG9uZy1hcGkifQ.";
        assertThat(api().as(unsigned).get("/api/members/123").status()).isEqualTo(401);
    }

    @Test
    void theShopsCatalogueIsReadWithoutATokenLimitedPerClientAddressWhateverItClaimsToForwardFor() {
        List<Integer> statuses = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            // A client cannot pick its own address: with no trusted proxy, X-Forwarded-For is not believed.
            Api.Response response = api().header("X-Forwarded-For", "203.0.113." + i).get("/api/goods/shop/skus?q=shirt");
            assertThat(response.header("RateLimit-Policy")).isEqualTo("\"anonymous\";q=3;w=30");
            statuses.add(response.status());
        }
        // Past the edge (to the dead goods route) at most three times, then refused; the Swagger UI test's document
        // read may have used one of the address's three.
        int passed = statuses.indexOf(429);
        assertThat(passed).as(statuses.toString()).isBetween(1, 3);
        assertThat(statuses.subList(0, passed)).allMatch(status -> status == 503);
        assertThat(statuses.subList(passed, 4)).allMatch(status -> status == 429);

        assertThat(api().get("/api/goods/skus/OX-BLU-M").status()).as("the rest of goods").isEqualTo(401);
        assertThat(api().get("/api/goods/shopping").status()).as("only the shop's paths").isEqualTo(401);
        assertThat(api().post("/api/goods/shop/skus", java.util.Map.of()).status()).as("reads only").isEqualTo(401);
        assertThat(api().as("not.a.token").get("/api/goods/shop/skus").status()).as("a bad token is refused, not ignored").isEqualTo(401);
    }

    @Test
    void oneSwaggerUiAtTheFrontDoorOverTheFourServicesDocuments() {
        Api.Response ui = api().get("/swagger-ui.html");
        assertThat(ui.status()).as(ui.toString()).isIn(200, 302);
        Api.Response config = api().get("/v3/api-docs/swagger-config");
        assertThat(config.status()).as(config.toString()).isEqualTo(200);
        List<String> documents = new ArrayList<>();
        config.json().path("urls").forEach(url -> documents.add(url.path("url").asString()));
        assertThat(documents).containsExactlyInAnyOrder("/v3/api-docs/members", "/v3/api-docs/goods", "/v3/api-docs/aftersales", "/v3/api-docs/sync");
        Api.Response index = api().get("/webjars/swagger-ui/index.html");
        assertThat(index.status()).isEqualTo(200);
        // Routed to the service without a token; here the service is down, which the document's route says like any other.
        Api.Response goods = api().get("/v3/api-docs/goods");
        assertThat(goods.status()).isEqualTo(503);
        assertThat(api().get("/v3/api-docs/nothing").status()).isIn(401, 404);
    }

    @Test
    void theServicesOwnAccountsDoNotComeInThroughTheFrontDoor(Tokens tokens) {
        for (String client : List.of("channel-sync", "service-svc", "member-svc")) {
            Api.Response response = api().as(tokens.clientCredentials(client, client + "-secret")).get("/api/goods/locations");
            assertThat(response.status()).as(client).isEqualTo(401);
            assertThat(response.header("WWW-Authenticate")).as(client).contains("invalid_token");
        }
    }

    @Test
    void everyAbusedTokenIsRefusedAtTheEdgeAlsoWhereNoTokenIsNeeded(Tokens tokens) {
        List<AbusedTokens.Abuse> abuses = AbusedTokens.all(tokens, LocalStack.fromEnvironment());
        AbusedTokens.assertEachRefused(api(), "/api/members/00000000-0000-0000-0000-000000000001", abuses);
        AbusedTokens.assertEachRefused(api(), "/api/goods/shop/skus", abuses);
    }

    @Test
    void aShopperHasNoBusinessInTheStoreSyncApi(Tokens tokens) {
        Api.Response response = api().as(tokens.customer("alice")).get("/api/sync/stores/9/batches/x");
        assertThat(response.status()).isEqualTo(403);
        assertThat(response.json().path("type").asString()).endsWith("/forbidden");
    }

    @Test
    void aServiceThatIsDownIs503Problem(Tokens tokens) {
        Api.Response response = api().as(tokens.hqAdmin()).get("/api/members/123");
        assertThat(response.status()).as(response.toString()).isEqualTo(503);
        // Unavailable, or already known to be (its breaker opened on other tests' calls to the same dead route).
        assertThat(response.json().path("type").asString()).matches(".*/upstream-(unavailable|circuit-open)");
        assertThat(response.header("Retry-After")).isNotNull();
    }

    @Test
    void eachCallerHasTheirOwnRateLimit(Tokens tokens) {
        Api bob = api().as(tokens.customer("bob"));
        List<Integer> statuses = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            statuses.add(bob.get("/api/members/me").status());
        }
        assertThat(statuses.subList(0, 3)).doesNotContain(429);
        assertThat(statuses.subList(3, 5)).containsOnly(429);
        Api.Response limited = bob.get("/api/members/me");
        assertThat(limited.header("Retry-After")).isEqualTo("30");
        assertThat(limited.json().path("type").asString()).endsWith("/rate-limited");

        assertThat(api().as(tokens.hqAnalyst()).get("/api/members/me").status()).isNotEqualTo(429);
    }

    @Test
    void theShopsOriginGetsItsPreflightAnsweredWithoutATokenAndOthersDoNot() {
        Api.Response preflight = api().header("Origin", "https://shop.example.com").header("Access-Control-Request-Method", "POST")
                .header("Access-Control-Request-Headers", "authorization, content-type, idempotency-key").options("/api/members/points/redemptions");
        assertThat(preflight.status()).as(preflight.toString()).isEqualTo(200);
        assertThat(preflight.header("Access-Control-Allow-Origin")).isEqualTo("https://shop.example.com");
        assertThat(preflight.header("Access-Control-Allow-Methods")).contains("POST");
        assertThat(preflight.header("Access-Control-Allow-Headers").toLowerCase()).contains("idempotency-key");
        Api.Response foreign = api().header("Origin", "https://evil.example.net").header("Access-Control-Request-Method", "POST")
                .options("/api/members/points/redemptions");
        assertThat(foreign.status()).isEqualTo(403);
        assertThat(foreign.header("Access-Control-Allow-Origin")).isNull();
    }

    @Test
    void aBodyOverItsRoutesLimitIsRefusedBeforeItIsRead(Tokens tokens) {
        byte[] twoMegabytes = new byte[2 * 1024 * 1024];
        Api.Response refused = api().as(tokens.hqAnalyst()).upload("/api/goods/skus", "application/json", twoMegabytes);
        assertThat(refused.status()).isEqualTo(413);
        Api.Response photo = api().as(tokens.hqAnalyst()).upload("/api/aftersales/cases/x/attachments?name=p.png", "image/png", twoMegabytes);
        assertThat(photo.status()).as("the attachment route takes up to 10 MB; its service is down here").isEqualTo(503);
    }

    @Test
    void aDeadServiceOpensItsRoutesBreakerAndIsThenRefusedAtOnceWithRetryAfter(Tokens tokens) {
        // Four callers, two calls each: the rate limits here are 3 a time.
        List<Api> callers = List.of(api().as(tokens.pos("12")), api().as(tokens.pos("15")), api().as(tokens.hqAdmin()),
                api().as(tokens.customer("carol")));
        Api.Response last = null;
        for (int i = 0; i < 8; i++) {
            last = callers.get(i / 2).get("/api/aftersales/cases/any");
            assertThat(last.status()).as(last.toString()).isEqualTo(503);
            assertThat(last.header("Retry-After")).isNotNull();
        }
        assertThat(last.json().path("type").asString()).as(last.toString()).endsWith("/upstream-circuit-open");
        assertThat(last.json().path("correlationId").asString()).isNotBlank();
        assertThat(last.header("Retry-After")).isEqualTo("10");
        // The other routes have breakers of their own.
        assertThat(api().as(tokens.customer("alice")).get("/api/goods/skus/any").json().path("type").asString()).endsWith("/upstream-unavailable");
        assertThat(api().get("/edge/unavailable").status()).as("the fallback is reached only through a route").isIn(401, 403);
    }

    @Test
    void aStoresTillsAndStaffShareTheStoresLimitAndTheShopsServerHasItsOwn(Tokens tokens) {
        Api till = api().as(tokens.pos("9"));
        Api staff = api().as(tokens.storeStaff("9"));
        List<Integer> statuses = new ArrayList<>();
        statuses.add(staff.get("/api/members/me").status());
        statuses.add(staff.get("/api/members/me").status());
        statuses.add(till.get("/api/members/me").status());
        assertThat(statuses).doesNotContain(429);
        Api.Response fourth = till.get("/api/members/me");
        assertThat(fourth.status()).as("the store's fourth, whoever sends it").isEqualTo(429);
        assertThat(fourth.header("Retry-After")).isEqualTo("30");
        assertThat(fourth.header("RateLimit")).isEqualTo("\"store\";r=0;t=30");
        assertThat(fourth.header("RateLimit-Policy")).isEqualTo("\"store\";q=3;w=30");

        Api shop = api().as(tokens.shopBackend());
        for (int i = 0; i < 5; i++) {
            Api.Response answer = shop.get("/api/members/me");
            assertThat(answer.status()).as("the shop's server, call " + (i + 1)).isNotEqualTo(429);
            assertThat(answer.header("RateLimit-Policy")).isEqualTo("\"shop-backend\";q=6;w=30");
        }
    }

    @Test
    void thePublicPortServesProbesAndNoActuatorEndpointWhichIsOnTheManagementPort() {
        assertThat(api().get("/readyz").status()).isEqualTo(200);
        assertThat(api().get("/livez").status()).isEqualTo(200);
        for (String path : List.of("/actuator/prometheus", "/actuator/health", "/actuator/info", "/actuator/env", "/actuator")) {
            Api.Response refused = api().get(path);
            assertThat(refused.status()).as(path).isIn(401, 403, 404);
            assertThat(refused.body()).as(path).doesNotContain("jvm_").doesNotContain("\"components\"");
        }
        Api management = Api.at("http://localhost:" + managementPort);
        assertThat(management.get("/actuator/prometheus").body()).contains("jvm_memory");
        assertThat(management.get("/actuator/health/readiness").status()).isEqualTo(200);
    }
}
