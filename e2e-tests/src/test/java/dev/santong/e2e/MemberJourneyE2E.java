package dev.santong.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import dev.santong.platform.testkit.Api;
import dev.santong.platform.testkit.Tokens;

/**
 * A real Keycloak token, through the gateway, to a service and its database: the walking skeleton of the suite.
 * Phone numbers are random per run, so the journey holds on a stack that already has demo data.
 */
class MemberJourneyE2E {

    private final Tokens tokens = Tokens.forLocalStack();
    private final Api gateway = Api.at(System.getProperty("santong.gateway.url", "http://localhost:8080"));

    private static String randomMobile() {
        return "137" + String.format("%08d", Math.floorMod(UUID.randomUUID().getLeastSignificantBits(), 100_000_000L));
    }

    @Test
    void aStoreTillEnrolsAMemberThroughTheGatewayAndReadsItBack() {
        Api till = gateway.as(tokens.pos("9"));
        String phone = randomMobile();
        Api.Response enrolled = till.post("/api/members", Map.of("channel", "STORE", "storeId", "9", "phone", phone, "displayName", "Ming"));
        assertThat(enrolled.status()).as(enrolled.toString()).isEqualTo(201);
        String memberId = enrolled.json().path("member").path("id").asString();
        assertThat(enrolled.header("X-Correlation-Id")).isNotBlank();

        Api.Response readBack = till.get("/api/members/" + memberId);
        assertThat(readBack.status()).isEqualTo(200);
        assertThat(readBack.json().path("enrolledStore").asString()).isEqualTo("9");
        assertThat(readBack.json().path("identities").get(0).path("value").asString()).contains("****");

        Api.Response again = gateway.as(tokens.pos("9")).post("/api/members", Map.of("channel", "STORE", "storeId", "9", "phone", phone));
        assertThat(again.status()).isEqualTo(200);
        assertThat(again.json().path("member").path("id").asString()).isEqualTo(memberId);
    }

    @Test
    void aShopperReadsTheirOwnMemberButNotSomeoneElsesWhileHqReadsAny() {
        Api alice = gateway.as(tokens.customer("alice"));
        Api.Response enrolled = alice.post("/api/members", Map.of("channel", "ONLINE"));
        assertThat(enrolled.status()).as(enrolled.toString()).isIn(200, 201);
        String aliceMemberId = enrolled.json().path("member").path("id").asString();
        assertThat(alice.get("/api/members/me").json().path("id").asString()).isEqualTo(aliceMemberId);

        Api.Response storeMember = gateway.as(tokens.pos("12"))
                .post("/api/members", Map.of("channel", "STORE", "storeId", "12", "phone", randomMobile()));
        String storeMemberId = storeMember.json().path("member").path("id").asString();

        Api.Response aliceReadsOther = alice.get("/api/members/" + storeMemberId);
        assertThat(aliceReadsOther.status()).isIn(403, 404);
        assertThat(aliceReadsOther.header("Content-Type")).startsWith("application/problem+json");
        assertThat(gateway.as(tokens.customer("bob")).get("/api/members/" + aliceMemberId).status()).isIn(403, 404);

        Api.Response hqReads = gateway.as(tokens.hqAdmin()).get("/api/members/" + storeMemberId);
        assertThat(hqReads.status()).isEqualTo(200);
        assertThat(hqReads.json().path("identities").get(0).path("value").asString()).startsWith("+86137");
    }

    @Test
    void theGatewayRefusesWithProblemDetails() {
        Api.Response anonymous = gateway.get("/api/members/me");
        assertThat(anonymous.status()).isEqualTo(401);
        assertThat(anonymous.json().path("status").asInt()).isEqualTo(401);

        Api.Response shopperAtTheTillApi = gateway.as(tokens.customer("alice")).get("/api/sync/stores/9/batches/none");
        assertThat(shopperAtTheTillApi.status()).isEqualTo(403);
        assertThat(shopperAtTheTillApi.json().path("type").asString()).endsWith("/forbidden");
    }
}
