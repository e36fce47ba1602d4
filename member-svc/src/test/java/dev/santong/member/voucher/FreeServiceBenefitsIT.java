package dev.santong.member.voucher;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

import dev.santong.member.member.Enrolment;
import dev.santong.platform.testkit.Api;
import dev.santong.platform.testkit.StackTest;
import dev.santong.platform.testkit.Tokens;

/** A free repair a year: after-sales sees whether a member has one and uses it for a case once, however often it asks. */
@StackTest
class FreeServiceBenefitsIT {

    @Autowired
    Api api;

    @Autowired
    JdbcClient jdbc;

    @Test
    void aFreeRepairIsUsedOnceForACaseEvenWhenAskedForInParallel(Tokens tokens) throws Exception {
        String member = Enrolment.atStore("9").phone("13700000081").enrolledBy(api.as(tokens.pos("9")));
        Api hq = api.as(tokens.hqAdmin());
        assertThat(hq.post("/api/members/vouchers/issues", Map.of("memberIds", List.of(member), "voucher", Map.of("campaign", "free-repair-2026",
                "kind", "FREE_SERVICE", "service", "repair", "validFrom", "2026-01-01T00:00:00Z", "validUntil", Instant.now().plusSeconds(86_400 * 300).toString(),
                "channels", List.of("ONLINE", "STORE")))).status()).isEqualTo(200);
        Api aftersales = api.as(tokens.aftersales());
        assertThat(aftersales.get("/api/members/" + member + "/benefits/repair?channel=ONLINE").json()).hasSize(1);
        assertThat(aftersales.get("/api/members/" + member + "/benefits/repair?channel=ONLINE").body()).as("no codes").doesNotContain("\"code\":\"");
        assertThat(aftersales.get("/api/members/" + member + "/benefits/cleaning?channel=ONLINE").json()).isEmpty();

        Map<String, Object> use = Map.of("channel", "STORE", "storeId", "12", "reference", "case-77");
        List<Callable<Integer>> uses = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            uses.add(() -> aftersales.post("/api/members/" + member + "/benefits/repair/uses", use).status());
        }
        List<Integer> statuses = new ArrayList<>();
        ExecutorService pool = Executors.newFixedThreadPool(10);
        try {
            for (Future<Integer> status : pool.invokeAll(uses)) {
                statuses.add(status.get());
            }
        } finally {
            pool.shutdownNow();
        }
        assertThat(statuses).containsOnly(201, 200);
        assertThat(statuses.stream().filter(status -> status == 201)).hasSize(1);
        assertThat(jdbc.sql("SELECT COUNT(*) FROM voucher WHERE member_id = :m AND status = 'REDEEMED'").param("m", member).query(Long.class).single())
                .isEqualTo(1);
        Api.Response another = aftersales.post("/api/members/" + member + "/benefits/repair/uses", Map.of("channel", "ONLINE", "reference", "case-78"));
        assertThat(another.status()).isEqualTo(409);
        assertThat(another.json().path("type").asString()).endsWith("/no-benefit-left");
        assertThat(api.as(tokens.pos("9")).post("/api/members/" + member + "/benefits/repair/uses", use).status()).as("tills do not").isEqualTo(403);

        // Every input bounded, and the refusal names it.
        assertThat(field(aftersales.get("/api/members/" + member + "/benefits/repair?channel=MOON"))).isEqualTo("channel");
        assertThat(field(aftersales.get("/api/members/" + "m".repeat(37) + "/benefits/repair?channel=ONLINE"))).isEqualTo("memberId");
        assertThat(field(aftersales.get("/api/members/" + member + "/benefits/" + "s".repeat(65) + "?channel=ONLINE"))).isEqualTo("service");
        assertThat(field(aftersales.post("/api/members/" + member + "/benefits/repair/uses", Map.of("channel", "STORE", "reference", ""))))
                .isEqualTo("reference");
        assertThat(field(aftersales.post("/api/members/" + member + "/benefits/repair/uses", Map.of("channel", "STORE", "storeId", "9".repeat(33),
                "reference", "case-79")))).isEqualTo("storeId");
    }

    private static String field(Api.Response refused) {
        assertThat(refused.status()).as(refused.toString()).isEqualTo(400);
        return refused.json().path("errors").get(0).path("field").asString();
    }
}
