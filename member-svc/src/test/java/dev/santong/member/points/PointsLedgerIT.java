package dev.santong.member.points;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
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
import org.springframework.jdbc.core.simple.JdbcClient;

import dev.santong.member.member.Enrolment;
import dev.santong.platform.testkit.Api;
import dev.santong.platform.testkit.MutableClock;
import dev.santong.platform.testkit.MutableClockConfiguration;
import dev.santong.platform.testkit.StackTest;
import dev.santong.platform.testkit.Tokens;
import tools.jackson.databind.JsonNode;

@StackTest
@Import(MutableClockConfiguration.class)
class PointsLedgerIT {

    @Autowired
    Api api;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    javax.sql.DataSource dataSource;

    @Autowired
    MutableClock clock;

    @Autowired
    PointsLedger ledger;

    @Autowired
    PointsLots lots;

    @Autowired
    org.springframework.transaction.PlatformTransactionManager transactionManager;

    /**
     * Every earn asks for the member's lots that fell due; a member of many years has hundreds of lots long written
     * off, and the question must cost what is due, not what was ever earned.
     */
    @Test
    void findingAMembersDueLotsReadsTheDueOnesNotYearsOfWrittenOffLots() {
        String member = java.util.UUID.randomUUID().toString();
        Instant now = clock.instant();
        StringBuilder insert = new StringBuilder("""
                INSERT INTO points_lot (member_id, origin_member_id, entry_id, points_initial, points_remaining, earned_at, expires_at) VALUES """);
        for (int i = 0; i < 1500; i++) {
            // Years of purchases, expired and written off; then two due and not yet written off; then five still live.
            long remaining = i < 1493 ? 0 : 10;
            Instant expires = i < 1495 ? now.minus(Duration.ofDays(1500 - i)) : now.plus(Duration.ofDays(i - 1490));
            insert.append(i == 0 ? "" : ",").append("('").append(member).append("','").append(member).append("',0,10,").append(remaining)
                    .append(",'").append(dev.santong.platform.kit.persistence.SqlTime.of(expires.minus(Duration.ofDays(365)))).append("','")
                    .append(dev.santong.platform.kit.persistence.SqlTime.of(expires)).append("')");
        }
        jdbc.sql(insert.toString()).update();
        jdbc.sql("ANALYZE TABLE points_lot").query((rs, n) -> null).list();
        // One transaction around the reads, so the session's own counters of rows read are theirs.
        long[] dueAndRead = new org.springframework.transaction.support.TransactionTemplate(transactionManager).execute(status -> {
            long before = rowsRead();
            int due = lots.lockDue(member, now).size();
            long owed = lots.dueNotWrittenOff(member);
            return new long[] { due, owed, rowsRead() - before };
        });
        assertThat(dueAndRead[0]).isEqualTo(2);
        assertThat(dueAndRead[1]).isEqualTo(20);
        assertThat(dueAndRead[2]).as("rows read for 2 due lots among 1,500").isLessThan(50);
    }

