package dev.santong.member.member;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

import dev.santong.platform.testkit.Api;
import dev.santong.platform.testkit.ServiceContract;
import dev.santong.platform.testkit.StackTest;
import dev.santong.platform.testkit.Tokens;
import tools.jackson.databind.JsonNode;

@StackTest
class MemberEnrolmentIT {

    @Autowired
    Api api;

    @Autowired
    JdbcClient jdbc;

    @Test
    void tillEnrolsAPhoneAndGetsTheSameMemberForTheSamePhoneTypedDifferently(Tokens tokens) {
        Api till = api.as(tokens.pos("9"));
        Api.Response first = till.post("/api/members", Map.of("channel", "STORE", "storeId", "9", "phone", "139 1111 2222", "displayName", "Wei"));
        assertThat(first.status()).as(first.toString()).isEqualTo(201);
        String id = first.json().path("member").path("id").asString();
        assertThat(first.header("Location")).isEqualTo("/api/members/" + id);
        assertThat(first.json().path("member").path("identities").get(0).path("value").asString()).isEqualTo("139****2222");

        Api.Response again = till.post("/api/members", Map.of("channel", "STORE", "storeId", "9", "phone", "+86 139-1111-2222"));
        assertThat(again.status()).isEqualTo(200);
        assertThat(again.json().path("member").path("id").asString()).isEqualTo(id);
        assertThat(again.json().path("resolution").path("outcome").asString()).isEqualTo("EXISTING");
        assertThat(again.json().path("resolution").path("matchedBy").asString()).isEqualTo("PHONE");
        assertThat(jdbc.sql("SELECT COUNT(DISTINCT member_id) FROM member_identity WHERE value = '+8613911112222'")
                .query(Long.class).single()).isEqualTo(1L);

        JsonNode full = api.as(tokens.hqAdmin()).get("/api/members/" + id).json();
        assertThat(full.path("identities").get(0).path("value").asString()).isEqualTo("+8613911112222");
        assertThat(full.path("displayName").asString()).isEqualTo("Wei");
    }

    @Test
    void aTillMayNotEnrolForAnotherStore(Tokens tokens) {
        Api.Response response = api.as(tokens.pos("9"))
                .post("/api/members", Map.of("channel", "STORE", "storeId", "12", "phone", "13922223333"));
        assertThat(response.status()).isEqualTo(403);
        assertThat(response.header("Content-Type")).startsWith("application/problem+json");
        assertThat(jdbc.sql("SELECT COUNT(*) FROM member_identity WHERE value = '+8613922223333'").query(Long.class).single()).isZero();
    }

    @Test
    void shopperEnrolsOnlineAndOnlyReadsTheirOwnMember(Tokens tokens) {
        Api alice = api.as(tokens.customer("alice"));
        Api.Response enrolled = alice.post("/api/members", Map.of("channel", "ONLINE", "email", "Alice@Example.com"));
        assertThat(enrolled.status()).as(enrolled.toString()).isEqualTo(201);
        String aliceId = enrolled.json().path("member").path("id").asString();
        assertThat(alice.get("/api/members/me").json().path("id").asString()).isEqualTo(aliceId);
        assertThat(alice.post("/api/members", Map.of("channel", "ONLINE")).status()).isEqualTo(200);

        Api.Response bobReads = api.as(tokens.customer("bob")).get("/api/members/" + aliceId);
        assertThat(bobReads.status()).isEqualTo(404);
        assertThat(api.as(tokens.customer("bob")).get("/api/members/me").status()).isEqualTo(404);
        assertThat(api.as(tokens.hqAnalyst()).get("/api/members/" + aliceId).status()).isEqualTo(200);
    }

