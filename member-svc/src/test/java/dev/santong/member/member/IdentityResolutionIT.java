package dev.santong.member.member;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

import dev.santong.platform.testkit.Api;
import dev.santong.platform.testkit.RealmUsers;
import dev.santong.platform.testkit.StackTest;
import dev.santong.platform.testkit.Tokens;
import tools.jackson.databind.JsonNode;

/**
 * How requests resolve to members, with evidence. Demo shoppers carry phones in their tokens: alice +8613700000001
 * and carol +8613700000003 verified by the identity provider, bob +8613700000002 not verified.
 */
@StackTest
class IdentityResolutionIT {

    @Autowired
    Api api;

    @Autowired
    JdbcClient jdbc;

    private static List<String> types(JsonNode member) {
        List<String> types = new ArrayList<>();
        member.path("identities").forEach(identity -> types.add(identity.path("type").asString()));
        return types;
    }

    @Test
    void aTillPhoneThatTheIdentityProviderVerifiedLinksTheShopperToThatMember(Tokens tokens) {
        String tillMember = api.as(tokens.pos("9")).post("/api/members",
                Map.of("channel", "STORE", "storeId", "9", "phone", "137 0000 0001")).json().path("member").path("id").asString();

        Api.Response online = api.as(tokens.customer("alice")).post("/api/members", Map.of("channel", "ONLINE"));
        assertThat(online.status()).as(online.toString()).isEqualTo(200);
        JsonNode resolution = online.json().path("resolution");
        assertThat(resolution.path("outcome").asString()).isEqualTo("EXISTING");
        assertThat(resolution.path("matchedBy").asString()).isEqualTo("PHONE");
        assertThat(resolution.path("matchedVerified").asBoolean()).isTrue();
        JsonNode member = online.json().path("member");
        assertThat(member.path("id").asString()).isEqualTo(tillMember);
        assertThat(types(member)).contains("PHONE", "ONLINE_ACCOUNT", "EMAIL");
        member.path("identities").forEach(identity -> {
            if (identity.path("type").asString().equals("PHONE")) {
                assertThat(identity.path("verified").asBoolean()).as("the verified claim upgrades the till's phone").isTrue();
            }
        });
        assertThat(api.as(tokens.customer("alice")).get("/api/members/me").json().path("id").asString()).isEqualTo(tillMember);
        assertThat(jdbc.sql("SELECT COUNT(*) FROM identity_match WHERE member_id = :m AND identity_type = 'PHONE' AND verified")
                .param("m", tillMember).query(Long.class).single()).isEqualTo(1L);
    }

    @Test
    void aTypedPhoneNeverHandsAMemberToAnOnlineAccountButIsQueuedForHqWithItsEvidence(Tokens tokens, RealmUsers users) {
        String tillMember = api.as(tokens.pos("12")).post("/api/members",
                Map.of("channel", "STORE", "storeId", "12", "phone", "13700000002")).json().path("member").path("id").asString();

        Api.Response online = api.as(tokens.customer("bob")).post("/api/members", Map.of("channel", "ONLINE", "phone", "13700000002"));
        assertThat(online.status()).as(online.toString()).isEqualTo(201);
        String bobMember = online.json().path("member").path("id").asString();
        assertThat(bobMember).isNotEqualTo(tillMember);
        // What bob is told is what anyone typing a phone nobody holds is told: nothing says the number is a member's.
        RealmUsers.Shopper other = users.createShopper("+8613700007777", false);
        Api otherShopper = api.as(tokens.freshUser(other.username(), other.password()));
        Api.Response fresh = otherShopper.post("/api/members", Map.of("channel", "ONLINE", "phone", "13700009999"));
        assertThat(fresh.status()).isEqualTo(online.status());
        assertThat(online.json().path("resolution")).isEqualTo(fresh.json().path("resolution"));
        assertThat(online.json().path("resolution").has("queuedForReview")).isFalse();
        assertThat(shape(online.json().path("member"))).isEqualTo(shape(fresh.json().path("member")));
        assertThat(shape(api.as(tokens.customer("bob")).get("/api/members/me").json()))
                .isEqualTo(shape(otherShopper.get("/api/members/me").json()));
        assertThat(jdbc.sql("SELECT COUNT(*) FROM member_identity WHERE member_id = :m AND type = 'PHONE'").param("m", bobMember)
                .query(Long.class).single()).as("the phone stays with its holder").isZero();

        assertThat(api.as(tokens.hqAnalyst()).get("/api/members/duplicate-candidates").body()).as("an analyst reads the phone masked")
                .doesNotContain("+8613700000002");
        Api.Response queue = api.as(tokens.hqAdmin()).get("/api/members/duplicate-candidates");
        JsonNode candidate = null;
        for (JsonNode each : queue.json()) {
            if (each.path("memberId").asString().equals(bobMember)) {
                candidate = each;
            }
        }
        assertThat(candidate).as(queue.toString()).isNotNull();
        assertThat(candidate.path("otherMemberId").asString()).isEqualTo(tillMember);
        assertThat(candidate.path("identityType").asString()).isEqualTo("PHONE");
        assertThat(candidate.path("identityValue").asString()).isEqualTo("+8613700000002");
        assertThat(candidate.path("claimVerified").asBoolean()).isFalse();
        assertThat(candidate.path("channel").asString()).isEqualTo("ONLINE");

        long id = candidate.path("id").asLong();
        Map<String, String> reason = Map.of("reason", "different people sharing a family phone");
        assertThat(api.as(tokens.hqAnalyst()).post("/api/members/duplicate-candidates/" + id + "/dismissal", reason).status()).isEqualTo(403);
        Api.Response dismissed = api.as(tokens.hqAdmin()).post("/api/members/duplicate-candidates/" + id + "/dismissal", reason);
        assertThat(dismissed.json().path("status").asString()).isEqualTo("DISMISSED");
        assertThat(api.as(tokens.hqAdmin()).post("/api/members/duplicate-candidates/" + id + "/dismissal", reason).status()).isEqualTo(409);
        assertThat(jdbc.sql("SELECT reason FROM member_audit WHERE action = 'DUPLICATE_DISMISSED' AND member_id = :m")
                .param("m", bobMember).query(String.class).single()).isEqualTo("different people sharing a family phone");
    }