    /**
     * A till's earn is the hot write of a store day: what it asks the database is counted, so a round trip added to it
     * is a decision, not an accident. The first write of a key does not ask for the key first (its unique index
     * refuses a second entry, and the retry finds the first); the member is read once, locked.
     */
    @Test
    void aFirstEarnAsksTheDatabaseTenStatements(Tokens tokens) {
        String member = enrolAtTill(tokens, "9", "13700000072");
        PointsLedger.EarnCommand sale = new PointsLedger.EarnCommand(member, member, dev.santong.member.member.Channel.STORE, "9", "9-1-801", null,
                clock.instant(), "CNY", List.of(new PurchaseFacts.Item("OX-BLU-M", "apparel", java.math.BigDecimal.ONE, new java.math.BigDecimal("10.00"))),
                List.of());
        // The rules and the tier programme are kept for 2 s by each replica: read once before, as on a busy day.
        api.as(tokens.pos("9")).post("/api/members/points/earns", Sale.of(member).inStore("9").reference("9-1-800").amount("10.00").at(clock.instant()).body());
        // One transaction around the earn (it joins it), so the session's own counters are the earn's statements.
        long statements = new org.springframework.transaction.support.TransactionTemplate(transactionManager).execute(status -> {
            long before = statementsSent();
            assertThat(ledger.earn(sale, "pos-store-9").replayed()).isFalse();
            return statementsSent() - before;
        });
        assertThat(statements).as("SELECT, INSERT and UPDATE statements of one earn").isLessThanOrEqualTo(10);

        Api.Response resent = api.as(tokens.pos("9")).post("/api/members/points/earns",
                Sale.of(member).inStore("9").reference("9-1-801").line("OX-BLU-M", "apparel", "1", "10.00").at(sale.occurredAt()).body());
        assertThat(resent.status()).as("the same sale again: the first one's entry").isEqualTo(200);
        assertThat(jdbc.sql("SELECT COUNT(*) FROM points_entry WHERE business_key = 'earn:STORE:9:9-1-801'").query(Long.class).single()).isOne();
    }

    private long statementsSent() {
        return jdbc.sql("SHOW SESSION STATUS WHERE Variable_name IN ('Com_select', 'Com_insert', 'Com_update')")
                .query((rs, n) -> rs.getLong(2)).list().stream().mapToLong(Long::longValue).sum();
    }

    /** Rows this session read so far, through an index or by scanning the table. */
    private long rowsRead() {
        return jdbc.sql("SHOW SESSION STATUS WHERE Variable_name IN ('Handler_read_key', 'Handler_read_next', 'Handler_read_rnd_next')")
                .query((rs, n) -> rs.getLong(2)).list().stream().mapToLong(Long::longValue).sum();
    }

    private String enrolAtTill(Tokens tokens, String store, String phone) {
        return Enrolment.atStore(store).phone(phone).enrolledBy(api.as(tokens.pos(store)));
    }

    private long balance(Tokens tokens, String member) {
        return api.as(tokens.hqAnalyst()).get("/api/members/" + member + "/points").json().path("balance").asLong();
    }

    private void assertBalanceIsTheSumOfTheLedger(String member) {
        assertThat(ledger.balanceOf(member)).as("cached balance").isEqualTo(ledger.sumOfEntries(member));
        long lots = jdbc.sql("SELECT COALESCE(SUM(points_remaining), 0) FROM points_lot WHERE member_id = :m").param("m", member)
                .query(Long.class).single();
        assertThat(lots).as("points in lots").isEqualTo(Math.max(0, ledger.balanceOf(member)));
    }

    /** The earn finds its member in the ledger's own transaction: an unknown id is a 404, a member no longer active a 409. */
    @Test
    void anEarnForAnUnknownOrErasedMemberWritesNothing(Tokens tokens) {
        Api till = api.as(tokens.pos("9"));
        Instant at = clock.instant();
        String unknown = java.util.UUID.randomUUID().toString();
        Api.Response toNobody = till.post("/api/members/points/earns", Sale.of(unknown).inStore("9").reference("9-1-701").amount("10.00").at(at).body());
        assertThat(toNobody.status()).as(toNobody.toString()).isEqualTo(404);

        String member = enrolAtTill(tokens, "9", "13700000071");
        jdbc.sql("UPDATE member SET status = 'ERASED' WHERE id = :id").param("id", member).update();
        Api.Response toErased = till.post("/api/members/points/earns", Sale.of(member).inStore("9").reference("9-1-702").amount("10.00").at(at).body());
        assertThat(toErased.status()).as(toErased.toString()).isEqualTo(409);
        assertThat(toErased.json().path("type").asString()).endsWith("/member-not-active");
        assertThat(jdbc.sql("SELECT COUNT(*) FROM points_entry WHERE reference IN ('9-1-701', '9-1-702')").query(Long.class).single()).isZero();
        assertThat(jdbc.sql("SELECT COUNT(*) FROM purchase_fact WHERE reference IN ('9-1-701', '9-1-702')").query(Long.class).single()).isZero();
    }

