package dev.santong.member.member;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.simple.JdbcClient;

import dev.santong.platform.testkit.Api;
import dev.santong.platform.testkit.MutableClock;
import dev.santong.platform.testkit.MutableClockConfiguration;
import dev.santong.platform.testkit.StackTest;
import dev.santong.platform.testkit.Tokens;
import tools.jackson.databind.JsonNode;

@StackTest
@Import(MutableClockConfiguration.class)
class PosLookupIT {

    @Autowired
    Api api;

    @Autowired
    MutableClock clock;

    @Autowired
    JdbcClient jdbc;

    @Test
    void aTillFindsTheMemberByPhoneCardOrCodeAndSeesOnlyWhatItNeeds(Tokens tokens) {
        String id = api.as(tokens.pos("9")).post("/api/members", Map.of("channel", "STORE", "storeId", "9", "phone", "13855556789",
                "displayName", "Wei Zhang", "loyaltyCardNumber", "CARD55556789", "posMemberCode", "M9-000123")).json()
                .path("member").path("id").asString();
        Api till = api.as(tokens.pos("12"));
        for (String query : new String[] { "phone=%2B86%20138%205555%206789", "phone=13855556789", "card=card55556789", "code=M9-000123" }) {
            Api.Response found = till.get("/api/members/lookup?" + query);
            assertThat(found.status()).as(query + " " + found).isEqualTo(200);
            JsonNode view = found.json();
            assertThat(view.path("memberId").asString()).isEqualTo(id);
            assertThat(view.path("maskedPhone").asString()).isEqualTo("138****6789");
            assertThat(view.path("nameInitial").asString()).isEqualTo("W*");
            assertThat(found.body()).doesNotContain("13855556789").doesNotContain("Zhang");
        }
        assertThat(till.get("/api/members/lookup?card=CARD55556789").json().path("matchedBy").asString()).isEqualTo("LOYALTY_CARD");
        assertThat(jdbc.sql("SELECT COUNT(*) FROM identity_match WHERE member_id = :m AND purpose = 'LOOKUP' AND store_id = '12'")
                .param("m", id).query(Long.class).single()).isEqualTo(5L);
    }

    @Test
    void lookupRefusesWhatATillShouldNotAsk(Tokens tokens) {
        Api till = api.as(tokens.pos("9"));
        assertThat(till.get("/api/members/lookup?phone=13900000000").status()).isEqualTo(404);
        Api.Response two = till.get("/api/members/lookup?phone=13900000000&card=ABCD1234");
        assertThat(two.status()).isEqualTo(400);
        assertThat(till.get("/api/members/lookup").status()).isEqualTo(400);
        assertThat(api.as(tokens.customer("bob")).get("/api/members/lookup?phone=13900000000").status()).isEqualTo(403);
    }

    @Test
    void theAppsMemberCodeWorksAtTheTillUntilItExpires(Tokens tokens) {
        api.as(tokens.customer("alice")).post("/api/members", Map.of("channel", "ONLINE", "displayName", "Alice"));
        JsonNode code = api.as(tokens.customer("alice")).get("/api/members/me/qr-code").json();
        String token = code.path("token").asString();

        Api.Response scanned = api.as(tokens.pos("15")).get("/api/members/lookup?qr=" + token);
        assertThat(scanned.status()).as(scanned.toString()).isEqualTo(200);
        assertThat(scanned.json().path("maskedPhone").asString()).isEqualTo("137****0001");
        assertThat(scanned.json().path("matchedBy").asString()).isEqualTo("ONLINE_ACCOUNT");

        String tampered = token.substring(0, token.length() - 3) + (token.endsWith("AAA") ? "BBB" : "AAA");
        Api.Response forged = api.as(tokens.pos("15")).get("/api/members/lookup?qr=" + tampered);
        assertThat(forged.status()).isEqualTo(400);
        assertThat(forged.json().path("errors").get(0).path("field").asString()).isEqualTo("qr");

        clock.advance(Duration.ofSeconds(61));
        Api.Response stale = api.as(tokens.pos("15")).get("/api/members/lookup?qr=" + token);
        assertThat(stale.status()).isEqualTo(400);
        assertThat(stale.json().path("errors").get(0).path("reason").asString()).contains("expired");
        assertThat(api.as(tokens.customer("bob")).get("/api/members/me/qr-code").status()).as("bob has not enrolled").isEqualTo(404);
    }
}
