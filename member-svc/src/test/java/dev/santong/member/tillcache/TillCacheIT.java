package dev.santong.member.tillcache;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.apache.commons.codec.digest.DigestUtils;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.JdbcTemplate;

import dev.santong.member.member.Enrolment;
import dev.santong.platform.testkit.Api;
import dev.santong.platform.testkit.MutableClock;
import dev.santong.platform.testkit.MutableClockConfiguration;
import dev.santong.platform.testkit.StackTest;
import dev.santong.platform.testkit.Tokens;
import tools.jackson.databind.JsonNode;

@StackTest
@Import(MutableClockConfiguration.class)
class TillCacheIT {

    @Autowired
    Api api;

    @Autowired
    MutableClock clock;

    @Autowired
    JdbcTemplate jdbc;

    private String enrol(Api as, String store, String phone, String card, String name) {
        return Enrolment.atStore(store).phone(phone).card(card).named(name).enrolledBy(as);
    }

    /** The key of the last page drained, as a till keeps it to match what it scans. */
    private JsonNode key;
    private boolean resynced;

    private List<JsonNode> drain(Api till, String store, String[] cursor) {
        List<JsonNode> entries = new ArrayList<>();
        JsonNode page;
        resynced = false;
        do {
            page = till.get("/api/members/till-cache?store=" + store + "&limit=2" + (cursor[0] == null ? "" : "&after=" + cursor[0])).json();
            page.path("members").forEach(entries::add);
            cursor[0] = page.path("cursor").asString();
            key = page.path("key");
            resynced |= page.path("resync").asBoolean();
        } while (page.path("more").asBoolean());
        return entries;
    }

    /**
     * A brand with many members and years of purchases: each page of a store's cache, first sync or changes, is read by
     * index. Reading every change of every member and asking of each whether it bought at the store took minutes here.
     */
    @Test
    void aStoresFirstSyncAndItsChangesCostWhatTheyReturnNotTheBrandsSize(Tokens tokens) {
        Instant longAgo = clock.instant().minus(Duration.ofDays(30));
        List<String> regulars = seedMembers("15", 2_000, 10, longAgo);
        seedMembers("12", 10_000, 1, longAgo);
        Api till15 = api.as(tokens.pos("15"));
        String[] cursor = { null };
        List<JsonNode> first = assertTimeoutPreemptively(Duration.ofSeconds(60), () -> drainPages(till15, "15", cursor, 500));
        assertThat(first).extracting(entry -> entry.path("memberId").asString()).containsExactlyInAnyOrderElementsOf(regulars);

        String buyer = regulars.get(1_234);
        assertThat(till15.post("/api/members/points/earns", Map.of("memberId", buyer, "channel", "STORE", "storeId", "15", "reference", "tc-big-1",
                "occurredAt", clock.instant().toString(), "currency", "CNY", "lines", List.of(Map.of("amount", "10.00")))).status()).isEqualTo(201);
        clock.advance(Duration.ofSeconds(6));
        List<JsonNode> changed = assertTimeoutPreemptively(Duration.ofSeconds(10), () -> drainPages(till15, "15", cursor, 500));
        assertThat(changed).extracting(entry -> entry.path("memberId").asString()).containsExactly(buyer);
    }

    private List<JsonNode> drainPages(Api till, String store, String[] cursor, int limit) {
        List<JsonNode> entries = new ArrayList<>();
        JsonNode page;
        do {
            page = till.get("/api/members/till-cache?store=" + store + "&limit=" + limit + (cursor[0] == null ? "" : "&after=" + cursor[0])).json();
            page.path("members").forEach(entries::add);
            cursor[0] = page.path("cursor").asString();
        } while (page.path("more").asBoolean());
        return entries;
    }

