package dev.santong.member.member;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
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
import tools.jackson.databind.JsonNode;

/**
 * A till works from the identity the shopper presents: it reaches a member only after looking them up (or enrolling
 * them) at that store a short while ago, sees masked data and never a voucher code. HQ keeps full access.
 */
@StackTest
@Import(MutableClockConfiguration.class)
class StoreCallerAccessIT {

    @Autowired
    Api api;

    @Autowired
    MutableClock clock;

    private static final String PHONE = "13966601234";

    private String onlineMemberWithVoucher(Tokens tokens) {
        String id = api.as(tokens.pos("15")).post("/api/members", Map.of("channel", "STORE", "storeId", "15", "phone", PHONE,
                "displayName", "Mei")).json().path("member").path("id").asString();
        Instant now = clock.instant();
        api.as(tokens.hqAdmin()).post("/api/members/vouchers/issues", Map.of("memberIds", List.of(id), "voucher", Map.of("campaign",
                "probe-" + id.substring(28), "kind", "FIXED_AMOUNT", "amount", "20.00", "currency", "CNY", "validFrom", now.minusSeconds(60).toString(),
                "validUntil", now.plus(Duration.ofDays(30)).toString(), "channels", List.of("ONLINE", "STORE"))));
        // Enrolled at store 15 long ago, as far as stores 9 and 12 are concerned.
        clock.advance(Duration.ofHours(2));
        return id;
    }

    private void assertRefused(Api store, String id, String why) {
        for (String path : new String[] { "", "/vouchers", "/consents", "/points", "/tier" }) {
            Api.Response probe = store.get("/api/members/" + id + path);
            assertThat(probe.status()).as(why + ": GET " + path + " " + probe).isEqualTo(404);
        }
        assertThat(store.post("/api/members/" + id + "/consents", Map.of("purpose", "MARKETING_SMS", "action", "WITHDRAWN")).status())
                .as(why + ": consent").isEqualTo(404);
        assertThat(store.patch("/api/members/" + id, Map.of("displayName", "Someone else")).status()).as(why + ": name").isEqualTo(404);
    }

    @Test
    void aTillReachesOnlyTheMemberItLookedUpAndNeverSeesVoucherCodes(Tokens tokens) {
        String id = onlineMemberWithVoucher(tokens);
        Api nine = api.as(tokens.pos("9"));
        Api staffNine = api.as(tokens.storeStaff("9"));
        assertRefused(nine, id, "a till that never saw the shopper");
        assertRefused(staffNine, id, "store staff who never saw the shopper");

        Api.Response looked = nine.get("/api/members/lookup?phone=" + PHONE);
        assertThat(looked.status()).as(looked.toString()).isEqualTo(200);
        assertThat(looked.body()).doesNotContain(PHONE.substring(3));

        Api.Response read = nine.get("/api/members/" + id);
        assertThat(read.status()).as(read.toString()).isEqualTo(200);
        assertThat(read.body()).doesNotContain(PHONE.substring(3)).doesNotContain("Mei");
        Api.Response vouchers = nine.get("/api/members/" + id + "/vouchers");
        assertThat(vouchers.status()).isEqualTo(200);
        JsonNode voucher = vouchers.json().get(0);
        String code = api.as(tokens.hqAdmin()).get("/api/members/" + id + "/vouchers").json().get(0).path("code").asString();
        assertThat(code).hasSizeGreaterThan(6);
        assertThat(vouchers.body()).as("a voucher code is a bearer token").doesNotContain(code);
        assertThat(voucher.path("codeHint").asString()).isEqualTo(code.substring(code.length() - 4));
        assertThat(nine.post("/api/members/" + id + "/consents", Map.of("purpose", "MARKETING_SMS", "action", "WITHDRAWN")).status())
                .as("the member in front of the till").isIn(200, 201);
        assertThat(api.as(tokens.hqAnalyst()).get("/api/members/" + id + "/consents").body()).contains("WITHDRAWN");

        assertRefused(api.as(tokens.pos("12")), id, "another store");
        clock.advance(Duration.ofMinutes(31));
        assertRefused(nine, id, "half an hour after the lookup");

        Api.Response till15 = api.as(tokens.clientCredentials("channel-sync", "channel-sync-secret")).get("/api/members/" + id);
        assertThat(till15.status()).as("channel-sync-svc applies every store's uploads").isEqualTo(200);
        assertThat(api.as(tokens.hqAdmin()).get("/api/members/" + id).body()).contains("Mei");
    }

    @Test
    void theTillCacheCarriesAKeyOfEachVoucherCodeNotTheCode(Tokens tokens) {
        String id = onlineMemberWithVoucher(tokens);
        String code = api.as(tokens.hqAdmin()).get("/api/members/" + id + "/vouchers").json().get(0).path("code").asString();
        Api.Response cache = api.as(tokens.pos("15")).get("/api/members/till-cache?store=15&limit=500");
        assertThat(cache.status()).as(cache.toString()).isEqualTo(200);
        assertThat(cache.body()).contains(id).doesNotContain(code);
    }
}
