package dev.santong.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

import org.junit.jupiter.api.Test;

import dev.santong.platform.testkit.Api;
import dev.santong.platform.testkit.LocalStack;
import dev.santong.platform.testkit.RealmUsers;
import dev.santong.platform.testkit.Tokens;

/**
 * One person, two members: enrolled at a till and, separately, online. HQ merges them into one balance and one
 * history that the person sees online and the till sees in the store; undoing the merge gives each back exactly.
 */
class OnePersonJourneyE2E {

    private final Tokens tokens = Tokens.forLocalStack();
    private final Api gateway = Api.at(System.getProperty("santong.gateway.url", "http://localhost:8080"));
    private final String run = UUID.randomUUID().toString().substring(0, 8).toUpperCase();

    @Test
    void hqMergesATillMemberAndAnOnlineMemberIntoOneAndUnmergingRestoresBoth() {
        long started = System.nanoTime();
        String national = "133" + (10_000_000 + ThreadLocalRandom.current().nextInt(89_999_999));
        Api till = gateway.as(tokens.pos("9"));
        Api.Response atTill = till.post("/api/members", Map.of("channel", "STORE", "storeId", "9", "phone", national, "displayName", "Mei " + run));
        assertThat(atTill.status()).as(atTill.toString()).isEqualTo(201);
        String tillMember = atTill.json().path("member").path("id").asString();
        assertThat(till.post("/api/members/points/earns", Map.of("memberId", tillMember, "channel", "STORE", "storeId", "9",
                "reference", "9-ONE-" + run, "occurredAt", Instant.now().minusSeconds(3600).toString(), "currency", "CNY",
                "lines", List.of(Map.of("amount", "100.00")))).status()).isEqualTo(201);

        RealmUsers.Shopper shopper = new RealmUsers(LocalStack.fromEnvironment()).createShopper("+8613900000001", false);
        Api online = gateway.as(tokens.freshUser(shopper.username(), shopper.password()));
        String onlineMember = online.post("/api/members", Map.of("channel", "ONLINE")).json().path("member").path("id").asString();
        assertThat(gateway.as(tokens.shopBackend()).post("/api/members/points/earns", Map.of("memberId", onlineMember, "channel", "ONLINE",
                "reference", "SO-ONE-" + run, "occurredAt", Instant.now().minusSeconds(1800).toString(), "currency", "CNY",
                "lines", List.of(Map.of("amount", "50.00")))).status()).isEqualTo(201);

        Api hq = gateway.as(tokens.hqAdmin()).header("API-Version", "2");
        assertThat(hq.get("/api/members/" + tillMember + "/merge-preview?mergedMemberId=" + onlineMember).json().path("blockers")).isEmpty();
        Api.Response merged = hq.post("/api/members/" + tillMember + "/merges", Map.of("mergedMemberId", onlineMember,
                "reason", "the same person, confirmed at the desk with her ID"));
        assertThat(merged.status()).as(merged.toString()).isEqualTo(201);
        long merge = merged.json().path("id").asLong();

        assertThat(online.get("/api/members/me").json().path("id").asString()).as("online she is the member kept").isEqualTo(tillMember);
        assertThat(online.get("/api/members/me/points").json().path("balance").asLong()).as("one balance").isEqualTo(150);
        assertThat(online.header("API-Version", "2").get("/api/members/me/points/entries").json().path("items").findValuesAsString("reference"))
                .as("one history").containsExactlyInAnyOrder("9-ONE-" + run, "SO-ONE-" + run);
        assertThat(till.get("/api/members/lookup?phone=" + national).json().path("facts").path("pointsBalance").asLong()).as("and at the till")
                .isEqualTo(150);

        Api.Response undone = hq.post("/api/members/merges/" + merge + "/unmerge", Map.of("reason", "two sisters sharing a phone after all"));
        assertThat(undone.json().path("status").asString()).as(undone.toString()).isEqualTo("UNDONE");
        assertThat(online.get("/api/members/me").json().path("id").asString()).isEqualTo(onlineMember);
        assertThat(online.get("/api/members/me/points").json().path("balance").asLong()).isEqualTo(50);
        assertThat(hq.get("/api/members/" + tillMember + "/points").json().path("balance").asLong()).isEqualTo(100);
        System.out.printf("journey: one person, merged and unmerged took %d ms%n", (System.nanoTime() - started) / 1_000_000);
    }
}