    @Test
    void badInputIsAProblemNamingTheField(Tokens tokens) {
        Api till = api.as(tokens.pos("9"));
        Api.Response badPhone = till.post("/api/members", Map.of("channel", "STORE", "storeId", "9", "phone", "12345"));
        assertThat(badPhone.status()).isEqualTo(400);
        assertThat(badPhone.json().path("errors").get(0).path("field").asString()).isEqualTo("phone");

        Api.Response noChannel = till.post("/api/members", Map.of("storeId", "9", "phone", "13944445555"));
        assertThat(noChannel.status()).isEqualTo(400);
        assertThat(noChannel.json().path("errors").get(0).path("field").asString()).isEqualTo("channel");

        Api.Response wrongType = till.post("/api/members", "{\"channel\":\"STORE\",\"storeId\":\"9\",\"phone\":[1]}");
        assertThat(wrongType.status()).isEqualTo(400);
        assertThat(wrongType.json().path("errors").get(0).path("field").asString()).isEqualTo("phone");

        Api.Response notJson = till.post("/api/members", "{\"channel\":");
        assertThat(notJson.status()).isEqualTo(400);
        assertThat(notJson.json().path("type").asString()).endsWith("/validation");
    }

    @Test
    void withoutATokenTheAnswerIs401ProblemWithTheTraceIdAsCorrelationId() {
        Api.Response response = api.header("traceparent", "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01")
                .get("/api/members/anything");
        assertThat(response.status()).isEqualTo(401);
        assertThat(response.header("X-Correlation-Id")).isEqualTo("4bf92f3577b34da6a3ce929d0e0e4736");
        assertThat(response.json().path("correlationId").asString()).isEqualTo("4bf92f3577b34da6a3ce929d0e0e4736");
        assertThat(response.header("WWW-Authenticate")).startsWith("Bearer");

        // A request without a trace starts one; an X-Correlation-Id of the caller's is not a second id.
        Api.Response untraced = api.header("X-Correlation-Id", "test-correlation-0001").get("/api/members/anything");
        assertThat(untraced.header("X-Correlation-Id")).matches("[0-9a-f]{32}");
        assertThat(untraced.json().path("correlationId").asString()).isEqualTo(untraced.header("X-Correlation-Id"));
    }

    @Test
    void twentyTillsEnrollingTheSamePhoneAtOnceMakeOneMember(Tokens tokens) throws Exception {
        Api till = api.as(tokens.pos("9"));
        List<Future<Api.Response>> calls = new ArrayList<>();
        try (ExecutorService pool = Executors.newFixedThreadPool(20)) {
            for (int i = 0; i < 20; i++) {
                calls.add(pool.submit(() -> till.post("/api/members", Map.of("channel", "STORE", "storeId", "9", "phone", "13955556666"))));
            }
        }
        Set<String> ids = new java.util.HashSet<>();
        for (Future<Api.Response> call : calls) {
            Api.Response response = call.get();
            assertThat(response.status()).as(response.toString()).isIn(200, 201);
            ids.add(response.json().path("member").path("id").asString());
        }
        assertThat(ids).hasSize(1);
        assertThat(calls.stream().map(c -> c.resultNow().status()).collect(Collectors.toList())).containsOnlyOnce(201);
    }

    @Test
    void servesProbesMetricsAndItsOpenApiDocumentWithoutAToken() {
        ServiceContract.assertServesPlatformEndpoints(api, "/api/members");
        ServiceContract.assertDocumentContract(api, MemberEnrolmentIT.class);
    }

    @Test
    void aShopperProbingTwentyOtherMembersIdsGetsNothing(Tokens tokens) {
        Api till = api.as(tokens.pos("15"));
        Api bob = api.as(tokens.customer("bob"));
        for (int i = 0; i < 20; i++) {
            String phone = "1381234" + String.format("%04d", i);
            String id = till.post("/api/members", Map.of("channel", "STORE", "storeId", "15", "phone", phone, "displayName", "Probe" + i))
                    .json().path("member").path("id").asString();
            for (String path : new String[] { "", "/consents", "/merges", "/audit" }) {
                Api.Response probe = bob.get("/api/members/" + id + path);
                assertThat(probe.status()).as(path + " " + probe).isIn(403, 404);
                assertThat(probe.body()).doesNotContain(phone.substring(3)).doesNotContain("Probe" + i);
            }
            assertThat(bob.post("/api/members/" + id + "/consents", Map.of("purpose", "MARKETING_SMS", "action", "WITHDRAWN")).status())
                    .isIn(403, 404);
        }
    }
}
