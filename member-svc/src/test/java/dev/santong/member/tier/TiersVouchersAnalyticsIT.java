package dev.santong.member.tier;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.annotation.Import;

import dev.santong.member.member.Enrolment;
import dev.santong.platform.testkit.Api;
import dev.santong.platform.testkit.MutableClock;
import dev.santong.platform.testkit.MutableClockConfiguration;
import dev.santong.platform.testkit.StackTest;
import dev.santong.platform.testkit.Tokens;
import tools.jackson.databind.JsonNode;

@StackTest
@Import(MutableClockConfiguration.class)
class TiersVouchersAnalyticsIT {

    @Autowired
    Api api;

    @Autowired
    MutableClock clock;

    private String enrol(Tokens tokens, String store, String phone) {
        return Enrolment.atStore(store).phone(phone).enrolledBy(api.as(tokens.pos(store)));
    }

    private void buyAtTill(Tokens tokens, String member, String store, String reference, String amount) {
        Api.Response earned = api.as(tokens.pos(store)).post("/api/members/points/earns", Map.of("memberId", member, "channel", "STORE",
                "storeId", store, "reference", reference, "occurredAt", clock.instant().toString(), "currency", "CNY",
                "lines", List.of(Map.of("amount", amount))));
        assertThat(earned.status()).as(earned.toString()).isIn(200, 201);
    }

    private void buyOnline(Tokens tokens, String member, String reference, String amount) {
        Api.Response earned = api.as(tokens.shopBackend()).post("/api/members/points/earns", Map.of("memberId", member, "channel", "ONLINE",
                "reference", reference, "occurredAt", clock.instant().toString(), "currency", "CNY", "lines", List.of(Map.of("amount", amount))));
        assertThat(earned.status()).as(earned.toString()).isIn(200, 201);
    }

    private String tier(Tokens tokens, String member) {
        return api.as(tokens.hqAnalyst()).get("/api/members/" + member + "/tier").json().path("status").path("tier").asString();
    }

    private void defineTiers(Tokens tokens) {
        Api.Response defined = api.as(tokens.hqAdmin()).put("/api/members/tiers", Map.of("holdMonths", 12, "tiers", List.of(
                Map.of("code", "MEMBER", "name", "Member", "rank", 0),
                Map.of("code", "SILVER", "name", "Silver", "rank", 1, "minSpend", "1000.00", "spendCurrency", "CNY"),
                Map.of("code", "GOLD", "name", "Gold", "rank", 2, "minSpend", "5000.00", "spendCurrency", "CNY"))));
        assertThat(defined.status()).as(defined.toString()).isEqualTo(200);
    }

    @Test
    void spendInEveryChannelUpgradesAtOnceAndOnlyThePeriodEndReviewAfterTheHoldDowngrades(Tokens tokens) {
        defineTiers(tokens);
        String member = enrol(tokens, "9", "13822230001");
        assertThat(tier(tokens, member)).isEqualTo("MEMBER");
        buyAtTill(tokens, member, "9", "9-T-1", "600.00");
        assertThat(tier(tokens, member)).isEqualTo("MEMBER");
        buyOnline(tokens, member, "SO-T-1", "500.00");
        assertThat(tier(tokens, member)).as("store 600 + online 500 over 12 months").isEqualTo("SILVER");
        assertThat(api.as(tokens.pos("12")).get("/api/members/lookup?phone=13822230001").json().path("facts").path("tier").asString())
                .isEqualTo("SILVER");

        clock.advance(Duration.ofDays(300));
        api.as(tokens.hqAdmin()).post("/api/members/tiers/review", Map.of());
        assertThat(tier(tokens, member)).as("held through the grace period").isEqualTo("SILVER");

        clock.advance(Duration.ofDays(120));
        JsonNode review = api.as(tokens.hqAdmin()).post("/api/members/tiers/review", Map.of()).json();
        assertThat(review.path("downgraded").asInt()).isGreaterThanOrEqualTo(1);
        assertThat(tier(tokens, member)).as("no purchases in the last 12 months").isEqualTo("MEMBER");
        List<String> causes = new ArrayList<>();
        api.as(tokens.hqAnalyst()).get("/api/members/" + member + "/tier").json().path("history")
                .forEach(change -> causes.add(change.path("cause").asString()));
        assertThat(causes).containsSubsequence("UPGRADE", "DOWNGRADE");
    }