    @Test
    void fiftyConcurrentEnrolmentsOfOnePhoneFromEveryChannelMakeOneMember(Tokens tokens) throws Exception {
        String phone = "+86 137 0000 0003";
        List<Callable<Api.Response>> calls = new ArrayList<>();
        List<Api> callers = List.of(api.as(tokens.pos("9")), api.as(tokens.pos("12")), api.as(tokens.pos("15")),
                api.as(tokens.storeStaff("9")), api.as(tokens.storeStaff("12")), api.as(tokens.hqAdmin()),
                api.as(tokens.customer("carol")));
        List<Map<String, Object>> bodies = List.of(
                Map.of("channel", "STORE", "storeId", "9", "phone", phone),
                Map.of("channel", "STORE", "storeId", "12", "phone", phone),
                Map.of("channel", "STORE", "storeId", "15", "phone", phone),
                Map.of("channel", "STORE", "storeId", "9", "phone", phone),
                Map.of("channel", "STORE", "storeId", "12", "phone", phone),
                Map.of("channel", "HQ_IMPORT", "phone", phone),
                Map.of("channel", "ONLINE"));
        for (int i = 0; i < 50; i++) {
            Api caller = callers.get(i % callers.size());
            Map<String, Object> body = bodies.get(i % bodies.size());
            calls.add(() -> caller.post("/api/members", body));
        }
        List<Future<Api.Response>> results;
        try (ExecutorService pool = Executors.newFixedThreadPool(16)) {
            results = pool.invokeAll(calls);
        }
        Set<String> ids = new HashSet<>();
        int created = 0;
        for (Future<Api.Response> result : results) {
            Api.Response response = result.get();
            assertThat(response.status()).as(response.toString()).isIn(200, 201);
            created += response.status() == 201 ? 1 : 0;
            ids.add(response.json().path("member").path("id").asString());
        }
        assertThat(ids).hasSize(1);
        assertThat(created).isEqualTo(1);
        assertThat(jdbc.sql("SELECT COUNT(*) FROM member m WHERE NOT EXISTS (SELECT 1 FROM member_identity i WHERE i.member_id = m.id)")
                .query(Long.class).single()).as("no member row left behind by a losing enrolment").isZero();
        assertThat(jdbc.sql("SELECT COUNT(DISTINCT member_id) FROM member_identity WHERE value = '+8613700000003'")
                .query(Long.class).single()).isEqualTo(1L);
        assertThat(api.as(tokens.customer("carol")).get("/api/members/me").json().path("id").asString()).isEqualTo(ids.iterator().next());
    }

    @Test
    void aLoyaltyCardResolvesAtAnotherStoreAndTheNewPhoneJoinsTheMember(Tokens tokens) {
        String first = api.as(tokens.pos("9")).post("/api/members",
                Map.of("channel", "STORE", "storeId", "9", "loyaltyCardNumber", "lc 0009-7781", "phone", "13911110001"))
                .json().path("member").path("id").asString();
        Api.Response second = api.as(tokens.pos("15")).post("/api/members",
                Map.of("channel", "STORE", "storeId", "15", "loyaltyCardNumber", "LC00097781", "phone", "13911110002"));
        assertThat(second.status()).isEqualTo(200);
        assertThat(second.json().path("resolution").path("matchedBy").asString()).isEqualTo("LOYALTY_CARD");
        assertThat(second.json().path("member").path("id").asString()).isEqualTo(first);
        JsonNode full = api.as(tokens.hqAdmin()).get("/api/members/" + first).json();
        List<String> phones = new ArrayList<>();
        full.path("identities").forEach(identity -> {
            if (identity.path("type").asString().equals("PHONE")) {
                phones.add(identity.path("value").asString());
            }
        });
        assertThat(phones).containsExactlyInAnyOrder("+8613911110001", "+8613911110002");
    }

    @Test
    void badCardsAndPlatformIdsAreProblemsNamingTheField(Tokens tokens) {
        Api.Response badCard = api.as(tokens.pos("9")).post("/api/members",
                Map.of("channel", "STORE", "storeId", "9", "loyaltyCardNumber", "#!"));
        assertThat(badCard.status()).isEqualTo(400);
        assertThat(badCard.json().path("errors").get(0).path("field").asString()).isEqualTo("loyaltyCardNumber");
        Api.Response badPlatform = api.as(tokens.hqAdmin()).post("/api/members",
                Map.of("channel", "HQ_IMPORT", "externalIds", List.of(Map.of("platform", "T MALL", "id", "1"))));
        assertThat(badPlatform.status()).isEqualTo(400);
        assertThat(badPlatform.json().path("errors").get(0).path("field").asString()).isEqualTo("externalIds[0].platform");
    }

    /** A member as a shopper sees it, without ids, values and times: the fields and each identity's type and verification. */
    private static java.util.List<String> shape(JsonNode member) {
        java.util.List<String> shape = new java.util.ArrayList<>();
        member.propertyNames().forEach(shape::add);
        member.path("identities").forEach(identity -> shape.add(identity.path("type").asString() + ":" + identity.path("verified").asBoolean()
                + ":" + identity.path("sourceChannel").asString()));
        java.util.Collections.sort(shape);
        return shape;
    }
}