    @Test
    void pointsEarnedAtATillAreSpentOnlineAndTheOtherWayRound(Tokens tokens) {
        String member = enrolAtTill(tokens, "9", "13700000003");
        Api carol = api.as(tokens.customer("carol"));
        assertThat(carol.post("/api/members", Map.of("channel", "ONLINE")).json().path("member").path("id").asString()).isEqualTo(member);
        Instant now = clock.instant();

        Api.Response tillEarn = api.as(tokens.pos("9")).post("/api/members/points/earns", Sale.of(member).inStore("9").reference("9-3-1041").amount("199.00").at(now).body());
        assertThat(tillEarn.status()).as(tillEarn.toString()).isEqualTo(201);
        assertThat(tillEarn.json().path("entry").path("points").asLong()).isEqualTo(199);
        assertThat(api.as(tokens.shopBackend()).post("/api/members/points/earns", Sale.of(member).online().reference("SO-1").amount("300.00").at(now).body())
                .status()).isEqualTo(201);

        // The shop's server vouches for carol's order at checkout; she pays part of it with points herself.
        assertThat(api.as(tokens.shopBackend()).put("/api/members/points/online-orders/SO-2", Map.of("memberId", member, "amount", "1000.00",
                "currency", "CNY")).status()).isEqualTo(201);
        Api.Response online = carol.post("/api/members/points/redemptions", Redemption.of(member, 200).online().reference("SO-2").onAnOrderOf("1000.00").at(now).body());
        assertThat(online.status()).as(online.toString()).isEqualTo(201);
        assertThat(online.json().path("entry").path("amount").decimalValue()).isEqualByComparingTo("2.00");
        assertThat(api.as(tokens.pos("12")).post("/api/members/points/redemptions", Redemption.of(member, 100).inStore("12").reference("12-1-77").onAnOrderOf("1000.00").at(now).body())
                .status()).isEqualTo(201);

        assertThat(carol.get("/api/members/me/points").json().path("balance").asLong()).isEqualTo(199);
        assertThat(api.as(tokens.pos("15")).get("/api/members/lookup?phone=13700000003").json().path("facts").path("pointsBalance").asLong())
                .isEqualTo(199);
        assertThat(carol.get("/api/members/me/points/entries").json()).as("version 1: the bare array it always was").hasSize(4);
        // Version 2: pages of the ledger, newest first, by cursor.
        Api carolV2 = carol.header("API-Version", "2");
        JsonNode first = carolV2.get("/api/members/me/points/entries?limit=3").json();
        assertThat(first.path("items")).hasSize(3);
        JsonNode second = carolV2.get("/api/members/me/points/entries?limit=3&cursor=" + first.path("next").asString()).json();
        assertThat(second.path("items")).hasSize(1);
        assertThat(second.has("next")).as("the last page names no next").isFalse();
        List<Long> ids = new java.util.ArrayList<>();
        first.path("items").forEach(entry -> ids.add(entry.path("id").asLong()));
        second.path("items").forEach(entry -> ids.add(entry.path("id").asLong()));
        assertThat(ids).doesNotHaveDuplicates().isSortedAccordingTo(java.util.Comparator.reverseOrder());
        assertThat(api.as(tokens.hqAnalyst()).header("API-Version", "2").get("/api/members/" + member + "/points/entries?limit=10").json()
                .path("items")).hasSize(4);
        Api.Response forged = carolV2.get("/api/members/me/points/entries?cursor=YzEfbm90LWFuLWlk");
        assertThat(forged.status()).isEqualTo(400);
        assertThat(forged.json().path("errors").get(0).path("code").asString()).isEqualTo("unknown-cursor");
        assertBalanceIsTheSumOfTheLedger(member);
    }

