package dev.santong.channelsync.apply;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

import dev.santong.platform.testkit.Api;
import dev.santong.platform.testkit.StackTest;
import dev.santong.platform.testkit.Tokens;
import tools.jackson.databind.JsonNode;

/**
 * A store offline for three days comes back: 2,000 transactions from three tills in shuffled batches of mixed sizes,
 * 10% of them sent twice, one batch resent whole, two uploads at a time, and goods-svc going down half-way. Every
 * sale must be applied exactly once: stock and points end exact.
 */
@StackTest
class OfflineStoreApplyIT extends WithRemoteServices {

    private static final String STORE = "9";
    @Autowired
    Api api;

    @Autowired
    JdbcClient jdbc;

    record Sku(String code, String gtin, BigDecimal price) {
    }

    record Line(Sku sku, int quantity, boolean byGtin) {

        BigDecimal amount() {
            return sku.price().multiply(BigDecimal.valueOf(quantity));
        }
    }

    record Sale(String workstation, LocalDate day, long sequence, String card, List<Line> lines) {

        long points() {
            return lines.stream().map(Line::amount).reduce(BigDecimal.ZERO, BigDecimal::add).setScale(0, RoundingMode.FLOOR).longValueExact();
        }
    }

    @Test
    void threeDaysOfflineComeBackAppliedExactlyOnceAlthoughGoodsWentDownOnTheWay(Tokens tokens) throws Exception {
        Random random = new Random(20261124);
        Api hqGoods = Api.at(remotes.goods.url()).as(tokens.hqAdmin());
        Api hqMembers = Api.at(remotes.members.url()).as(tokens.hqAdmin());
        Api till = api.as(tokens.pos(STORE));

        assertThat(hqGoods.put("/api/goods/locations/" + STORE, Map.of("name", "Store 9", "kind", "STORE", "pickupEnabled", true,
                "onlineBuffer", 0)).status()).isEqualTo(200);
        List<Sku> skus = new ArrayList<>();
        Map<String, Long> expectedStock = new HashMap<>();
        for (int i = 0; i < 8; i++) {
            Sku sku = new Sku("OFF-SKU-" + i, gtin13("69" + String.format("%010d", 4_400_000 + i)), new BigDecimal("19.90").add(BigDecimal.TEN.multiply(BigDecimal.valueOf(i))));
            assertThat(hqGoods.post("/api/goods/skus", Map.of("code", sku.code(), "name", "Shirt " + i, "warrantyMonths", 0,
                    "gtins", List.of(sku.gtin()))).status()).isEqualTo(201);
            assertThat(hqGoods.post("/api/goods/stock/movements", Map.of("sku", sku.code(), "location", STORE, "cause", "RECEIPT",
                    "quantity", 10_000, "businessTime", "2026-11-01T00:00:00Z", "reference", "opening-" + i)).status()).isEqualTo(201);
            skus.add(sku);
            expectedStock.put(sku.code(), 10_000L);
        }
        List<String> cards = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            String card = "CARD-9-" + i;
            assertThat(hqMembers.post("/api/members", Map.of("channel", "HQ_IMPORT", "loyaltyCardNumber", card, "displayName", "Member " + i))
                    .status()).isEqualTo(201);
            cards.add(card);
        }