    @Test
    void vouchersAreIssuedOncePerMemberAndRedeemedOnceInAnyAllowedChannel(Tokens tokens) throws Exception {
        String one = enrol(tokens, "9", "13822240001");
        String two = enrol(tokens, "12", "13822240002");
        Instant now = clock.instant();
        Map<String, Object> spec = Map.of("campaign", "welcome-" + one.substring(30), "kind", "FIXED_AMOUNT", "amount", "20.00",
                "currency", "CNY", "validFrom", now.minusSeconds(60).toString(), "validUntil", now.plus(Duration.ofDays(30)).toString(),
                "channels", List.of("ONLINE", "STORE"));
        Api hq = api.as(tokens.hqAdmin());
        assertThat(hq.post("/api/members/vouchers/issues", Map.of("voucher", spec, "memberIds", List.of(one, two))).json().path("issued").asInt())
                .isEqualTo(2);
        JsonNode again = hq.post("/api/members/vouchers/issues", Map.of("voucher", spec, "memberIds", List.of(one, two))).json();
        assertThat(again.path("issued").asInt()).isZero();
        assertThat(again.path("alreadyHeld").asInt()).isEqualTo(2);

        String code = api.as(tokens.hqAnalyst()).get("/api/members/" + one + "/vouchers").json().get(0).path("code").asString();
        JsonNode version1 = api.as(tokens.hqAnalyst()).get("/api/members/" + one + "/vouchers").json().get(0);
        assertThat(version1.path("amount").decimalValue()).as(version1.toString()).isEqualByComparingTo("20.00");
        assertThat(version1.path("currency").asString()).isEqualTo("CNY");
        JsonNode version2 = api.as(tokens.hqAnalyst()).header("API-Version", "2").get("/api/members/" + one + "/vouchers").json().path("items").get(0);
        assertThat(version2.path("value").path("amount").asString()).as(version2.toString()).isEqualTo("20.00");
        assertThat(version2.has("amount") || version2.has("currency")).isFalse();
        List<Callable<Integer>> tills = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
            String store = List.of("9", "12", "15").get(i % 3);
            Api till = api.as(tokens.pos(store));
            String reference = store + "-V-" + i;
            tills.add(() -> till.post("/api/members/vouchers/" + code + "/redemption",
                    Map.of("channel", "STORE", "storeId", store, "reference", reference)).status());
        }
        List<Integer> statuses = new ArrayList<>();
        try (ExecutorService pool = Executors.newFixedThreadPool(25)) {
            for (Future<Integer> status : pool.invokeAll(tills)) {
                statuses.add(status.get());
            }
        }
        assertThat(statuses.stream().filter(s -> s == 201).count()).as("single use under 50 simultaneous tills").isEqualTo(1);
        assertThat(statuses.stream().filter(s -> s == 409).count()).isEqualTo(49);