    @Test
    void anEarnAppliesOnceHoweverItArrivesAndOtherContentUnderItsKeyIsRefused(Tokens tokens) {
        String member = enrolAtTill(tokens, "9", "13811110001");
        Instant at = clock.instant();
        Map<String, Object> sale = Sale.of(member).inStore("9").reference("9-1-500").amount("88.00").at(at).body();
        Api.Response first = api.as(tokens.pos("9")).post("/api/members/points/earns", sale);
        Api.Response again = api.as(tokens.pos("9")).post("/api/members/points/earns", sale);
        Api.Response viaHq = api.as(tokens.hqAdmin()).post("/api/members/points/earns", sale);
        assertThat(first.status()).isEqualTo(201);
        assertThat(again.status()).isEqualTo(200);
        assertThat(viaHq.status()).as("the same sale from a second path").isEqualTo(200);
        assertThat(again.json().path("entry").path("id").asLong()).isEqualTo(first.json().path("entry").path("id").asLong());
        assertThat(again.json().path("replayed").asBoolean()).isTrue();

        Api.Response changed = api.as(tokens.pos("9")).post("/api/members/points/earns", Sale.of(member).inStore("9").reference("9-1-500").amount("880.00").at(at).body());
        assertThat(changed.status()).isEqualTo(409);
        assertThat(changed.json().path("type").asString()).endsWith("/business-key-reused");
        assertThat(balance(tokens, member)).isEqualTo(88);
    }

    @Test
    void aTillEarnsAndRedeemsForTheIdentityItWasShownInOneCallWithoutALookup(Tokens tokens) {
        String member = enrolAtTill(tokens, "9", "13811110002");
        Instant at = clock.instant();
        Api till = api.as(tokens.pos("9"));
        long lookupsBefore = jdbc.sql("SELECT COUNT(*) FROM identity_match").query(Long.class).single();
        Map<String, Object> byPhone = Sale.of(member).inStore("9").reference("9-1-600").amount("120.00").at(at).body();
        byPhone.remove("memberId");
        byPhone.put("presented", Map.of("phone", "138 1111 0002"));
        Api.Response earned = till.post("/api/members/points/earns", byPhone);
        assertThat(earned.status()).as(earned.toString()).isEqualTo(201);
        Map<String, Object> spend = Redemption.of(member, 100).inStore("9").reference("9-1-601").onAnOrderOf("1000.00").at(at).body();
        spend.remove("memberId");
        spend.put("presented", Map.of("phone", "+8613811110002"));
        Api.Response redeemed = till.post("/api/members/points/redemptions", spend);
        assertThat(redeemed.status()).as(redeemed.toString()).isEqualTo(201);
        assertThat(balance(tokens, member)).isEqualTo(20);
        assertThat(jdbc.sql("SELECT COUNT(*) FROM identity_match").query(Long.class).single())
                .as("no lookup evidence for a write that names its member").isEqualTo(lookupsBefore);

        Map<String, Object> nobody = Sale.of(member).inStore("9").reference("9-1-602").amount("10.00").at(at).body();
        nobody.remove("memberId");
        nobody.put("presented", Map.of("card", "NOBODY-HOLDS-THIS"));
        assertThat(till.post("/api/members/points/earns", nobody).status()).isEqualTo(404);
        Map<String, Object> both = Sale.of(member).inStore("9").reference("9-1-603").amount("10.00").at(at).body();
        both.put("presented", Map.of("phone", "13811110002"));
        assertThat(till.post("/api/members/points/earns", both).json().toString()).contains("memberId");
        Map<String, Object> two = Sale.of(member).inStore("9").reference("9-1-604").amount("10.00").at(at).body();
        two.remove("memberId");
        two.put("presented", Map.of("phone", "13811110002", "card", "X"));
        assertThat(till.post("/api/members/points/earns", two).json().toString()).contains("presented");
        assertBalanceIsTheSumOfTheLedger(member);
    }

