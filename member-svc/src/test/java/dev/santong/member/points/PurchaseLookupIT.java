package dev.santong.member.points;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import dev.santong.member.member.Enrolment;
import dev.santong.platform.testkit.Api;
import dev.santong.platform.testkit.StackTest;
import dev.santong.platform.testkit.Tokens;
import tools.jackson.databind.JsonNode;

/** After-sales checks a case against the purchase: its member, lines and tenders, and only its own shopper's. */
@StackTest
class PurchaseLookupIT {

    @Autowired
    Api api;

    @Test
    void aftersalesReadsAPurchaseWithItsLinesAndTendersAndAShopperFindsOnlyTheirOwn(Tokens tokens) {
        String aliceToken = tokens.customer("alice");
        Api alice = api.as(aliceToken);
        Api.Response joined = alice.post("/api/members", Map.of("channel", "ONLINE"));
        assertThat(joined.status()).as(joined.toString()).isIn(200, 201);
        String member = joined.json().path("member").path("id").asString();
        Instant at = Instant.parse("2026-11-20T02:15:00Z");
        Api.Response earned = api.as(tokens.pos("9")).post("/api/members/points/earns", Sale.of(member).inStore("9").reference("9-1-LK-1")
                .line("KETTLE-1", "appliances", "1", "299.00").line("MUG-1", "kitchen", "2", "60.00")
                .paidBy("CARD", "300.00").paidBy("CASH", "59.00").at(at).body());
        assertThat(earned.status()).as(earned.toString()).isEqualTo(201);

        Api.Response found = api.as(tokens.aftersales()).get("/api/members/purchases?channel=STORE&storeId=9&reference=9-1-LK-1");
        assertThat(found.status()).as(found.toString()).isEqualTo(200);
        JsonNode purchase = found.json();
        assertThat(purchase.path("memberId").asString()).isEqualTo(member);
        assertThat(purchase.path("occurredAt").asString()).isEqualTo("2026-11-20T02:15:00Z");
        assertThat(purchase.path("amount").decimalValue()).isEqualByComparingTo("359.00");
        assertThat(purchase.path("lines")).hasSize(2);
        assertThat(purchase.path("lines").get(1).path("sku").asString()).isEqualTo("MUG-1");
        assertThat(purchase.path("lines").get(1).path("quantity").decimalValue()).isEqualByComparingTo("2");
        assertThat(purchase.path("tenders").get(0).path("method").asString()).isEqualTo("CARD");
        assertThat(purchase.path("tenders").get(1).path("amount").decimalValue()).isEqualByComparingTo("59.00");
        assertThat(purchase.path("currency").asString()).as("version 1: the number beside its currency").isEqualTo("CNY");
        assertThat(purchase.path("amount").isNumber()).isTrue();

        // Version 2: every amount the money object, a decimal string with its currency, and the version 1 names gone.
        JsonNode version2 = api.as(tokens.aftersales()).header("API-Version", "2")
                .get("/api/members/purchases?channel=STORE&storeId=9&reference=9-1-LK-1").json();
        assertThat(version2.path("total").path("amount").asString()).as(version2.toString()).isEqualTo("359.00");
        assertThat(version2.path("total").path("currency").asString()).isEqualTo("CNY");
        assertThat(version2.path("lines").get(1).path("paid").path("amount").asString()).isEqualTo("60.00");
        assertThat(version2.path("tenders").get(1).path("paid").path("amount").asString()).isEqualTo("59.00");
        assertThat(version2.has("amount") || version2.has("currency") || version2.has("returnedAmount")).isFalse();
        JsonNode totals = api.as(tokens.pos("9")).header("API-Version", "2")
                .get("/api/members/points/store-totals?storeId=9&referencePrefix=9-1-LK-").json().path("purchases");
        assertThat(totals.path("amounts").path(0).path("amount").asString()).as(totals.toString()).isEqualTo("359.00");
        assertThat(totals.has("amount")).as("version 1's sum over currencies").isFalse();
        JsonNode totalsVersion1 = api.as(tokens.pos("9")).get("/api/members/points/store-totals?storeId=9&referencePrefix=9-1-LK-").json().path("purchases");
        assertThat(totalsVersion1.path("amount").decimalValue()).as(totalsVersion1.toString()).isEqualByComparingTo("359.00");

        // For a shopper's case, only that shopper's purchase is found; another shopper's is "not found", like a wrong number.
        assertThat(api.as(tokens.aftersales()).get("/api/members/purchases?channel=STORE&storeId=9&reference=9-1-LK-1&shopper="
                + subjectOf(aliceToken)).status()).isEqualTo(200);
        assertThat(api.as(tokens.aftersales()).get("/api/members/purchases?channel=STORE&storeId=9&reference=9-1-LK-1&shopper="
                + subjectOf(tokens.customer("bob"))).status()).isEqualTo(404);
        assertThat(api.as(tokens.aftersales()).get("/api/members/purchases?channel=STORE&storeId=12&reference=9-1-LK-1").status()).isEqualTo(404);

        // Stores, shoppers and the shop's server do not browse purchases.
        assertThat(api.as(tokens.pos("9")).get("/api/members/purchases?channel=STORE&storeId=9&reference=9-1-LK-1").status()).isEqualTo(403);
        assertThat(alice.get("/api/members/purchases?channel=STORE&storeId=9&reference=9-1-LK-1").status()).isEqualTo(403);
        assertThat(api.as(tokens.shopBackend()).get("/api/members/purchases?channel=STORE&storeId=9&reference=9-1-LK-1").status()).isEqualTo(403);
        Api.Response badChannel = api.as(tokens.aftersales()).get("/api/members/purchases?channel=MOON&reference=9-1-LK-1");
        assertThat(badChannel.status()).isEqualTo(400);
        assertThat(badChannel.body()).contains("channel");
        for (String query : List.of("channel=STORE&storeId=9&reference=" + "r".repeat(101), "channel=STORE&storeId=9%2B9&reference=9-1-LK-1",
                "channel=STORE&reference=9-1-LK-1&shopper=" + "s".repeat(256))) {
            Api.Response refused = api.as(tokens.aftersales()).get("/api/members/purchases?" + query);
            assertThat(refused.status()).as(query).isEqualTo(400);
            assertThat(refused.json().path("errors").get(0).path("field").asString()).isIn("reference", "storeId", "shopper");
        }
        Api.Response tenders = api.as(tokens.pos("9")).post("/api/members/points/earns", Sale.of(member).inStore("9").reference("9-1-LK-T")
                .line("KETTLE-1", "appliances", "0", "1.00").paidBy("CARD PAY", "1.00").at(at).body());
        assertThat(tenders.status()).isEqualTo(400);
        assertThat(tenders.json().path("errors").findValuesAsString("field")).contains("lines[0].quantity", "tenders[0].method");
    }

