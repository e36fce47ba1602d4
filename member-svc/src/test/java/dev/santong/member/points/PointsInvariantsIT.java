package dev.santong.member.points;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

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

/** No point lost or counted twice: not by a merge racing writes, not by debt, not by any sequence of operations. */
@StackTest
@Import(MutableClockConfiguration.class)
class PointsInvariantsIT {

    private static final AtomicInteger PHONES = new AtomicInteger();

    private final AtomicInteger debtsSeen = new AtomicInteger();

    @Autowired
    Api api;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    MutableClock clock;

    @Autowired
    PointsLedger ledger;

    private String enrol(Tokens tokens) {
        String phone = "1371" + String.format("%07d", (System.nanoTime() / 1000 + PHONES.incrementAndGet()) % 10_000_000);
        return Enrolment.atStore("9").phone(phone).enrolledBy(api.as(tokens.pos("9")));
    }

    private Api.Response earn(Tokens tokens, String member, String reference, String amount) {
        return api.as(tokens.pos("9")).post("/api/members/points/earns",
                Sale.of(member).inStore("9").reference(reference).amount(amount).at(clock.instant()).body());
    }

    private Api.Response redeem(Tokens tokens, String member, String reference, long points) {
        return api.as(tokens.pos("9")).post("/api/members/points/redemptions",
                Redemption.of(member, points).inStore("9").reference(reference).onAnOrderOf("100000.00").at(clock.instant()).body());
    }

    private Api.Response reverse(Tokens tokens, String purchase, String returnReference, String amount) {
        return api.as(tokens.pos("9")).post("/api/members/points/reversals",
                Return.ofStorePurchase("9", purchase).reference(returnReference).amount(amount).at(clock.instant()).body());
    }

    /** balance = Σ ledger, and the unexpired lots' remainders less what the member owes are the balance. */
    private void assertBalanced(String member, String after) {
        ledger.expire(member);
        long balance = ledger.balanceOf(member);
        assertThat(balance).as("%s: cached balance of %s is the ledger's sum", after, member).isEqualTo(ledger.sumOfEntries(member));
        long lots = jdbc.sql("SELECT COALESCE(SUM(points_remaining), 0) FROM points_lot WHERE member_id = :m AND expires_at > :now")
                .param("m", member).param("now", dev.santong.platform.kit.persistence.SqlTime.of(clock.instant())).query(Long.class).single();
        long debt = Math.max(0, -balance);
        if (debt > 0) {
            debtsSeen.incrementAndGet();
        }
        assertThat(lots - debt).as("%s: lots %d less debt %d of %s", after, lots, debt, member).isEqualTo(balance);
    }

    private String live(String member) {
        String current = member;
        for (String next; (next = jdbc.sql("SELECT merged_into FROM member WHERE id = :m").param("m", current).query(String.class).optional()
                .orElse(null)) != null; ) {
            current = next;
        }
        return current;
    }

    // ------------------------------------------------------------------ 6. no write lands on a merged member