    @Test
    void aThousandEarnsWithTenPercentDuplicatesGiveExactBalances(Tokens tokens) throws Exception {
        List<String> members = List.of(enrolAtTill(tokens, "15", "13811120001"), enrolAtTill(tokens, "15", "13811120002"),
                enrolAtTill(tokens, "15", "13811120003"));
        Instant at = clock.instant();
        Map<String, Long> expected = new HashMap<>();
        List<Map<String, Object>> requests = new ArrayList<>();
        for (int i = 1; i <= 900; i++) {
            String member = members.get(i % 3);
            requests.add(Sale.of(member).inStore("15").reference("15-2-" + i).amount(i + ".00").at(at).body());
            expected.merge(member, (long) i, Long::sum);
        }
        for (int i = 0; i < 100; i++) {
            requests.add(requests.get(i * 9));
        }
        Collections.shuffle(requests, new java.util.Random(42));
        Api till = api.as(tokens.pos("15"));
        List<Callable<Integer>> calls = requests.stream().<Callable<Integer>>map(body -> () -> till.post("/api/members/points/earns", body).status()).toList();
        List<Integer> statuses = new ArrayList<>();
        try (ExecutorService pool = Executors.newFixedThreadPool(16)) {
            for (Future<Integer> status : pool.invokeAll(calls)) {
                statuses.add(status.get());
            }
        }
        assertThat(statuses).containsOnly(200, 201);
        assertThat(statuses.stream().filter(s -> s == 201).count()).isEqualTo(900);
        for (String member : members) {
            assertThat(balance(tokens, member)).isEqualTo(expected.get(member));
            assertBalanceIsTheSumOfTheLedger(member);
        }
    }

    /**
     * A member's earn locks that member's rows only: while another transaction holds every other member's lots (as
     * their own earns and redemptions do, one member each), a first earn still completes at once.
     */
    @Test
    void anEarnDoesNotWaitForOtherMembersLots(Tokens tokens) throws Exception {
        String first = enrolAtTill(tokens, "15", "13877770001");
        String next = enrolAtTill(tokens, "15", "13877770002");
        Api till = api.as(tokens.pos("15"));
        assertThat(till.post("/api/members/points/earns", Sale.of(next).inStore("15").reference("15-3-1").amount("20.00").at(clock.instant())
                .body()).status()).isEqualTo(201);
        try (java.sql.Connection other = dataSource.getConnection(); ExecutorService pool = Executors.newSingleThreadExecutor()) {
            other.setAutoCommit(false);
            try (java.sql.Statement lockAll = other.createStatement()) {
                lockAll.executeQuery("SELECT id FROM points_lot FOR UPDATE").close();
            }
            Future<Integer> earn = pool.submit(() -> till.post("/api/members/points/earns",
                    Sale.of(first).inStore("15").reference("15-3-2").amount("10.00").at(clock.instant()).body()).status());
            try {
                assertThat(earn.get(5, java.util.concurrent.TimeUnit.SECONDS)).isEqualTo(201);
            } finally {
                other.rollback();
            }
        }
        assertBalanceIsTheSumOfTheLedger(first);
    }

    @Test
    void twoHundredParallelRedemptionsNeverSpendMoreThanTheBalance(Tokens tokens) throws Exception {
        String member = enrolAtTill(tokens, "12", "13811130001");
        assertThat(api.as(tokens.hqAdmin()).post("/api/members/" + member + "/points/adjustments",
                Map.of("points", 5000, "reason", "opening balance for the test", "reference", "test-opening-" + member)).status()).isEqualTo(201);
        Instant at = clock.instant();
        Api till = api.as(tokens.pos("12"));
        List<Callable<long[]>> calls = new ArrayList<>();
        for (int i = 0; i < 200; i++) {
            Map<String, Object> body = Redemption.of(member, 100).inStore("12").reference("12-9-" + i).onAnOrderOf("1000.00").at(at).body();
            calls.add(() -> {
                long start = System.nanoTime();
                int status = till.post("/api/members/points/redemptions", body).status();
                return new long[] { status, System.nanoTime() - start };
            });
        }
        List<long[]> results = new ArrayList<>();
        try (ExecutorService pool = Executors.newFixedThreadPool(50)) {
            for (Future<long[]> result : pool.invokeAll(calls)) {
                results.add(result.get());
            }
        }
        assertThat(results.stream().filter(r -> r[0] == 201).count()).isEqualTo(50);
        assertThat(results.stream().filter(r -> r[0] == 409).count()).isEqualTo(150);
        assertThat(balance(tokens, member)).isZero();
        assertBalanceIsTheSumOfTheLedger(member);
        List<Long> latencies = results.stream().map(r -> r[1] / 1_000_000).sorted().toList();
        System.out.printf("redeem under 200 parallel: p50 %d ms, p99 %d ms, max %d ms%n", latencies.get(99), latencies.get(197), latencies.get(199));
    }