    @Test
    void aftersalesReversesPointsOfAReturnTakenInAnotherChannel(Tokens tokens) {
        String member = Enrolment.atStore("9").phone("13700000072").enrolledBy(api.as(tokens.pos("9")));
        Instant at = Instant.parse("2026-11-20T02:15:00Z");
        assertThat(api.as(tokens.shopBackend()).post("/api/members/points/earns", Sale.of(member).online().reference("SO-LK-2")
                .line("SHIRT-M", "apparel", "1", "200.00").at(at).body()).status()).isEqualTo(201);
        Map<String, Object> reversal = Map.of("purchase", Map.of("channel", "ONLINE", "reference", "SO-LK-2"), "returnReference", "case-lk-2",
                "channel", "STORE", "storeId", "12", "returnedAmount", "200.00", "currency", "CNY", "occurredAt", "2026-11-22T09:00:00Z");
        Api.Response reversed = api.as(tokens.aftersales()).post("/api/members/points/reversals", reversal);
        assertThat(reversed.status()).as(reversed.toString()).isEqualTo(201);
        assertThat(reversed.json().path("reversedEarn").path("points").asLong()).isEqualTo(-200);
        assertThat(api.as(tokens.aftersales()).post("/api/members/points/reversals", reversal).json().path("replayed").asBoolean()).isTrue();
    }