    @Test
    void fiftyEarnsRacingAMergeAllLandOnTheSurvivor(Tokens tokens) throws Exception {
        String survivor = enrol(tokens);
        String merged = enrol(tokens);
        assertThat(earn(tokens, survivor, "9-MR-S", "100.00").status()).isEqualTo(201);
        assertThat(earn(tokens, merged, "9-MR-M", "200.00").status()).isEqualTo(201);
        Map<String, Integer> statuses = new ConcurrentHashMap<>();
        List<Callable<Void>> calls = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
            String reference = "9-MR-" + i;
            calls.add(() -> {
                statuses.put(reference, earn(tokens, merged, reference, "10.00").status());
                return null;
            });
        }
        calls.add(25, () -> {
            Api.Response done = api.as(tokens.hqAdmin()).post("/api/members/" + survivor + "/merges", Map.of("mergedMemberId", merged,
                    "reason", "same person"));
            assertThat(done.status()).as(done.toString()).isEqualTo(201);
            return null;
        });
        try (ExecutorService pool = Executors.newFixedThreadPool(16)) {
            for (Future<Void> call : pool.invokeAll(calls)) {
                call.get();
            }
        }
        List<String> accepted = statuses.entrySet().stream().filter(e -> e.getValue() == 201).map(Map.Entry::getKey).toList();
        assertThat(accepted).as(statuses.toString()).hasSize(50);
        List<String> onTheMergedSide = jdbc.sql("SELECT reference FROM points_entry WHERE member_id = :m").param("m", merged)
                .query(String.class).list();
        assertThat(onTheMergedSide).as("entries left on the member merged away").isEmpty();
        assertThat(jdbc.sql("SELECT COUNT(*) FROM points_entry WHERE member_id = :m AND reference IN (:refs)").param("m", survivor)
                .param("refs", accepted).query(Long.class).single()).isEqualTo(50L);
        assertThat(ledger.balanceOf(survivor)).isEqualTo(100 + 200 + 50 * 10);
        assertThat(ledger.balanceOf(merged)).isZero();
        assertBalanced(survivor, "the merge");
    }

    // ------------------------------------------------------------------ 7. debt is paid by every lot

    @Test
    void pointsGivenBackWhileTheMemberOwesPayTheDebtFirstSoExpiryCannotChargeItTwice(Tokens tokens) {
        String member = enrol(tokens);
        assertThat(earn(tokens, member, "9-DB-1", "1000.00").status()).isEqualTo(201);
        assertThat(earn(tokens, member, "9-DB-2", "500.00").status()).isEqualTo(201);
        assertThat(redeem(tokens, member, "9-DB-2", 1500).status()).isEqualTo(201);
        assertThat(reverse(tokens, "9-DB-1", "RT-1", "1000.00").status()).isEqualTo(201);
        assertThat(ledger.balanceOf(member)).as("1,000 reversed after they were spent").isEqualTo(-1000);
        Api.Response returned = reverse(tokens, "9-DB-2", "RT-2", "500.00");
        assertThat(returned.status()).as(returned.toString()).isEqualTo(201);
        assertThat(returned.json().path("returnedRedemption").path("points").asLong()).isEqualTo(1500);
        assertThat(ledger.balanceOf(member)).isZero();
        assertBalanced(member, "the give-back");

        clock.advance(Duration.ofDays(400));
        assertBalanced(member, "every lot's expiry");
        assertThat(ledger.balanceOf(member)).as("the debt was paid once, not charged again by expiry").isZero();
    }

    // ------------------------------------------------------------------ 8. a shopper redeems against an order the shop vouched for

    @Test
    void aShopperRedeemsOnlyAgainstTheirOwnVouchedOrderAndItsAmountBoundsTheShare(Tokens tokens) {
        Api carol = api.as(tokens.customer("carol"));
        String member = carol.post("/api/members", Map.of("channel", "ONLINE")).json().path("member").path("id").asString();
        Api shop = api.as(tokens.shopBackend());
        assertThat(api.as(tokens.hqAdmin()).post("/api/members/" + member + "/points/adjustments",
                Map.of("points", 20_000, "reason", "goodwill", "reference", "gift-" + member)).status()).isEqualTo(201);
        Map<String, Object> spend = new HashMap<>(Map.of("memberId", member, "channel", "ONLINE", "reference", "SO-90001", "points", 200,
                "orderAmount", "100000.00", "currency", "CNY", "occurredAt", clock.instant().toString()));

        // SO-90001 is the next order number, someone else's checkout: carol cannot take its key before it exists.
        Api.Response squatted = carol.post("/api/members/points/redemptions", spend);
        assertThat(squatted.status()).as(squatted.toString()).isEqualTo(404);
        String bobs = api.as(tokens.customer("bob")).post("/api/members", Map.of("channel", "ONLINE")).json().path("member").path("id").asString();
        assertThat(shop.put("/api/members/points/online-orders/SO-90001", Map.of("memberId", bobs, "amount", "100.00", "currency", "CNY"))
                .status()).isEqualTo(201);
        assertThat(carol.post("/api/members/points/redemptions", spend).status()).as("bob's order").isEqualTo(404);
        assertThat(ledger.balanceOf(member)).isEqualTo(20_000);

        // Her own order of 100.00: half may be paid with points (5,000 points), whatever amount she declares.
        Api.Response vouched = shop.put("/api/members/points/online-orders/SO-90002", Map.of("memberId", member, "amount", "100.00", "currency", "CNY"));
        assertThat(vouched.status()).as(vouched.toString()).isEqualTo(201);
        assertThat(shop.put("/api/members/points/online-orders/SO-90002", Map.of("memberId", member, "amount", "100.00", "currency", "CNY"))
                .status()).as("vouched again the same").isEqualTo(200);
        assertThat(shop.put("/api/members/points/online-orders/SO-90002", Map.of("memberId", member, "amount", "9000.00", "currency", "CNY"))
                .status()).as("an order is fixed at checkout").isEqualTo(409);
        spend.put("reference", "SO-90002");
        spend.put("points", 6_000);
        Api.Response tooMuch = carol.post("/api/members/points/redemptions", spend);
        assertThat(tooMuch.status()).as(tooMuch.toString()).isEqualTo(400);
        assertThat(tooMuch.json().path("errors").get(0).path("field").asString()).isEqualTo("points");
        spend.put("points", 5_000);
        assertThat(carol.post("/api/members/points/redemptions", spend).status()).isEqualTo(201);
        assertThat(ledger.balanceOf(member)).isEqualTo(15_000);
        assertThat(api.as(tokens.customer("carol")).put("/api/members/points/online-orders/SO-90003", Map.of("memberId", member, "amount",
                "1.00", "currency", "CNY")).status()).as("a shopper cannot vouch for herself").isEqualTo(403);
    }

    /**
     * Random sequences of earn, redeem, reverse, expire, merge and unmerge over three members: after every step every
     * member's books balance. Seeded; {@code -Dsantong.test.seed} replays one.
     */
    @Test
    void anySequenceOfLedgerOperationsKeepsEveryMembersBooksBalanced(Tokens tokens) {
        long seed = Long.getLong("santong.test.seed", System.nanoTime() % 1_000_000);
        Random random = new Random(seed);
        Api hq = api.as(tokens.hqAdmin());
        for (int sequence = 0; sequence < 8; sequence++) {
            List<String> members = List.of(enrol(tokens), enrol(tokens), enrol(tokens));
            Map<String, String> purchases = new HashMap<>();
            List<Long> merges = new ArrayList<>();
            List<String> trail = new ArrayList<>();
            for (int step = 0; step < 25; step++) {
                String member = members.get(random.nextInt(3));
                String reference = "9-P" + seed + "-" + sequence + "-" + step;
                String what;
                switch (random.nextInt(8)) {
                    case 7 -> {
                        // Spend everything, then return the purchase that earned it: the member owes its points.
                        what = "spend-then-return";
                        if (earn(tokens, member, reference, (100 + random.nextInt(900)) + ".00").status() == 201) {
                            redeem(tokens, member, reference + "-order", Math.max(100, ledger.balanceOf(live(member))));
                            reverse(tokens, reference, "RT-" + reference, "100.00");
                        }
                    }
                    case 0, 1 -> {
                        what = "earn";
                        String amount = (50 + random.nextInt(950)) + ".00";
                        if (earn(tokens, member, reference, amount).status() == 201) {
                            purchases.put(reference, amount);
                        }
                    }
                    case 2 -> {
                        what = "redeem";
                        // Often everything the member has: a later return of what earned it then leaves a debt.
                        long points = random.nextBoolean() ? Math.max(100, ledger.balanceOf(live(member))) : 100 + random.nextInt(900);
                        redeem(tokens, member, purchases.isEmpty() || random.nextBoolean() ? reference
                                : List.copyOf(purchases.keySet()).get(random.nextInt(purchases.size())), points);
                    }
                    case 3 -> {
                        what = "reverse";
                        if (!purchases.isEmpty()) {
                            String purchase = List.copyOf(purchases.keySet()).get(random.nextInt(purchases.size()));
                            reverse(tokens, purchase, "RT-" + reference, random.nextBoolean() ? purchases.get(purchase) : (1 + random.nextInt(300)) + ".00");
                        }
                    }
                    case 4 -> {
                        what = "expire";
                        clock.advance(Duration.ofDays(random.nextInt(200)));
                    }
                    case 5 -> {
                        what = "merge";
                        String other = members.get(random.nextInt(3));
                        Api.Response merged = hq.post("/api/members/" + member + "/merges", Map.of("mergedMemberId", other, "reason", "same"));
                        if (merged.status() == 201) {
                            merges.add(merged.json().path("id").asLong());
                        }
                    }
                    default -> {
                        what = "unmerge";
                        if (!merges.isEmpty()) {
                            long mergeId = merges.get(random.nextInt(merges.size()));
                            if (hq.post("/api/members/merges/" + mergeId + "/unmerge", Map.of("reason", "two people")).status() == 200) {
                                merges.remove(Long.valueOf(mergeId));
                            }
                        }
                    }
                }
                trail.add(what + " " + member.substring(30) + " -> " + members.stream().map(m -> m.substring(30) + ":" + ledger.balanceOf(m)).toList());
                String where = "seed " + seed + " sequence " + sequence + " step " + step + " (" + what + ") after " + trail;
                for (String each : Set.copyOf(members)) {
                    try {
                        assertBalanced(each, where);
                    } catch (RuntimeException failed) {
                        throw new AssertionError(where, failed);
                    }
                }
            }
        }
        assertThat(debtsSeen.get()).as("seed %d: the sequences reached members who owe points", seed).isPositive();
    }
}