    /** The negative control: read the balance, check it, write the new one. Under the same load it spends money it does not have. */
    @Test
    void theNaiveReadThenWriteRedemptionOverspendsUnderTheSameLoad() throws Exception {
        jdbc.sql("CREATE TABLE IF NOT EXISTS naive_account (id INT PRIMARY KEY, balance BIGINT NOT NULL)").update();
        jdbc.sql("REPLACE INTO naive_account (id, balance) VALUES (1, 5000)").update();
        List<Callable<Boolean>> calls = new ArrayList<>();
        for (int i = 0; i < 200; i++) {
            calls.add(() -> {
                long balance = jdbc.sql("SELECT balance FROM naive_account WHERE id = 1").query(Long.class).single();
                if (balance < 100) {
                    return false;
                }
                Thread.sleep(2);
                jdbc.sql("UPDATE naive_account SET balance = :b WHERE id = 1").param("b", balance - 100).update();
                return true;
            });
        }
        long granted = 0;
        try (ExecutorService pool = Executors.newFixedThreadPool(50)) {
            for (Future<Boolean> result : pool.invokeAll(calls)) {
                granted += result.get() ? 1 : 0;
            }
        }
        assertThat(granted).as("redemptions granted against 5,000 points of 100 each").isGreaterThan(50);
    }

    @Test
    void lotsExpireExactlyAtTheirBoundaryAndSpendingTakesTheOldestFirst(Tokens tokens) {
        String member = enrolAtTill(tokens, "9", "13811140001");
        Instant t0 = clock.instant();
        Api till = api.as(tokens.pos("9"));
        till.post("/api/members/points/earns", Sale.of(member).inStore("9").reference("9-7-1").amount("100.00").at(t0).body());
        clock.advance(Duration.ofDays(100));
        till.post("/api/members/points/earns", Sale.of(member).inStore("9").reference("9-7-2").amount("100.00").at(clock.instant()).body());
        clock.advance(Duration.ofDays(100));
        assertThat(till.post("/api/members/points/redemptions", Redemption.of(member, 150).inStore("9").reference("9-7-3").onAnOrderOf("1000.00").at(clock.instant()).body()).status()).isEqualTo(201);
        assertThat(balance(tokens, member)).isEqualTo(50);

        // The first lot (now empty) expires at t0 + 365 d; the second, with its last 50 points, at t0 + 465 d.
        clock.advance(Duration.between(clock.instant(), t0.plus(Duration.ofDays(465))).minusMillis(1));
        assertThat(balance(tokens, member)).as("one millisecond before the boundary").isEqualTo(50);
        clock.advance(Duration.ofMillis(1));
        assertThat(balance(tokens, member)).as("at the boundary").isZero();
        assertThat(till.post("/api/members/points/redemptions", Redemption.of(member, 100).inStore("9").reference("9-7-4").onAnOrderOf("1000.00").at(clock.instant()).body()).status()).isEqualTo(409);

        ledger.expire(member);
        ledger.expire(member);
        assertThat(jdbc.sql("SELECT COUNT(*) FROM points_entry WHERE member_id = :m AND kind = 'EXPIRE'").param("m", member)
                .query(Long.class).single()).as("each lot expires once").isEqualTo(1L);
        assertBalanceIsTheSumOfTheLedger(member);
    }