        Map<String, Object> storeOnly = new HashMap<>(spec);
        storeOnly.put("campaign", "store-only-" + one.substring(30));
        storeOnly.put("channels", List.of("STORE"));
        hq.post("/api/members/vouchers/issues", Map.of("voucher", storeOnly, "memberIds", List.of(two)));
        String storeCode = null;
        for (JsonNode voucher : api.as(tokens.hqAnalyst()).get("/api/members/" + two + "/vouchers").json()) {
            if (voucher.path("campaign").asString().startsWith("store-only-")) {
                storeCode = voucher.path("code").asString();
            }
        }
        assertThat(storeCode).isNotNull();
        String storeOnlyCode = storeCode;
        Api.Response online = api.as(tokens.shopBackend()).post("/api/members/vouchers/" + storeOnlyCode + "/redemption",
                Map.of("channel", "ONLINE", "reference", "SO-V-1"));
        assertThat(online.status()).isEqualTo(409);
        assertThat(online.json().path("type").asString()).endsWith("/voucher-not-for-channel");
        clock.advance(Duration.ofDays(31));
        Api.Response late = api.as(tokens.pos("12")).post("/api/members/vouchers/" + storeOnlyCode + "/redemption",
                Map.of("channel", "STORE", "storeId", "12", "reference", "12-V-late"));
        assertThat(late.json().path("type").asString()).endsWith("/voucher-not-valid-now");
        assertThat(api.as(tokens.customer("bob")).post("/api/members/vouchers/" + storeOnlyCode + "/redemption",
                Map.of("channel", "ONLINE", "reference", "x")).status()).isIn(403, 404);
    }

    @Test
    void aSegmentGetsItsVouchersAndHqSeesMemberVersusGuestOrderValueAndLiability(Tokens tokens) {
        Instant from = clock.instant().minusSeconds(1);
        String regular = enrol(tokens, "15", "13822250001");
        String online = enrol(tokens, "15", "13822250002");
        buyAtTill(tokens, regular, "15", "15-A-1", "100.00");
        buyAtTill(tokens, regular, "15", "15-A-2", "200.00");
        buyOnline(tokens, regular, "SO-A-1", "300.00");
        buyOnline(tokens, online, "SO-A-2", "50.00");
        Api pos = api.as(tokens.pos("15"));
        for (String[] guest : new String[][] { { "15-G-1", "40.00" }, { "15-G-2", "60.00" } }) {
            assertThat(pos.post("/api/members/purchase-facts", Map.of("channel", "STORE", "storeId", "15", "reference", guest[0],
                    "amount", guest[1], "currency", "CNY", "occurredAt", clock.instant().toString())).status()).isEqualTo(202);
        }
        Instant to = clock.instant().plusSeconds(1);
        JsonNode report = api.as(tokens.hqAnalyst()).get("/api/members/analytics?from=" + from + "&to=" + to + "&currency=CNY").json();
        JsonNode store = report.path("channels").get(1);
        assertThat(store.path("channel").asString()).isEqualTo("STORE");
        assertThat(store.path("memberAov").decimalValue()).isEqualByComparingTo("150.00");
        assertThat(store.path("nonMemberAov").decimalValue()).isEqualByComparingTo("50.00");
        assertThat(store.path("repurchaseRate").decimalValue()).isEqualByComparingTo("1");
        JsonNode all = report.path("allChannels");
        assertThat(all.path("memberOrders").asLong()).isEqualTo(4);
        assertThat(all.path("memberAov").decimalValue()).isEqualByComparingTo("162.50");
        assertThat(all.path("activeMembers").asLong()).isEqualTo(2);
        assertThat(all.path("repurchaseRate").decimalValue()).as("one of two members bought twice or more").isEqualByComparingTo("0.5");
        assertThat(report.path("pointsLiability").path("points").asLong()).isGreaterThanOrEqualTo(650);
        assertThat(report.path("pointsLiability").path("currency").asString()).as("version 1: the value beside its currency").isEqualTo("CNY");
        JsonNode version2 = api.as(tokens.hqAnalyst()).header("API-Version", "2")
                .get("/api/members/analytics?from=" + from + "&to=" + to + "&currency=CNY").json();
        assertThat(version2.path("allChannels").path("memberAov")).as(version2.toString())
                .isEqualTo(tools.jackson.databind.json.JsonMapper.shared().readTree("{\"amount\": \"162.50\", \"currency\": \"CNY\"}"));
        assertThat(version2.path("pointsLiability").path("value").path("currency").asString()).isEqualTo("CNY");
        assertThat(version2.path("pointsLiability").has("currency")).isFalse();
        Api.Response unvalued = api.as(tokens.hqAnalyst()).get("/api/members/analytics?from=" + from + "&to=" + to + "&currency=HKD");
        assertThat(unvalued.status()).as("points have no worth in HKD: " + unvalued).isEqualTo(200);
        assertThat(unvalued.json().path("pointsLiability").path("value").isNull()).isTrue();
        assertThat(unvalued.json().path("pointsLiability").path("currency").asString()).as("version 1 names the currency asked").isEqualTo("HKD");

        long segment = api.as(tokens.hqAdmin()).post("/api/members/segments", Map.of("name", "omni-" + regular.substring(30),
                "rule", Map.of("seenInChannelsAll", List.of("STORE", "ONLINE")))).json().path("id").asLong();
        Instant now = clock.instant();
        JsonNode issued = api.as(tokens.hqAdmin()).post("/api/members/vouchers/issues", Map.of("segmentId", segment, "voucher", Map.of(
                "campaign", "free-repair-" + regular.substring(30), "kind", "FREE_SERVICE", "service", "REPAIR",
                "validFrom", now.toString(), "validUntil", now.plus(Duration.ofDays(365)).toString(), "channels", List.of("STORE")))).json();
        assertThat(issued.path("issued").asInt()).as("only members seen online and in a store; earning online counts").isGreaterThanOrEqualTo(1);
        assertThat(api.as(tokens.hqAnalyst()).get("/api/members/" + regular + "/vouchers").json().toString()).contains("REPAIR");
    }

    /** What channel-sync-svc sends for a till day's guests: one request, each purchase once, only for the caller's store. */
    @Test
    void aTillDaysGuestPurchasesGoInOneRequestEachOnceAndOnlyForTheCallersStore(Tokens tokens) {
        clock.advance(Duration.ofDays(900));
        java.time.LocalDate day = java.time.LocalDate.ofInstant(clock.instant(), java.time.ZoneOffset.UTC);
        String member = enrol(tokens, "15", "13822290001");
        buyAtTill(tokens, member, "15", "15-GB-M", "100.00");
        Api pos = api.as(tokens.pos("15"));
        java.util.function.BiFunction<String, String, Map<String, Object>> guest = (reference, amount) -> Map.of("channel", "STORE",
                "storeId", "15", "reference", reference, "amount", amount, "currency", "CNY", "occurredAt", clock.instant().toString());
        // The member's purchase again as a guest's (a till that lost who it was): it stays the member's.
        Map<String, Object> batch = Map.of("purchases", List.of(guest.apply("15-GB-1", "40.00"), guest.apply("15-GB-2", "60.00"),
                guest.apply("15-GB-3", "20.00"), guest.apply("15-GB-M", "100.00")));
        assertThat(pos.post("/api/members/purchase-facts/batches", batch).status()).isEqualTo(202);
        assertThat(pos.post("/api/members/purchase-facts/batches", batch).status()).as("a retry").isEqualTo(202);

        Map<String, Object> otherStore = new java.util.HashMap<>(guest.apply("12-GB-1", "10.00"));
        otherStore.put("storeId", "12");
        assertThat(pos.post("/api/members/purchase-facts/batches", Map.of("purchases", List.of(guest.apply("15-GB-4", "10.00"), otherStore)))
                .status()).as("one purchase of another store refuses the request").isEqualTo(403);
        Api.Response invalid = pos.post("/api/members/purchase-facts/batches", Map.of("purchases", List.of(guest.apply("15-GB-5", "10.00"),
                guest.apply("15-GB-6", "-1.00"))));
        assertThat(invalid.status()).isEqualTo(400);
        assertThat(invalid.body()).contains("purchases[1].amount");
        List<Map<String, Object>> tooMany = new java.util.ArrayList<>();
        for (int i = 0; i < 501; i++) {
            tooMany.add(guest.apply("15-GB-many-" + i, "1.00"));
        }
        Api.Response overLimit = pos.post("/api/members/purchase-facts/batches", Map.of("purchases", tooMany));
        assertThat(overLimit.status()).isEqualTo(400);
        assertThat(overLimit.body()).contains("purchases");
        Api.Response empty = pos.post("/api/members/purchase-facts/batches", Map.of("purchases", List.of()));
        assertThat(empty.status()).isEqualTo(400);
        assertThat(empty.body()).contains("purchases");

        JsonNode figures = api.as(tokens.hqAnalyst()).header("API-Version", "2")
                .get("/api/members/analytics/series?from=" + day + "&to=" + day.plusDays(1) + "&interval=DAY&storeId=15").json().path("points").get(0);
        assertThat(figures.path("nonMemberOrders").asLong()).as(figures.toString()).isEqualTo(3);
        assertThat(figures.path("nonMemberAov").path("amount").asString()).isEqualTo("40.00");
        assertThat(figures.path("memberOrders").asLong()).isEqualTo(1);
    }

    @Test
    void hqReadsTheFiguresPerDayForAStoreAndAChannelWithThePointsHeldAtEachDaysEnd(Tokens tokens) {
        // A day of its own, so no other test's purchases fall into it.
        clock.advance(Duration.ofDays(500));
        java.time.LocalDate day = java.time.LocalDate.ofInstant(clock.instant(), java.time.ZoneOffset.UTC);
        String member = enrol(tokens, "15", "13822270001");
        buyAtTill(tokens, member, "15", "15-S-1", "100.00");
        buyAtTill(tokens, member, "15", "15-S-2", "300.00");
        buyOnline(tokens, member, "SO-S-1", "80.00");
        assertThat(api.as(tokens.pos("15")).post("/api/members/purchase-facts", Map.of("channel", "STORE", "storeId", "15", "reference", "15-SG-1",
                "amount", "50.00", "currency", "CNY", "occurredAt", clock.instant().toString())).status()).isEqualTo(202);
        Api analyst = api.as(tokens.hqAnalyst()).header("API-Version", "2");
        String days = "from=" + day.minusDays(1) + "&to=" + day.plusDays(1) + "&interval=DAY";

        JsonNode store = analyst.get("/api/members/analytics/series?" + days + "&storeId=15").json();
        assertThat(store.path("channel").asString()).as("a store is the STORE channel").isEqualTo("STORE");
        assertThat(store.path("points")).hasSize(3);
        JsonNode before = store.path("points").get(0);
        JsonNode that = store.path("points").get(1);
        assertThat(that.path("from").asString()).isEqualTo(day + "T00:00:00Z");
        assertThat(that.path("memberOrders").asLong()).isEqualTo(2);
        assertThat(that.path("memberAov").path("amount").asString()).isEqualTo("200.00");
        assertThat(that.path("nonMemberOrders").asLong()).isEqualTo(1);
        assertThat(that.path("nonMemberAov").path("amount").asString()).isEqualTo("50.00");
        assertThat(that.path("repurchaseRate").decimalValue()).as("the one member bought twice there").isEqualByComparingTo("1");
        assertThat(that.path("pointsGiven").asLong()).as("the store's two sales, not the online one").isEqualTo(400);
        assertThat(before.path("memberOrders").asLong()).isZero();
        assertThat(that.path("pointsHeld").asLong() - before.path("pointsHeld").asLong()).as("what every channel gave that day")
                .isEqualTo(480);
        assertThat(that.path("liability").path("currency").asString()).isEqualTo("CNY");

        JsonNode online = analyst.get("/api/members/analytics/series?" + days + "&channel=ONLINE").json().path("points").get(1);
        assertThat(online.path("memberOrders").asLong()).isEqualTo(1);
        assertThat(online.path("pointsGiven").asLong()).isEqualTo(80);
        JsonNode week = analyst.get("/api/members/analytics/series?from=" + day + "&to=" + day + "&interval=WEEK&storeId=15").json()
                .path("points");
        assertThat(week).as("the whole week the day is in").hasSize(1);
        assertThat(week.get(0).path("memberOrders").asLong()).isEqualTo(2);

        for (String query : List.of("from=" + day + "&to=" + day.plusDays(62) + "&interval=DAY", "from=" + day + "&to=" + day.minusDays(1),
                "from=" + day + "&to=" + day + "&storeId=%3Cx%3E", "from=yesterday&to=" + day, "from=" + day + "&to=" + day + "&interval=HOUR")) {
            Api.Response refused = analyst.get("/api/members/analytics/series?" + query);
            assertThat(refused.status()).as(query).isEqualTo(400);
            assertThat(refused.json().path("errors").get(0).path("field").asString()).as(query).isIn("to", "storeId", "from", "interval");
        }
        assertThat(api.as(tokens.pos("15")).get("/api/members/analytics/series?" + days).status()).isEqualTo(403);
    }

    @Test
    void mergeThenUnmergeRestoresLedgersTiersAndVouchersExactly(Tokens tokens) {
        defineTiers(tokens);
        String survivor = enrol(tokens, "9", "13822260001");
        String merged = enrol(tokens, "12", "13822260002");
        buyAtTill(tokens, survivor, "9", "9-M-1", "800.00");
        buyOnline(tokens, merged, "SO-M-1", "700.00");
        Instant now = clock.instant();
        api.as(tokens.hqAdmin()).post("/api/members/vouchers/issues", Map.of("memberIds", List.of(merged), "voucher", Map.of(
                "campaign", "merge-test-" + merged.substring(30), "kind", "PERCENT", "percent", "10", "validFrom", now.toString(),
                "validUntil", now.plus(Duration.ofDays(10)).toString(), "channels", List.of("ONLINE"))));
        Api analyst = api.as(tokens.hqAnalyst());
        long survivorPoints = analyst.get("/api/members/" + survivor + "/points").json().path("balance").asLong();
        long mergedPoints = analyst.get("/api/members/" + merged + "/points").json().path("balance").asLong();
        assertThat(survivorPoints).isEqualTo(800);
        assertThat(mergedPoints).isEqualTo(700);
        assertThat(tier(tokens, survivor)).isEqualTo("MEMBER");
        assertThat(tier(tokens, merged)).isEqualTo("MEMBER");

        JsonNode preview = analyst.get("/api/members/" + survivor + "/merge-preview?mergedMemberId=" + merged).json().path("parts");
        assertThat(preview.path("points").path("balanceAfterMerge").asLong()).isEqualTo(1500);
        long mergeId = api.as(tokens.hqAdmin()).post("/api/members/" + survivor + "/merges",
                Map.of("mergedMemberId", merged, "reason", "same shopper")).json().path("id").asLong();
        assertThat(analyst.get("/api/members/" + survivor + "/points").json().path("balance").asLong()).isEqualTo(1500);
        assertThat(tier(tokens, survivor)).as("re-qualified on the combined 1,500 spent").isEqualTo("SILVER");
        assertThat(analyst.get("/api/members/" + survivor + "/vouchers").json()).hasSize(1);

        api.as(tokens.hqAdmin()).post("/api/members/merges/" + mergeId + "/unmerge", Map.of("reason", "two shoppers"));
        assertThat(analyst.get("/api/members/" + survivor + "/points").json().path("balance").asLong()).isEqualTo(survivorPoints);
        assertThat(analyst.get("/api/members/" + merged + "/points").json().path("balance").asLong()).isEqualTo(mergedPoints);
        assertThat(tier(tokens, survivor)).isEqualTo("MEMBER");
        assertThat(tier(tokens, merged)).isEqualTo("MEMBER");
        assertThat(analyst.get("/api/members/" + survivor + "/vouchers").json()).isEmpty();
        assertThat(analyst.get("/api/members/" + merged + "/vouchers").json()).hasSize(1);
    }
}