        // Three days, three tills; the store enrols five members offline on till 1 and they buy on that till later.
        List<String> transactions = new ArrayList<>();
        List<Sale> sales = new ArrayList<>();
        Map<String, Long> expectedPoints = new HashMap<>();
        List<Sale> returned = new ArrayList<>();
        int offlineEnrolled = 0;
        List<LocalDate> days = List.of(LocalDate.parse("2026-11-17"), LocalDate.parse("2026-11-18"), LocalDate.parse("2026-11-19"));
        int made = 0;
        for (LocalDate day : days) {
            for (String workstation : List.of("1", "2", "3")) {
                long sequence = 1000;
                int count = day.equals(days.get(2)) && workstation.equals("3") ? 2000 - made : 222;
                for (int n = 0; n < count; n++, made++) {
                    sequence++;
                    Instant at = day.atStartOfDay().toInstant(java.time.ZoneOffset.UTC).plusSeconds(7200 + n * 60L);
                    List<Sale> returnable = sales.stream().filter(sale -> sale.day().isBefore(day) && !returned.contains(sale)).toList();
                    if (workstation.equals("1") && day.equals(days.get(0)) && n % 20 == 0 && offlineEnrolled < 5) {
                        String card = "OFFLINE-9-" + offlineEnrolled++;
                        transactions.add(tx(workstation, day, sequence, "MEMBER_ENROLMENT", at,
                                "{\"enrolment\":{\"loyaltyCardNumber\":\"" + card + "\",\"displayName\":\"Walk-in " + offlineEnrolled + "\"}}"));
                        cards.add(card);
                    } else if (!returnable.isEmpty() && random.nextInt(100) < 8) {
                        Sale original = returnable.get(random.nextInt(returnable.size()));
                        returned.add(original);
                        transactions.add(tx(workstation, day, sequence, "RETURN", at, returnPayload(original)));
                        original.lines().forEach(line -> expectedStock.merge(line.sku().code(), (long) line.quantity(), Long::sum));
                        if (original.card() != null) {
                            expectedPoints.merge(original.card(), -original.points(), Long::sum);
                        }
                    } else {
                        List<String> usable = cards.stream().filter(card -> !card.startsWith("OFFLINE") || workstation.equals("1")).toList();
                        String card = random.nextInt(100) < 65 ? usable.get(random.nextInt(usable.size())) : null;
                        List<Line> lines = new ArrayList<>();
                        for (int l = 0, lineCount = 1 + random.nextInt(3); l < lineCount; l++) {
                            lines.add(new Line(skus.get(random.nextInt(skus.size())), 1 + random.nextInt(3), random.nextBoolean()));
                        }
                        Sale sale = new Sale(workstation, day, sequence, card, lines);
                        sales.add(sale);
                        transactions.add(tx(workstation, day, sequence, "SALE", at, salePayload(sale)));
                        lines.forEach(line -> expectedStock.merge(line.sku().code(), (long) -line.quantity(), Long::sum));
                        if (card != null) {
                            expectedPoints.merge(card, sale.points(), Long::sum);
                        }
                    }
                }
            }
        }
        assertThat(transactions).hasSize(2000);

        // 10% sent twice, everything shuffled, cut into batches of 20 to 150.
        List<String> sent = new ArrayList<>(transactions);
        for (int i = 0; i < 200; i++) {
            sent.add(transactions.get(random.nextInt(transactions.size())));
        }
        Collections.shuffle(sent, random);
        List<String> batches = new ArrayList<>();
        for (int from = 0; from < sent.size(); ) {
            int to = Math.min(sent.size(), from + 20 + random.nextInt(131));
            batches.add("{\"batchId\":\"offline-" + batches.size() + "\",\"transactions\":[" + String.join(",", sent.subList(from, to)) + "]}");
            from = to;
        }
        batches.add(batches.get(3));

        ExecutorService uploaders = Executors.newFixedThreadPool(2);
        List<Future<Integer>> firstHalf = new ArrayList<>();
        int half = batches.size() / 2;
        for (String batch : batches.subList(0, half)) {
            firstHalf.add(uploaders.submit(() -> till.post("/api/sync/stores/" + STORE + "/batches", batch).status()));
        }
        for (Future<Integer> upload : firstHalf) {
            assertThat(upload.get()).isEqualTo(202);
        }
        remotes.goods.stop();
        List<Future<Integer>> secondHalf = new ArrayList<>();
        for (String batch : batches.subList(half, batches.size())) {
            secondHalf.add(uploaders.submit(() -> till.post("/api/sync/stores/" + STORE + "/batches", batch).status()));
        }
        for (Future<Integer> upload : secondHalf) {
            assertThat(upload.get()).isEqualTo(202);
        }
        uploaders.shutdown();
        // While goods-svc is down its work waits (and is retried), member work goes on.
        await(Duration.ofSeconds(60), () -> count("SELECT COUNT(*) FROM apply_work WHERE target = 'GOODS' AND status = 'PENDING' AND attempts > 0") > 0);
        long goodsDoneWhileDown = count("SELECT COUNT(*) FROM apply_work WHERE target = 'GOODS' AND status = 'DONE'");
        assertThat(count("SELECT COUNT(*) FROM apply_work WHERE target = 'GOODS' AND status = 'QUARANTINED'")).isZero();
        remotes.goods.startAgain();

