package dev.santong.member.merge;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

import dev.santong.member.member.Enrolment;
import dev.santong.platform.testkit.Api;
import dev.santong.platform.testkit.RealmUsers;
import dev.santong.platform.testkit.StackTest;
import dev.santong.platform.testkit.Tokens;
import tools.jackson.databind.JsonNode;

@StackTest
class MergeIT {

    @Autowired
    Api api;

    @Autowired
    JdbcClient jdbc;

    private String enrol(Api till, String store, Map<String, Object> extra) {
        return Enrolment.atStore(store).with(extra).enrolledBy(till);
    }

    private static List<String> identities(JsonNode member) {
        List<String> values = new ArrayList<>();
        member.path("identities").forEach(identity -> values.add(identity.path("type").asString() + "=" + identity.path("value").asString()));
        return values;
    }

    private Map<String, String> inForce(Api hq, String memberId) {
        Map<String, String> states = new TreeMap<>();
        hq.get("/api/members/" + memberId + "/consents").json().path("inForce")
                .forEach(state -> states.put(state.path("purpose").asString() + "/" + state.path("channelScope").asString(),
                        state.path("action").asString()));
        return states;
    }

    private void consent(Api caller, String memberId, String purpose, String action, String channel) {
        Map<String, Object> change = new java.util.HashMap<>(Map.of("purpose", purpose, "action", action));
        if (action.equals("GIVEN")) {
            change.put("noticeVersion", 1);
        }
        if (channel != null) {
            change.put("channel", channel);
        }
        Api.Response response = caller.post("/api/members/" + memberId + "/consents", change);
        assertThat(response.status()).as(response.toString()).isEqualTo(200);
    }

    @Test
    void mergeThenUnmergeRoundTripsIdentitiesAndConsentsAndOldIdsResolve(Tokens tokens) {
        Api hq = api.as(tokens.hqAdmin());
        for (String purpose : List.of("MARKETING_SMS", "MARKETING_EMAIL")) {
            assertThat(hq.post("/api/members/consent-notices", Map.of("purpose", purpose, "text", "Offers by " + purpose)).status()).isEqualTo(201);
            assertThat(hq.post("/api/members/consent-notices", Map.of("purpose", purpose, "text", "Offers by " + purpose)).json()
                    .path("version").asInt()).as("the same text again is the same version").isEqualTo(1);
        }
        Api till9 = api.as(tokens.pos("9"));
        Api till12 = api.as(tokens.pos("12"));
        String survivor = enrol(till9, "9", Map.of("phone", "13822220001", "loyaltyCardNumber", "CARD22220001"));
        String merged = enrol(till12, "12", Map.of("phone", "13822220002", "email", "wei.m@example.com"));
        consent(till9, survivor, "MARKETING_SMS", "GIVEN", "STORE");
        consent(till9, survivor, "MARKETING_EMAIL", "GIVEN", null);
        consent(till12, merged, "MARKETING_SMS", "GIVEN", "STORE");
        consent(till12, merged, "MARKETING_EMAIL", "WITHDRAWN", null);
        List<String> survivorIdentitiesBefore = identities(hq.get("/api/members/" + survivor).json());
        List<String> mergedIdentitiesBefore = identities(hq.get("/api/members/" + merged).json());
        Map<String, String> survivorConsentsBefore = inForce(hq, survivor);
        Map<String, String> mergedConsentsBefore = inForce(hq, merged);

        JsonNode preview = api.as(tokens.hqAnalyst()).get("/api/members/" + survivor + "/merge-preview?mergedMemberId=" + merged).json();
        assertThat(preview.path("blockers")).isEmpty();
        assertThat(preview.path("parts").path("identities").path("moving").toString()).contains("PHONE", "EMAIL");
        assertThat(preview.path("parts").path("consents").path("inForceAfterMerge").path("MARKETING_EMAIL/*").asString()).isEqualTo("WITHDRAWN");

        assertThat(api.as(tokens.hqAnalyst()).post("/api/members/" + survivor + "/merges",
                Map.of("mergedMemberId", merged, "reason", "x")).status()).isEqualTo(403);
        Api.Response done = hq.post("/api/members/" + survivor + "/merges",
                Map.of("mergedMemberId", merged, "reason", "same person, confirmed at store 9"));
        assertThat(done.status()).as(done.toString()).isEqualTo(201);
        long mergeId = done.json().path("id").asLong();

        JsonNode viaOldId = hq.get("/api/members/" + merged).json();
        assertThat(viaOldId.path("id").asString()).isEqualTo(survivor);
        assertThat(viaOldId.path("resolvedFrom").asString()).isEqualTo(merged);
        assertThat(identities(viaOldId)).containsAll(survivorIdentitiesBefore).containsAll(mergedIdentitiesBefore);
        assertThat(api.as(tokens.pos("15")).get("/api/members/lookup?phone=13822220002").status()).isEqualTo(200);
        assertThat(api.as(tokens.pos("15")).get("/api/members/" + merged).json().path("id").asString()).isEqualTo(survivor);
        assertThat(inForce(hq, survivor)).containsEntry("MARKETING_SMS/STORE", "GIVEN").containsEntry("MARKETING_EMAIL/*", "WITHDRAWN");
        assertThat(hq.post("/api/members/" + survivor + "/merges", Map.of("mergedMemberId", merged, "reason", "again")).status()).isEqualTo(409);

        // Since the merge: a till records a consent through the merged member's old id, another through the survivor.
        consent(till12, merged, "PERSONALISED_OFFERS", "WITHDRAWN", null);
        consent(till9, survivor, "PARTNER_DATA_SHARING", "WITHDRAWN", null);

        Api.Response undone = hq.post("/api/members/merges/" + mergeId + "/unmerge", Map.of("reason", "two people after all"));
        assertThat(undone.status()).as(undone.toString()).isEqualTo(200);
        assertThat(undone.json().path("status").asString()).isEqualTo("UNDONE");
        assertThat(hq.post("/api/members/merges/" + mergeId + "/unmerge", Map.of("reason", "again")).status()).isEqualTo(409);

        JsonNode survivorAfter = hq.get("/api/members/" + survivor).json();
        JsonNode mergedAfter = hq.get("/api/members/" + merged).json();
        assertThat(mergedAfter.path("id").asString()).isEqualTo(merged);
        assertThat(mergedAfter.path("status").asString()).isEqualTo("ACTIVE");
        assertThat(identities(survivorAfter)).containsExactlyInAnyOrderElementsOf(survivorIdentitiesBefore);
        assertThat(identities(mergedAfter)).containsExactlyInAnyOrderElementsOf(mergedIdentitiesBefore);

        Map<String, String> survivorExpected = new TreeMap<>(survivorConsentsBefore);
        survivorExpected.put("PARTNER_DATA_SHARING/*", "WITHDRAWN");
        Map<String, String> mergedExpected = new TreeMap<>(mergedConsentsBefore);
        mergedExpected.put("PERSONALISED_OFFERS/*", "WITHDRAWN");
        assertThat(inForce(hq, survivor)).isEqualTo(survivorExpected);
        assertThat(inForce(hq, merged)).isEqualTo(mergedExpected);

        List<String> audit = new ArrayList<>();
        hq.get("/api/members/" + merged + "/audit").json().forEach(entry -> audit.add(entry.path("action").asString()));
        assertThat(audit).contains("MERGED_INTO", "UNMERGED");
        assertThat(jdbc.sql("SELECT reason FROM member_audit WHERE member_id = :m AND action = 'UNMERGED'").param("m", survivor)
                .query(String.class).single()).isEqualTo("two people after all");
    }