    @Test
    void aReturnInAStoreOfAnOnlineOrderReversesProRataAndGivesBackRedeemedPoints(Tokens tokens) {
        String member = enrolAtTill(tokens, "12", "13811150001");
        Instant at = clock.instant();
        Api shop = api.as(tokens.shopBackend());
        api.as(tokens.hqAdmin()).post("/api/members/" + member + "/points/adjustments",
                Map.of("points", 100, "reason", "welcome gift", "reference", "welcome-" + member));
        assertThat(shop.post("/api/members/points/redemptions", Redemption.of(member, 100).online().reference("SO-77").onAnOrderOf("1000.00").at(at).body()).status()).isEqualTo(201);
        assertThat(shop.post("/api/members/points/earns", Sale.of(member).online().reference("SO-77").amount("199.00").at(at).body()).status()).isEqualTo(201);
        assertThat(balance(tokens, member)).isEqualTo(199);

        Map<String, Object> firstHalf = Map.of("purchase", Map.of("channel", "ONLINE", "reference", "SO-77"), "returnReference", "RMA-1",
                "channel", "STORE", "storeId", "12", "returnedAmount", "99.50", "currency", "CNY", "occurredAt", at.toString());
        Api till = api.as(tokens.pos("12"));
        Api.Response returned = till.post("/api/members/points/reversals", firstHalf);
        assertThat(returned.status()).as(returned.toString()).isEqualTo(201);
        assertThat(returned.json().path("reversedEarn").path("points").asLong()).isEqualTo(-99);
        assertThat(returned.json().path("returnedRedemption").path("points").asLong()).isEqualTo(50);
        assertThat(till.post("/api/members/points/reversals", firstHalf).status()).as("a replayed return").isEqualTo(200);
        assertThat(balance(tokens, member)).isEqualTo(199 - 99 + 50);

        Map<String, Object> rest = new HashMap<>(firstHalf);
        rest.put("returnReference", "RMA-2");
        JsonNode second = till.post("/api/members/points/reversals", rest).json();
        assertThat(second.path("reversedEarn").path("points").asLong()).as("199 in all, not 99 twice").isEqualTo(-100);
        assertThat(second.path("returnedRedemption").path("points").asLong()).isEqualTo(50);
        assertThat(balance(tokens, member)).isEqualTo(100);

        Map<String, Object> tooMuch = new HashMap<>(firstHalf);
        tooMuch.put("returnReference", "RMA-3");
        tooMuch.put("returnedAmount", "0.01");
        assertThat(till.post("/api/members/points/reversals", tooMuch).status()).isEqualTo(409);
        assertBalanceIsTheSumOfTheLedger(member);
    }

    @Test
    void reversingPointsAlreadySpentLeavesADebtTheNextEarnPaysFirst(Tokens tokens) {
        String member = enrolAtTill(tokens, "9", "13811160001");
        Instant at = clock.instant();
        Api till = api.as(tokens.pos("9"));
        till.post("/api/members/points/earns", Sale.of(member).inStore("9").reference("9-8-1").amount("300.00").at(at).body());
        till.post("/api/members/points/redemptions", Redemption.of(member, 300).inStore("9").reference("9-8-2").onAnOrderOf("1000.00").at(at).body());
        till.post("/api/members/points/reversals", Map.of("purchase", Map.of("channel", "STORE", "storeId", "9", "reference", "9-8-1"),
                "returnReference", "R-1", "channel", "STORE", "storeId", "9", "returnedAmount", "300.00", "currency", "CNY",
                "occurredAt", at.toString()));
        assertThat(balance(tokens, member)).as("stated policy: a return may leave the member owing points").isEqualTo(-300);
        assertBalanceIsTheSumOfTheLedger(member);
        till.post("/api/members/points/earns", Sale.of(member).inStore("9").reference("9-8-3").amount("500.00").at(at).body());
        assertThat(balance(tokens, member)).isEqualTo(200);
        assertBalanceIsTheSumOfTheLedger(member);
    }