        await(Duration.ofMinutes(8), () -> count("SELECT COUNT(*) FROM pos_transaction WHERE store_id = '9' AND apply_status <> 'APPLIED'") == 0);

        assertThat(count("SELECT COUNT(*) FROM pos_transaction WHERE store_id = '9'")).isEqualTo(2000);
        assertThat(count("SELECT COALESCE(SUM(new_count), 0) FROM pos_batch WHERE store_id = '9'")).isEqualTo(2000);
        assertThat(count("SELECT COUNT(*) FROM pos_transaction_conflict")).isZero();
        assertThat(count("SELECT COUNT(*) FROM apply_work WHERE status <> 'DONE'")).isZero();
        assertThat(goodsDoneWhileDown).isLessThan(count("SELECT COUNT(*) FROM apply_work WHERE target = 'GOODS'"));
        // A till's run of receipts goes to goods-svc in one call, not a call per receipt.
        assertThat(count("SELECT COUNT(*) FROM apply_work WHERE target = 'GOODS' AND outcome LIKE '%in a batch of%'"))
                .isGreaterThan(count("SELECT COUNT(*) FROM apply_work WHERE target = 'GOODS'") / 2);
        for (Sku sku : skus) {
            JsonNode levels = hqGoods.get("/api/goods/stock/" + sku.code()).json();
            long onHand = 0;
            for (JsonNode level : levels) {
                if (STORE.equals(level.path("location").asString())) {
                    onHand = level.path("onHand").asLong();
                }
            }
            assertThat(onHand).as("on hand of %s", sku.code()).isEqualTo(expectedStock.get(sku.code()));
        }
        for (String card : cards) {
            JsonNode member = hqMembers.get("/api/members/lookup?card=" + card).json();
            long balance = hqMembers.get("/api/members/" + member.path("memberId").asString() + "/points").json().path("balance").asLong();
            assertThat(balance).as("balance of %s", card).isEqualTo(expectedPoints.getOrDefault(card, 0L));
        }
    }

    private long count(String sql) {
        return jdbc.sql(sql).query(Long.class).single();
    }

    private static String tx(String workstation, LocalDate day, long sequence, String type, Instant at, String payload) {
        return """
                {"workstationId":"%s","businessDay":"%s","sequenceNumber":%d,"type":"%s","businessTime":"%s","payload":%s}"""
                .formatted(workstation, day, sequence, type, at, payload);
    }

    private static String salePayload(Sale sale) {
        StringBuilder lines = new StringBuilder();
        for (int i = 0; i < sale.lines().size(); i++) {
            Line line = sale.lines().get(i);
            lines.append(i == 0 ? "" : ",").append("{\"").append(line.byGtin() ? "gtin" : "sku").append("\":\"")
                    .append(line.byGtin() ? line.sku().gtin() : line.sku().code()).append("\",\"quantity\":").append(line.quantity())
                    .append(",\"amount\":\"").append(line.amount().toPlainString()).append("\"}");
        }
        return "{\"currency\":\"CNY\"," + (sale.card() == null ? "" : "\"member\":{\"card\":\"" + sale.card() + "\"},")
                + "\"lines\":[" + lines + "]}";
    }

    private static String returnPayload(Sale original) {
        StringBuilder lines = new StringBuilder();
        for (int i = 0; i < original.lines().size(); i++) {
            Line line = original.lines().get(i);
            lines.append(i == 0 ? "" : ",").append("{\"sku\":\"").append(line.sku().code()).append("\",\"kind\":\"RETURN\",\"quantity\":")
                    .append(line.quantity()).append(",\"amount\":\"").append(line.amount().toPlainString()).append("\"}");
        }
        return "{\"currency\":\"CNY\",\"originalReceipt\":{\"storeId\":\"9\",\"workstationId\":\"" + original.workstation()
                + "\",\"businessDay\":\"" + original.day() + "\",\"sequenceNumber\":" + original.sequence() + "},\"lines\":[" + lines + "]}";
    }
}