    @Test
    void aMembersPurchasesInEveryChannelAreListedLatestFirstForWhoeverMayReadTheMember(Tokens tokens) {
        String member = Enrolment.atStore("9").phone("13700000073").enrolledBy(api.as(tokens.pos("9")));
        assertThat(api.as(tokens.shopBackend()).post("/api/members/points/earns", Sale.of(member).online().reference("SO-LIST-1")
                .line("SHIRT-M", "apparel", "1", "200.00").at(Instant.parse("2026-11-18T02:00:00Z")).body()).status()).isEqualTo(201);
        // Sent after the online order but made before it: the list is by when it was bought, not when it arrived.
        assertThat(api.as(tokens.pos("9")).post("/api/members/points/earns", Sale.of(member).inStore("9").reference("9-1-LIST-1")
                .line("MUG-1", "kitchen", "2", "60.00").paidBy("CASH", "60.00").at(Instant.parse("2026-11-17T02:00:00Z")).body()).status())
                .isEqualTo(201);
        assertThat(api.as(tokens.pos("9")).post("/api/members/points/earns", Sale.of(member).inStore("9").reference("9-1-LIST-2")
                .line("KETTLE-1", "appliances", "1", "299.00").at(Instant.parse("2026-11-19T02:00:00Z")).body()).status()).isEqualTo(201);

        Api hq = api.as(tokens.hqAdmin()).header("API-Version", "2");
        JsonNode first = hq.get("/api/members/" + member + "/purchases?limit=2").json();
        assertThat(first.path("items").findValuesAsString("reference")).containsExactly("9-1-LIST-2", "SO-LIST-1");
        assertThat(first.path("items").get(1).path("channel").asString()).isEqualTo("ONLINE");
        assertThat(first.path("items").get(0).path("total").path("amount").asString()).isEqualTo("299.00");
        JsonNode second = hq.get("/api/members/" + member + "/purchases?limit=2&cursor=" + first.path("next").asString()).json();
        assertThat(second.path("items").findValuesAsString("reference")).containsExactly("9-1-LIST-1");
        assertThat(second.path("items").get(0).path("lines").get(0).path("sku").asString()).isEqualTo("MUG-1");
        assertThat(second.has("next")).isFalse();

        // The store the member was shown at sees them, online purchases too (a return at the desk); another store does not.
        assertThat(api.as(tokens.storeStaff("9")).get("/api/members/" + member + "/purchases").json().path("items")).hasSize(3);
        assertThat(api.as(tokens.pos("12")).get("/api/members/" + member + "/purchases").status()).isEqualTo(404);
        assertThat(api.as(tokens.customer("bob")).get("/api/members/" + member + "/purchases").status()).isIn(403, 404);
        for (String query : List.of("limit=0", "limit=101", "cursor=" + "c".repeat(513), "cursor=not-one-we-gave")) {
            Api.Response refused = hq.get("/api/members/" + member + "/purchases?" + query);
            assertThat(refused.status()).as(query).isEqualTo(400);
            assertThat(refused.json().path("errors").get(0).path("field").asString()).isIn("limit", "cursor");
        }
    }

    @Test
    void anAnalystReadsAMemberWithContactDetailsMaskedAndHqAdminInFull(Tokens tokens) {
        String member = Enrolment.atStore("9").phone("13700000074").enrolledBy(api.as(tokens.pos("9")));
        assertThat(api.as(tokens.hqAdmin()).get("/api/members/" + member).body()).contains("+8613700000074");
        String analyst = api.as(tokens.hqAnalyst()).get("/api/members/" + member).body();
        assertThat(analyst).doesNotContain("13700000074").contains("0074");
    }

    private static String subjectOf(String token) {
        String payload = new String(java.util.Base64.getUrlDecoder().decode(token.split("\\.")[1]), java.nio.charset.StandardCharsets.UTF_8);
        return tools.jackson.databind.json.JsonMapper.builder().build().readTree(payload).path("sub").asString();
    }
}