    @Test
    void aPhoneTheIdentityProviderVerifiesLaterMergesTheTwoMembersAutomatically(Tokens tokens, RealmUsers users) {
        RealmUsers.Shopper shopper = users.createShopper("+8613833330001", false);
        Api.Response online = api.as(tokens.freshUser(shopper.username(), shopper.password())).post("/api/members", Map.of("channel", "ONLINE"));
        assertThat(online.status()).as(online.toString()).isEqualTo(201);
        String onlineMember = online.json().path("member").path("id").asString();
        String tillMember = enrol(api.as(tokens.pos("9")), "9", Map.of("phone", "138 3333 0001", "loyaltyCardNumber", "CARD33330001"));
        assertThat(tillMember).isNotEqualTo(onlineMember);

        users.setPhone(shopper, "+8613833330001", true);
        Api.Response again = api.as(tokens.freshUser(shopper.username(), shopper.password())).post("/api/members", Map.of("channel", "ONLINE"));
        assertThat(again.status()).as(again.toString()).isEqualTo(200);

        JsonNode tillNow = api.as(tokens.hqAdmin()).get("/api/members/" + tillMember).json();
        assertThat(tillNow.path("id").asString()).as("the member enrolled first survives").isEqualTo(onlineMember);
        assertThat(identities(tillNow)).contains("LOYALTY_CARD=CARD33330001", "PHONE=+8613833330001");
        JsonNode merges = api.as(tokens.hqAdmin()).get("/api/members/" + onlineMember + "/merges").json();
        assertThat(merges).hasSize(1);
        assertThat(merges.get(0).path("automatic").asBoolean()).isTrue();
        assertThat(merges.get(0).path("mergedBy").asString()).isEqualTo("system:automatic-merge");
        assertThat(jdbc.sql("SELECT status FROM duplicate_candidate WHERE member_id = :m").param("m", onlineMember)
                .query(String.class).single()).isEqualTo("MERGED");
    }
}
