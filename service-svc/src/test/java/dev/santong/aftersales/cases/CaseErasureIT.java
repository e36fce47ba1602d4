package dev.santong.aftersales.cases;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;

import org.apache.commons.codec.digest.DigestUtils;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

import dev.santong.aftersales.WithOtherServices;
import dev.santong.platform.testkit.Api;
import dev.santong.platform.testkit.StackTest;
import dev.santong.platform.testkit.Tokens;

/** member-svc's relayed erasure reaches the member's cases: what could name them goes, the facts stay, once. */
@StackTest
class CaseErasureIT extends WithOtherServices {

    @Autowired
    Api api;

    @Autowired
    JdbcClient jdbc;

    private Api api(String token) {
        return api.as(token);
    }

    @Test
    void anErasedMembersCasesLoseTheirReasonAndOpenerButKeepTheirFacts(Tokens tokens) {
        String alice = tokens.customer("alice");
        String member = shop().memberOf(alice);
        String other = shop().anyMember();
        for (String id : List.of(member, other)) {
            String order = shop().online("SO-ER-" + System.nanoTime()).line("OX-BLU-M", "apparel", 1, "100.00")
                    .at(java.time.Instant.now().minusSeconds(3600)).by(id);
            assertThat(api(tokens.storeStaff("9")).post("/api/aftersales/cases", Map.of("type", "RETURN", "channel", "STORE", "storeId", "9",
                    "memberId", id, "purchase", Map.of("channel", "ONLINE", "reference", order), "skuCode", "OX-BLU-M",
                    "quantity", 1, "reason", "customer on +8613912345678 says it is too small")).status()).isEqualTo(201);
        }
        String aliceSub = tools.jackson.databind.json.JsonMapper.builder().build()
                .readTree(java.util.Base64.getUrlDecoder().decode(alice.split("\\.")[1])).path("sub").asString();
        assertThat(api(alice).post("/api/aftersales/cases", Map.of("type", "REPAIR", "channel", "ONLINE", "memberId", member,
                "purchase", Map.of("channel", "STORE", "storeId", "12", "reference", shop().ownReceipt(alice, "12", "KETTLE-1")), "skuCode", "KETTLE-1",
                "quantity", 1, "reason", "does not heat")).status()).isEqualTo(201);

        Map<String, Object> notice = Map.of("memberIds", List.of(member), "digests", List.of(DigestUtils.sha256Hex("+8613912345678"),
                DigestUtils.sha256Hex(aliceSub)));
        String relay = tokens.clientCredentials("member-svc", "member-svc-secret");
        String path = "/internal/members/" + member + "/erasure";
        assertThat(api(tokens.hqAdmin()).post(path, notice).status()).as("only member-svc's relay").isEqualTo(403);
        assertThat(api(tokens.pos("9")).post(path, notice).status()).isEqualTo(403);
        assertThat(api(relay).post(path, Map.of("memberIds", List.of(member), "digests", List.of("not-a-digest"))).json().toString())
                .contains("digests");
        assertThat(api(relay).post(path, notice).status()).isEqualTo(204);
        assertThat(api(relay).post(path, notice).status()).as("applied again: nothing more changes").isEqualTo(204);

        assertThat(jdbc.sql("SELECT COUNT(*) FROM aftersales_case WHERE member_id = :m AND reason <> '[erased]'").param("m", member)
                .query(Long.class).single()).isZero();
        assertThat(jdbc.sql("SELECT COUNT(*) FROM aftersales_case WHERE opened_by = :sub").param("sub", aliceSub).query(Long.class).single())
                .as("the shopper account that opened the case").isZero();
        assertThat(jdbc.sql("SELECT COUNT(*) FROM aftersales_case WHERE member_id = :m").param("m", member).query(Long.class).single())
                .as("the cases themselves stay").isEqualTo(2);
        assertThat(jdbc.sql("SELECT reason FROM aftersales_case WHERE member_id = :m").param("m", other).query(String.class).single())
                .as("another member's case is untouched").contains("too small");
        assertThat(jdbc.sql("SELECT COUNT(*) FROM member_erasure WHERE member_id = :m").param("m", member).query(Long.class).single())
                .isEqualTo(1);
    }

    @Test
    void anErasureDropsTheKeptAnswersOfRequestsThatOpenedTheMembersCases(Tokens tokens) {
        String member = shop().anyMember();
        String order = shop().online("SO-ER-KEPT-" + System.nanoTime()).line("OX-BLU-M", "apparel", 1, "100.00")
                .at(java.time.Instant.now().minusSeconds(3600)).by(member);
        Api.Response opened = api(tokens.storeStaff("9")).header("Idempotency-Key", "desk-9-case-77").post("/api/aftersales/cases",
                Map.of("type", "RETURN", "channel", "STORE", "storeId", "9", "memberId", member, "purchase",
                        Map.of("channel", "ONLINE", "reference", order), "skuCode", "OX-BLU-M", "quantity", 1,
                        "reason", "customer on +8613912345679 says it is too big"));
        assertThat(opened.status()).as(opened.toString()).isEqualTo(201);
        assertThat(keptAnswersMentioning(member)).as("the answer is kept for a retry").isEqualTo(1);
        String caseId = opened.json().path("id").asString();
        assertThat(api(tokens.storeStaff("9")).header("If-Match", "\"0\"").post("/api/aftersales/cases/" + caseId + "/steps",
                Map.of("action", "ASK_CUSTOMER", "note", "called +8613912345679, no answer")).status()).isEqualTo(200);

        String relay = tokens.clientCredentials("member-svc", "member-svc-secret");
        assertThat(api(relay).post("/internal/members/" + member + "/erasure", Map.of("memberIds", List.of(member),
                "digests", List.of(DigestUtils.sha256Hex("+8613912345679")))).status()).isEqualTo(204);
        assertThat(keptAnswersMentioning(member)).as("a kept answer may quote the reason: it goes with the erasure").isZero();
        assertThat(jdbc.sql("SELECT COUNT(*) FROM case_event WHERE note LIKE '%13912345679%'").query(Long.class).single())
                .as("a note on a step of the member's case").isZero();
    }

    private long keptAnswersMentioning(String value) {
        return jdbc.sql("SELECT COUNT(*) FROM idempotency_request WHERE response_body LIKE :v").param("v", "%" + value + "%")
                .query(Long.class).single();
    }
}
