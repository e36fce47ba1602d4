package dev.santong.member.segment;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.annotation.Import;

import dev.santong.platform.testkit.Api;
import dev.santong.platform.testkit.MutableClock;
import dev.santong.platform.testkit.MutableClockConfiguration;
import dev.santong.platform.testkit.StackTest;
import dev.santong.platform.testkit.Tokens;

@StackTest
@Import(MutableClockConfiguration.class)
class SegmentsAndProfileIT {

    @Autowired
    Api api;

    @Autowired
    MutableClock clock;

    private static List<String> segments(Api.Response response) {
        List<String> names = new ArrayList<>();
        response.json().path("segments").forEach(name -> names.add(name.asString()));
        return names;
    }

    @Test
    void segmentsFollowChannelMixTagsConsentAndRecency(Tokens tokens) {
        Api hq = api.as(tokens.hqAdmin());
        assertThat(hq.post("/api/members/segments", Map.of("name", "omnichannel-vip", "rule", Map.of(
                "seenInChannelsAll", List.of("ONLINE", "STORE"), "tagsAny", List.of("VIP"),
                "consentsGiven", List.of("PERSONALISED_OFFERS")))).status()).isEqualTo(201);
        assertThat(hq.post("/api/members/segments", Map.of("name", "recent-store-shoppers", "rule", Map.of(
                "enrolledChannelsAny", List.of("STORE"), "activeWithinDays", 30))).status()).isEqualTo(201);
        assertThat(hq.post("/api/members/segments", Map.of("name", "recent-store-shoppers", "rule", Map.of())).status()).isEqualTo(409);
        assertThat(api.as(tokens.hqAnalyst()).post("/api/members/segments", Map.of("name", "x", "rule", Map.of())).status()).isEqualTo(403);
        assertThat(api.as(tokens.hqAnalyst()).get("/api/members/segments").json()).hasSize(2);
        Api.Response badTag = hq.post("/api/members/segments", Map.of("name", "bad", "rule", Map.of("tagsAny", List.of("no spaces"))));
        assertThat(badTag.status()).isEqualTo(400);

        String id = api.as(tokens.pos("9")).post("/api/members", Map.of("channel", "STORE", "storeId", "9", "phone", "13700000003"))
                .json().path("member").path("id").asString();
        Api carol = api.as(tokens.customer("carol"));
        assertThat(carol.post("/api/members", Map.of("channel", "ONLINE")).json().path("member").path("id").asString()).isEqualTo(id);
        assertThat(segments(carol.get("/api/members/me/segments"))).containsExactly("recent-store-shoppers");

        assertThat(hq.put("/api/members/" + id + "/tags/VIP", Map.of()).json().toString()).contains("vip");
        hq.post("/api/members/consent-notices", Map.of("purpose", "PERSONALISED_OFFERS", "text", "Offers chosen for you"));
        carol.post("/api/members/me/consents", Map.of("purpose", "PERSONALISED_OFFERS", "action", "GIVEN", "noticeVersion", 1));
        assertThat(segments(carol.get("/api/members/me/segments"))).containsExactlyInAnyOrder("omnichannel-vip", "recent-store-shoppers");
        // A till reaches the member the shopper presents to it.
        api.as(tokens.pos("12")).get("/api/members/lookup?phone=13700000003");
        assertThat(segments(api.as(tokens.pos("12")).get("/api/members/" + id + "/segments"))).contains("omnichannel-vip");

        carol.post("/api/members/me/consents", Map.of("purpose", "PERSONALISED_OFFERS", "action", "WITHDRAWN"));
        assertThat(segments(carol.get("/api/members/me/segments"))).as("withdrawal takes effect at once").doesNotContain("omnichannel-vip");

        clock.advance(Duration.ofDays(31));
        assertThat(segments(carol.get("/api/members/me/segments"))).doesNotContain("recent-store-shoppers");
        api.as(tokens.pos("15")).get("/api/members/lookup?phone=13700000003");
        assertThat(segments(carol.get("/api/members/me/segments"))).as("seen at a till again").contains("recent-store-shoppers");
    }

    @Test
    void aProfileUpdateCannotSetPrivilegedFields(Tokens tokens) {
        Api alice = api.as(tokens.customer("alice"));
        String id = alice.post("/api/members", Map.of("channel", "ONLINE", "displayName", "Alice")).json().path("member").path("id").asString();
        Api.Response renamed = alice.patch("/api/members/me", Map.of("displayName", "Alice W."));
        assertThat(renamed.status()).as(renamed.toString()).isEqualTo(200);
        assertThat(renamed.json().path("displayName").asString()).isEqualTo("Alice W.");

        Api.Response privileged = alice.patch("/api/members/me", Map.of("displayName", "A", "tier", "GOLD", "pointsBalance", 99999, "status", "ACTIVE"));
        assertThat(privileged.status()).isEqualTo(400);
        assertThat(privileged.json().path("errors").findValuesAsString("field")).containsExactly("pointsBalance", "status", "tier");
        assertThat(alice.get("/api/members/me").json().path("displayName").asString()).as("nothing of a refused request applied").isEqualTo("Alice W.");

        assertThat(api.as(tokens.customer("bob")).patch("/api/members/" + id, Map.of("displayName", "hijacked")).status()).isIn(403, 404);
        assertThat(api.as(tokens.hqAnalyst()).patch("/api/members/" + id, Map.of("displayName", "x")).status()).isEqualTo(403);
        assertThat(api.as(tokens.storeStaff("9")).patch("/api/members/" + id, Map.of("displayName", "Alice Wang")).status())
                .as("staff who have not seen the shopper").isEqualTo(404);
        String appCode = alice.get("/api/members/me/qr-code").json().path("token").asString();
        assertThat(api.as(tokens.storeStaff("9")).get("/api/members/lookup?qr=" + appCode).status()).isEqualTo(200);
        assertThat(api.as(tokens.storeStaff("9")).patch("/api/members/" + id, Map.of("displayName", "Alice Wang")).status()).isEqualTo(200);
    }
}
