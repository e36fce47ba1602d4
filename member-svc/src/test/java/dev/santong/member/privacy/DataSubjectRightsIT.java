package dev.santong.member.privacy;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

import dev.santong.platform.testkit.Api;
import dev.santong.platform.testkit.RealmUsers;
import dev.santong.platform.testkit.StackTest;
import dev.santong.platform.testkit.Tokens;
import tools.jackson.databind.JsonNode;

@StackTest
class DataSubjectRightsIT {

    @Autowired
    Api api;

    @Autowired
    JdbcClient jdbc;

    /** Every text column of every table of this schema that contains {@code needle}. */
    private List<String> tracesOf(String needle) {
        String schema = jdbc.sql("SELECT DATABASE()").query(String.class).single();
        List<String> hits = new ArrayList<>();
        List<Map<String, Object>> columns = jdbc.sql("""
                SELECT table_name AS t, column_name AS c FROM information_schema.columns
                WHERE table_schema = :s AND data_type IN ('char', 'varchar', 'text', 'mediumtext', 'longtext')""")
                .param("s", schema).query().listOfRows();
        for (Map<String, Object> column : columns) {
            String table = (String) column.get("t");
            String name = (String) column.get("c");
            long count = jdbc.sql("SELECT COUNT(*) FROM `" + table + "` WHERE `" + name + "` LIKE :n")
                    .param("n", "%" + needle + "%").query(Long.class).single();
            if (count > 0) {
                hits.add(table + "." + name);
            }
        }
        return hits;
    }

    @Test
    void aShopperExportsEverythingAndOnlyTheirOwn(Tokens tokens) {
        Api alice = api.as(tokens.customer("alice"));
        String id = alice.post("/api/members", Map.of("channel", "ONLINE", "displayName", "Alice Wang")).json().path("member").path("id").asString();
        api.as(tokens.hqAdmin()).post("/api/members/consent-notices", Map.of("purpose", "MARKETING_EMAIL", "text", "Offers by e-mail"));
        alice.post("/api/members/me/consents", Map.of("purpose", "MARKETING_EMAIL", "action", "GIVEN", "noticeVersion", 1));

        Api.Response export = alice.get("/api/members/me/export");
        assertThat(export.status()).isEqualTo(200);
        JsonNode json = export.json();
        assertThat(json.path("member").path("id").asString()).isEqualTo(id);
        assertThat(json.path("member").path("displayName").asString()).isEqualTo("Alice Wang");
        assertThat(json.path("parts").path("identities").toString()).contains("+8613700000001", "alice@demo.santong.dev");
        assertThat(json.path("parts").path("consents").path("inForce").get(0).path("purpose").asString()).isEqualTo("MARKETING_EMAIL");
        assertThat(json.path("exportedAt").asString()).endsWith("Z");
        assertThat(json.path("audit").toString()).contains("EXPORTED");

        assertThat(api.as(tokens.customer("bob")).get("/api/members/" + id + "/export").status()).isEqualTo(403);
        assertThat(api.as(tokens.hqAnalyst()).get("/api/members/" + id + "/export").status()).isEqualTo(403);
        assertThat(api.as(tokens.hqAdmin()).get("/api/members/" + id + "/export").status()).isEqualTo(200);
    }

    @Test
    void erasureLeavesNoTraceOfPhoneEmailOrNameWhileIdsAndConsentProofStay(Tokens tokens, RealmUsers users) {
        RealmUsers.Shopper shopper = users.createShopper("+8613866660001", true);
        Api self = api.as(tokens.freshUser(shopper.username(), shopper.password()));
        String id = self.post("/api/members", Map.of("channel", "ONLINE", "displayName", "Zhenzhen Erasable")).json().path("member").path("id").asString();
        String email = shopper.username() + "@test.santong.dev";

        Api hq = api.as(tokens.hqAdmin());
        hq.post("/api/members/consent-notices", Map.of("purpose", "MARKETING_SMS", "text", "Offers by SMS"));
        self.post("/api/members/me/consents", Map.of("purpose", "MARKETING_SMS", "action", "GIVEN", "noticeVersion", 1));
        // The till enrols under an Idempotency-Key, so the answer (with the phone) is kept for replay.
        String other = api.as(tokens.pos("9")).header("Idempotency-Key", "enrol-erase-0001").post("/api/members", Map.of("channel", "STORE", "storeId", "9",
                "phone", "13866660002", "displayName", "Zhenzhen Till", "loyaltyCardNumber", "ERASE0001")).json().path("member").path("id").asString();
        assertThat(hq.post("/api/members/" + id + "/merges", Map.of("mergedMemberId", other,
                "reason", "customer confirmed 13866660002 and +8613866660002 are hers")).status()).isEqualTo(201);

        Api.Response erased = self.post("/api/members/me/erasure", Map.of("reason", "closing my account"));
        assertThat(erased.status()).as(erased.toString()).isEqualTo(200);
        assertThat(erased.json().path("status").asString()).isEqualTo("ERASED");

        for (String personal : List.of("13866660001", "13866660002", email, "Zhenzhen", "Erasable", "ERASE0001", shopper.id())) {
            assertThat(tracesOf(personal)).as(personal).isEmpty();
        }
        assertThat(jdbc.sql("SELECT COUNT(*) FROM idempotency_request WHERE response_body LIKE '%13866660002%'").query(Long.class).single())
                .as("no kept Idempotency-Key answer carries the member's data").isZero();
        JsonNode after = hq.get("/api/members/" + id).json();
        assertThat(after.path("status").asString()).isEqualTo("ERASED");
        assertThat(after.path("identities")).isEmpty();
        assertThat(hq.get("/api/members/" + other).json().path("id").asString()).as("the old id still resolves").isEqualTo(id);
        assertThat(jdbc.sql("SELECT COUNT(*) FROM consent_event WHERE member_id = :m").param("m", id).query(Long.class).single())
                .as("proof of what was agreed stays").isGreaterThan(0L);
        assertThat(jdbc.sql("SELECT COUNT(*) FROM member_audit WHERE member_id = :m AND action = 'ERASED'").param("m", id)
                .query(Long.class).single()).isEqualTo(1L);

        assertThat(self.get("/api/members/me").status()).isEqualTo(404);
        assertThat(api.as(tokens.pos("9")).get("/api/members/lookup?phone=13866660002").status()).isEqualTo(404);
        assertThat(hq.post("/api/members/" + id + "/erasure", Map.of("reason", "again")).status()).as("idempotent").isEqualTo(200);
    }
}