    @Test
    void eachCallerPostsOnlyWhatItsRoleAndStoreAllow(Tokens tokens) {
        String member = enrolAtTill(tokens, "9", "13811170001");
        Instant at = clock.instant();
        assertThat(api.as(tokens.pos("9")).post("/api/members/points/earns", Sale.of(member).inStore("12").reference("12-1-1").amount("10.00").at(at).body()).status()).isEqualTo(403);
        assertThat(api.as(tokens.customer("bob")).post("/api/members/points/earns", Sale.of(member).online().reference("SO-9").amount("10.00").at(at).body()).status()).isEqualTo(403);
        assertThat(api.as(tokens.shopBackend()).post("/api/members/points/earns", Sale.of(member).inStore("9").reference("9-1-1").amount("10.00").at(at).body()).status()).isEqualTo(403);
        assertThat(api.as(tokens.customer("bob")).post("/api/members/points/redemptions", Redemption.of(member, 100).online().reference("SO-9").onAnOrderOf("1000.00").at(at).body()).status())
                .isIn(403, 404);
        assertThat(api.as(tokens.hqAnalyst()).post("/api/members/" + member + "/points/adjustments",
                Map.of("points", 10, "reason", "x", "reference", "analyst-1")).status()).isEqualTo(403);
        assertThat(api.as(tokens.customer("bob")).get("/api/members/" + member + "/points").status()).isEqualTo(404);
        assertThat(api.as(tokens.pos("9")).get("/api/members/" + member + "/points/entries").status()).isEqualTo(403);
        Api.Response badAmount = api.as(tokens.pos("9")).post("/api/members/points/earns", Sale.of(member).inStore("9").reference("9-1-2").amount("-5.00").at(at).body());
        assertThat(badAmount.status()).isEqualTo(400);
        assertThat(badAmount.json().path("errors").get(0).path("field").asString()).isEqualTo("lines[0].amount");
    }

    @Test
    void mergeThenUnmergeKeepsEachSidesExactBalance(Tokens tokens) {
        String survivor = enrolAtTill(tokens, "9", "13811180001");
        String merged = enrolAtTill(tokens, "12", "13811180002");
        Instant at = clock.instant();
        api.as(tokens.pos("9")).post("/api/members/points/earns", Sale.of(survivor).inStore("9").reference("9-9-1").amount("300.00").at(at).body());
        api.as(tokens.pos("12")).post("/api/members/points/earns", Sale.of(merged).inStore("12").reference("12-9-1").amount("500.00").at(at).body());
        Api hq = api.as(tokens.hqAdmin());
        long mergeId = hq.post("/api/members/" + survivor + "/merges", Map.of("mergedMemberId", merged, "reason", "same person"))
                .json().path("id").asLong();
        assertThat(balance(tokens, survivor)).isEqualTo(800);
        assertThat(balance(tokens, merged)).as("the old id resolves to the survivor").isEqualTo(800);

        // While merged: the survivor spends 600 (more than its own 300), and a till earns 200 through the old id.
        api.as(tokens.pos("9")).post("/api/members/points/redemptions", Redemption.of(survivor, 600).inStore("9").reference("9-9-2").onAnOrderOf("1000.00").at(at).body());
        api.as(tokens.pos("12")).post("/api/members/points/earns", Sale.of(merged).inStore("12").reference("12-9-2").amount("200.00").at(at).body());
        assertThat(balance(tokens, survivor)).isEqualTo(400);

        Api.Response unmerged = hq.post("/api/members/merges/" + mergeId + "/unmerge", Map.of("reason", "two people"));
        assertThat(unmerged.status()).as(unmerged.toString()).isEqualTo(200);
        assertThat(balance(tokens, survivor)).as("300 earned - 600 spent").isEqualTo(-300);
        assertThat(balance(tokens, merged)).as("500 + 200 earned through its old id").isEqualTo(700);
        assertBalanceIsTheSumOfTheLedger(survivor);
        assertBalanceIsTheSumOfTheLedger(merged);
    }
}