    /** Members enrolled at the store long ago, each with purchases there: rows as the services write them. */
    private List<String> seedMembers(String store, int count, int purchasesEach, Instant at) {
        List<String> ids = new ArrayList<>();
        List<Object[]> members = new ArrayList<>();
        List<Object[]> purchases = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            String id = java.util.UUID.randomUUID().toString();
            ids.add(id);
            members.add(new Object[] { id, "Seeded", "ACTIVE", "STORE", store, java.sql.Timestamp.from(at), java.sql.Timestamp.from(at) });
            for (int p = 0; p < purchasesEach; p++) {
                purchases.add(new Object[] { "seed:" + id + ":" + p, id, id, "STORE", store, "seed-" + i + "-" + p, java.sql.Timestamp.from(at.plusSeconds(p)) });
            }
        }
        jdbc.batchUpdate("""
                INSERT INTO member (id, display_name, status, enrolled_channel, enrolled_store, enrolled_at, updated_at)
                VALUES (?, ?, ?, ?, ?, ?, ?)""", members);
        jdbc.batchUpdate("""
                INSERT INTO purchase_fact (purchase_key, member_id, origin_member_id, channel, store_id, reference, amount, currency, occurred_at)
                VALUES (?, ?, ?, ?, ?, ?, 20.00, 'CNY', ?)""", purchases);
        // The statistics a database in use has, so its plans are those of production, not those of empty tables.
        jdbc.execute("ANALYZE TABLE member, purchase_fact");
        return ids;
    }

    private String keyed(String text) {
        return new org.apache.commons.codec.digest.HmacUtils(org.apache.commons.codec.digest.HmacAlgorithms.HMAC_SHA_256,
                java.util.HexFormat.of().parseHex(key.path("secret").asString())).hmacHex(text);
    }

    @Test
    void aTillCachesItsOwnStoresMembersWithHashedKeysAndFollowsTheirChanges(Tokens tokens) {
        Api till9 = api.as(tokens.pos("9"));
        String wei = enrol(till9, "9", "13866660001", "TC0001", "Wei");
        String lan = enrol(till9, "9", "13866660002", "TC0002", "Lan");
        String elsewhere = enrol(api.as(tokens.pos("12")), "12", "13866660003", "TC0003", "Other");
        String[] cursor = { null };
        assertThat(drain(till9, "9", cursor)).as("a first sync: the store's members as they are")
                .extracting(entry -> entry.path("memberId").asString()).containsExactlyInAnyOrder(wei, lan);
        assertThat(drain(till9, "9", cursor)).as("changes younger than the settle time are held back").isEmpty();

        clock.advance(Duration.ofSeconds(6));
        List<JsonNode> first = drain(till9, "9", cursor);
        assertThat(first).as("who changed while the first sync ran comes again, once settled")
                .extracting(entry -> entry.path("memberId").asString()).containsExactlyInAnyOrder(wei, lan);
        JsonNode weiEntry = first.stream().filter(entry -> entry.path("memberId").asString().equals(wei)).findFirst().orElseThrow();
        assertThat(key.path("algorithm").asString()).isEqualTo("HMAC-SHA256");
        assertThat(weiEntry.path("lookupKeys").toString()).contains(keyed("PHONE:+8613866660001")).contains(keyed("LOYALTY_CARD:TC0001"))
                .as("not the plain hash a stolen cache could be matched against in minutes")
                .doesNotContain(DigestUtils.sha256Hex("PHONE:+8613866660001"));
        assertThat(weiEntry.path("maskedPhone").asString()).isEqualTo("138****0001");
        assertThat(weiEntry.path("nameInitial").asString()).isEqualTo("W*");
        assertThat(first.toString()).doesNotContain("13866660001").doesNotContain(elsewhere);
        assertThat(drain(till9, "9", cursor)).as("nothing new since the cursor").isEmpty();

        // Points at the store and a voucher: Wei appears again with the new balance and the voucher; Lan does not.
        Instant now = clock.instant();
        assertThat(till9.post("/api/members/points/earns", Map.of("memberId", wei, "channel", "STORE", "storeId", "9", "reference", "tc-1",
                "occurredAt", now.toString(), "currency", "CNY", "lines", List.of(Map.of("amount", "88.00")))).status()).isEqualTo(201);
        assertThat(api.as(tokens.hqAdmin()).post("/api/members/vouchers/issues", Map.of("voucher", Map.of("campaign", "tc-welcome",
                "kind", "FIXED_AMOUNT", "amount", "20.00", "currency", "CNY", "validFrom", now.minusSeconds(60).toString(),
                "validUntil", now.plus(Duration.ofDays(30)).toString(), "channels", List.of("STORE")), "memberIds", List.of(wei))).status())
                .isEqualTo(200);
        clock.advance(Duration.ofSeconds(6));
        List<JsonNode> second = drain(till9, "9", cursor);
        assertThat(second).hasSize(1);
        assertThat(second.getFirst().path("facts").toString()).contains("88");
        assertThat(second.getFirst().path("vouchers").get(0).path("amount").decimalValue()).isEqualByComparingTo("20");

        // A merge removes the merged member from every till's cache and points it at the survivor.
        assertThat(api.as(tokens.hqAdmin()).post("/api/members/" + wei + "/merges", Map.of("mergedMemberId", lan, "reason", "same person"))
                .status()).isEqualTo(201);
        clock.advance(Duration.ofSeconds(6));
        List<JsonNode> third = drain(till9, "9", cursor);
        JsonNode removed = third.stream().filter(entry -> entry.path("memberId").asString().equals(lan)).findFirst().orElseThrow();
        assertThat(removed.path("status").asString()).isEqualTo("REMOVED");
        assertThat(removed.path("mergedInto").asString()).isEqualTo(wei);

        // The key rotates: the till's cursor of the old key starts its cache again, every member under the new key.
        String oldKey = key.path("id").asString();
        String oldLookup = keyed("PHONE:+8613866660001");
        clock.advance(Duration.ofDays(8));
        List<JsonNode> rotated = drain(till9, "9", cursor);
        assertThat(resynced).isTrue();
        assertThat(key.path("id").asString()).isNotEqualTo(oldKey);
        JsonNode weiAgain = rotated.stream().filter(entry -> entry.path("memberId").asString().equals(wei)).findFirst().orElseThrow();
        assertThat(weiAgain.path("lookupKeys").toString()).contains(keyed("PHONE:+8613866660001")).doesNotContain(oldLookup);
        assertThat(api.as(tokens.pos("12")).get("/api/members/till-cache?store=12").json().path("key").path("secret").asString())
                .as("each store its own key").isNotEqualTo(key.path("secret").asString());

        String period = key.path("id").asString().substring(2);
        assertThat(till9.get("/api/members/till-cache?store=9&limit=1&after=" + period + ":0~").json().path("resync").asBoolean())
                .as("a cursor from before its key's period reads no history: the cache starts again").isTrue();
        assertThat(till9.get("/api/members/till-cache?store=12").status()).isEqualTo(403);
        assertThat(till9.get("/api/members/till-cache?store=9&after=garbage").status()).isEqualTo(400);
    }
}
