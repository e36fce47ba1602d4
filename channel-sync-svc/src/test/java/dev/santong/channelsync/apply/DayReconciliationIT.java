package dev.santong.channelsync.apply;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import dev.santong.platform.testkit.Api;
import dev.santong.platform.testkit.StackTest;
import dev.santong.platform.testkit.Tokens;
import tools.jackson.databind.JsonNode;

/**
 * A store's day reconciled against its close: one transaction withheld turns the day red and is named; when it
 * arrives and is applied the day turns green. A line goods-svc keeps refusing is quarantined for HQ and replayed
 * after the catalogue is fixed. The store's monitoring figures follow.
 */
@StackTest
class DayReconciliationIT extends WithRemoteServices {

    @Autowired
    Api api;

    private Api sync(String token) {
        return api.as(token);
    }

    private static String sale(String workstation, String day, long sequence, String card, String sku, int quantity, String amount,
            String tender) {
        return """
                {"workstationId":"%s","businessDay":"%s","sequenceNumber":%d,"type":"SALE","businessTime":"%sT03:%02d:00Z",
                 "payload":{"currency":"CNY",%s"lines":[{"sku":"%s","quantity":%d,"amount":"%s"}],"tenders":[{"type":"%s","amount":"%s"}]}}"""
                .formatted(workstation, day, sequence, day, sequence % 60, card == null ? "" : "\"member\":{\"card\":\"" + card + "\"},", sku,
                        quantity, amount, tender, amount);
    }

    @Test
    void aWithheldTransactionIsNamedAndTheDayTurnsGreenOnceItArrives(Tokens tokens) throws Exception {
        Api hqGoods = Api.at(remotes.goods.url()).as(tokens.hqAdmin());
        Api hqMembers = Api.at(remotes.members.url()).as(tokens.hqAdmin());
        hqGoods.put("/api/goods/locations/12", Map.of("name", "Store 12", "kind", "STORE", "pickupEnabled", false, "onlineBuffer", 0));
        for (String sku : List.of("REC-A", "REC-B")) {
            assertThat(hqGoods.post("/api/goods/skus", Map.of("code", sku, "name", sku, "warrantyMonths", 0)).status()).isEqualTo(201);
        }
        hqMembers.post("/api/members", Map.of("channel", "HQ_IMPORT", "loyaltyCardNumber", "REC-CARD-1"));
        String day = "2026-11-20";
        List<String> sales = new ArrayList<>();
        for (long sequence = 1041; sequence <= 1050; sequence++) {
            sales.add(sale("3", day, sequence, sequence % 2 == 0 ? "REC-CARD-1" : null, sequence % 3 == 0 ? "REC-B" : "REC-A", 2, "50.00",
                    sequence % 2 == 0 ? "CARD" : "CASH"));
        }
        String withheld = sales.remove(2);
        Api till = sync(tokens.pos("12"));
        assertThat(till.post("/api/sync/stores/12/batches", "{\"batchId\":\"day-1\",\"transactions\":[" + String.join(",", sales) + "]}")
                .status()).isEqualTo(202);
        // The POS's close: ten sales of 50.00 (two units each), 12 × REC-A and 8 × REC-B, 250 points for the member's five.
        Map<String, Object> close = Map.of("currency", "CNY", "transactionCount", 10, "gross", "500.00", "returns", "0.00",
                "tenders", Map.of("CASH", "250.00", "CARD", "250.00"), "itemsSold", Map.of("REC-A", 12, "REC-B", 8), "pointsEarned", 250,
                "workstations", List.of(Map.of("workstationId", "3", "firstSequence", 1041, "lastSequence", 1050)));
        Api.Response closed = till.put("/api/sync/stores/12/days/" + day + "/close", close);
        assertThat(closed.status()).as(closed.toString()).isEqualTo(201);
        assertThat(till.put("/api/sync/stores/12/days/" + day + "/close", close).json().path("replayed").asBoolean()).isTrue();

        await(Duration.ofSeconds(60), () -> {
            JsonNode report = report(tokens);
            return report.path("pending").asLong() == 0 && report.path("applied").asLong() == 9;
        });
        JsonNode red = report(tokens);
        assertThat(red.path("status").asString()).as(red.toString()).isEqualTo("RED");
        assertThat(red.path("missing").get(0).asString()).isEqualTo("store 12, till 3, day 2026-11-20: 1043 missing");
        assertThat(check(red, "transactions").path("status").asString()).isEqualTo("MISMATCH");
        assertThat(check(red, "gross").path("santong").asString()).isEqualTo("450.00");
        assertThat(check(red, "items sold").path("evidence").toString()).contains("REC-A: declared 12, received 10");
        assertThat(check(red, "stock").path("status").asString()).isEqualTo("MATCHED");
        JsonNode overview = sync(tokens.hqAnalyst()).get("/api/sync/reconciliation?day=" + day).json();
        assertThat(overview.toString()).contains("\"storeId\":\"12\"").contains("\"status\":\"RED\"");

        assertThat(till.post("/api/sync/stores/12/batches", "{\"batchId\":\"day-1-late\",\"transactions\":[" + withheld + "]}").status())
                .isEqualTo(202);
        await(Duration.ofSeconds(60), () -> "GREEN".equals(report(tokens).path("status").asString()));
        JsonNode green = report(tokens);
        assertThat(green.path("missing").size()).isZero();
        assertThat(check(green, "points earned").path("santong").asString()).isEqualTo("250");
        assertThat(check(green, "stock").path("status").asString()).isEqualTo("MATCHED");

        JsonNode health = till.get("/api/sync/stores/12/health").json();
        assertThat(health.path("lastUploadAt").isNull()).isFalse();
        assertThat(health.path("pendingWork").asLong()).isZero();
        assertThat(health.path("lastClosedDay").asString()).isEqualTo(day);
    }

    @Test
    void aLineGoodsKeepsRefusingIsQuarantinedForHqAndReplayedAfterTheFix(Tokens tokens) throws Exception {
        Api hqGoods = Api.at(remotes.goods.url()).as(tokens.hqAdmin());
        hqGoods.put("/api/goods/locations/15", Map.of("name", "Store 15", "kind", "STORE", "pickupEnabled", false, "onlineBuffer", 0));
        String unknownGtin = gtin13("690000077001");
        String tx = """
                {"workstationId":"1","businessDay":"2026-11-21","sequenceNumber":7,"type":"SALE","businessTime":"2026-11-21T05:00:00Z",
                 "payload":{"currency":"CNY","lines":[{"gtin":"%s","quantity":1,"amount":"30.00"}]}}""".formatted(unknownGtin);
        Api till = sync(tokens.pos("15"));
        assertThat(till.post("/api/sync/stores/15/batches", "{\"batchId\":\"q-1\",\"transactions\":[" + tx + "]}").status()).isEqualTo(202);

        await(Duration.ofSeconds(60), () -> sync(tokens.hqAdmin()).get("/api/sync/stores/15/quarantine").json().size() == 1);
        JsonNode quarantined = sync(tokens.hqAdmin()).get("/api/sync/stores/15/quarantine").json().get(0);
        assertThat(sync(tokens.hqAnalyst()).get("/api/sync/quarantine").body()).contains("15-20261121-1-7");
        assertThat(quarantined.path("target").asString()).isEqualTo("GOODS");
        assertThat(quarantined.path("reference").asString()).isEqualTo("15-20261121-1-7");
        assertThat(quarantined.path("reason").asString()).contains("barcode " + unknownGtin + " is not in the catalogue");
        assertThat(till.get("/api/sync/stores/15/quarantine").json().size()).isEqualTo(1);
        Api.Response health = till.get("/api/sync/stores/15/health");
        assertThat(health.json().path("warnings").toString()).as(health.toString()).contains("1 quarantined");
        // The member side of the same sale (a guest purchase) did not wait for the stock side.
        assertThat(sync(tokens.hqAdmin()).get("/api/sync/stores/15/days/2026-11-21/reconciliation").json().path("applied").asLong()).isZero();
        long workId = quarantined.path("workId").asLong();
        assertThat(sync(tokens.pos("15")).post("/api/sync/quarantine/" + workId + "/replay", "").status()).isEqualTo(403);

        assertThat(hqGoods.post("/api/goods/skus", Map.of("code", "Q-FIXED", "name", "Fixed", "warrantyMonths", 0,
                "gtins", List.of(unknownGtin))).status()).isEqualTo(201);
        assertThat(sync(tokens.hqAdmin()).post("/api/sync/quarantine/" + workId + "/replay", "").status()).isEqualTo(202);
        assertThat(sync(tokens.hqAdmin()).post("/api/sync/quarantine/" + workId + "/replay", "").status()).isEqualTo(409);
        await(Duration.ofSeconds(60), () -> sync(tokens.hqAdmin()).get("/api/sync/stores/15/quarantine").json().isEmpty());
        await(Duration.ofSeconds(30), () -> hqGoods.get("/api/goods/stock/Q-FIXED").json().toString().contains("\"onHand\":-1"));
    }

    @Test
    void aTillCatchesUpOnCatalogueStockAndItsMembersFromOneCursor(Tokens tokens) throws Exception {
        Api hqGoods = Api.at(remotes.goods.url()).as(tokens.hqAdmin());
        assertThat(hqGoods.post("/api/goods/skus", Map.of("code", "DL-1", "name", "Download me", "warrantyMonths", 0)).status()).isEqualTo(201);
        String member = Api.at(remotes.members.url()).as(tokens.pos("9")).post("/api/members", Map.of("channel", "STORE", "storeId", "9",
                "loyaltyCardNumber", "DL0001", "displayName", "Dan")).json().path("member").path("id").asString();
        Api till = sync(tokens.pos("9"));
        List<JsonNode> goods = new ArrayList<>();
        List<JsonNode> members = new ArrayList<>();
        String[] cursor = { "" };
        // Member changes settle for a few seconds before they are handed out; the till simply asks again later.
        await(Duration.ofSeconds(30), () -> {
            JsonNode page;
            do {
                page = till.get("/api/sync/stores/9/downloads?limit=50" + (cursor[0].isEmpty() ? "" : "&cursor=" + cursor[0])).json();
                page.path("goods").forEach(goods::add);
                page.path("members").forEach(members::add);
                cursor[0] = page.path("cursor").asString();
            } while (page.path("more").asBoolean());
            return members.stream().anyMatch(entry -> entry.path("memberId").asString().equals(member));
        });
        assertThat(goods.toString()).contains("DL-1");
        assertThat(members.toString()).doesNotContain("DL0001");
        JsonNode again = till.get("/api/sync/stores/9/downloads?cursor=" + cursor[0]).json();
        // Other tests' member changes may settle meanwhile; what the till already has must not come again.
        assertThat(again.path("goods").toString()).as("nothing handed out twice").doesNotContain("DL-1");
        assertThat(again.path("members").toString()).as("nothing handed out twice").doesNotContain(member);
        assertThat(sync(tokens.pos("12")).get("/api/sync/stores/9/downloads").status()).isEqualTo(403);
        assertThat(till.get("/api/sync/stores/9/downloads?cursor=not-ours").status()).isEqualTo(400);
        assertThat(till.get("/api/sync/stores/9/health").json().path("lastDownloadAt").isNull()).isFalse();

        remotes.goods.stop();
        try {
            Api.Response down = till.get("/api/sync/stores/9/downloads?cursor=" + cursor[0]);
            assertThat(down.status()).isEqualTo(503);
            assertThat(down.json().path("detail").asString()).contains("retry with the same cursor");
        } finally {
            remotes.goods.startAgain();
        }
    }

    @Autowired
    ApplyWork work;

    @Test
    void redemptionsVoidsCountsAndAdjustmentsApplyAsWhatTheyAre(Tokens tokens) throws Exception {
        Api hqGoods = Api.at(remotes.goods.url()).as(tokens.hqAdmin());
        Api hqMembers = Api.at(remotes.members.url()).as(tokens.hqAdmin());
        hqGoods.put("/api/goods/locations/15", Map.of("name", "Store 15", "kind", "STORE", "pickupEnabled", false, "onlineBuffer", 0));
        hqGoods.post("/api/goods/skus", Map.of("code", "KIND-A", "name", "Kinds", "warrantyMonths", 0));
        String member = hqMembers.post("/api/members", Map.of("channel", "HQ_IMPORT", "loyaltyCardNumber", "KIND-CARD-1")).json()
                .path("member").path("id").asString();
        String day = "2026-11-23";
        String tx = """
                {"workstationId":"K","businessDay":"%s","sequenceNumber":%d,"type":"%s","businessTime":"%sT0%d:00:00Z","payload":%s}""";
        String batch = "{\"batchId\":\"kinds\",\"transactions\":[" + String.join(",",
                tx.formatted(day, 1, "SALE", day, 1, """
                        {"currency":"CNY","member":{"card":"KIND-CARD-1"},"lines":[{"sku":"KIND-A","quantity":1,"amount":"500.00"}]}"""),
                tx.formatted(day, 2, "SALE", day, 2, """
                        {"currency":"CNY","member":{"card":"KIND-CARD-1"},"pointsRedeemed":100,
                         "lines":[{"sku":"KIND-A","quantity":1,"amount":"300.00"}]}"""),
                tx.formatted(day, 3, "POINTS_REDEMPTION", day, 3, """
                        {"currency":"CNY","member":{"card":"KIND-CARD-1"},"pointsRedeemed":200,"orderAmount":"80.00"}"""),
                tx.formatted(day, 4, "VOID", day, 4, """
                        {"currency":"CNY","member":{"card":"KIND-CARD-1"},"lines":[{"sku":"KIND-A","quantity":5,"amount":"999.00"}]}"""),
                tx.formatted(day, 5, "STOCK_COUNT", day, 5, "{\"lines\":[{\"sku\":\"KIND-A\",\"quantity\":40}]}"),
                tx.formatted(day, 6, "STOCK_ADJUSTMENT", day, 6, "{\"lines\":[{\"sku\":\"KIND-A\",\"quantity\":-2}]}"),
                tx.formatted(day, 7, "NO_SALE", day, 7, "null")) + "]}";
        assertThat(sync(tokens.pos("15")).post("/api/sync/stores/15/batches", batch).status()).isEqualTo(202);
        await(Duration.ofSeconds(60), () -> jdbc.sql("""
                SELECT COUNT(*) FROM pos_transaction WHERE store_id = '15' AND business_day = '2026-11-23' AND apply_status = 'APPLIED'""")
                .query(Long.class).single() == 7);
        // 500 + 300 earned, 100 spent on the second sale, 200 on an 80.00 order (worth 2.00, within half of it).
        assertThat(hqMembers.get("/api/members/" + member + "/points").json().path("balance").asLong()).isEqualTo(500);
        JsonNode level = hqGoods.get("/api/goods/stock/KIND-A").json().get(0);
        assertThat(level.path("onHand").asLong()).as("counted 40 after the two sales, then 2 written off").isEqualTo(38);
        assertThat(jdbc.sql("SELECT COUNT(*) FROM apply_work w JOIN pos_transaction t ON t.id = w.transaction_id WHERE t.type IN ('VOID', 'NO_SALE')")
                .query(Long.class).single()).as("a void and a no-sale have no effects").isZero();
    }

    @Test
    void aReturnUploadedBeforeItsSaleWaitsForItAndThenTakesThePointsBack(Tokens tokens) throws Exception {
        Api hqMembers = Api.at(remotes.members.url()).as(tokens.hqAdmin());
        String member = hqMembers.post("/api/members", Map.of("channel", "HQ_IMPORT", "loyaltyCardNumber", "RET-CARD-1")).json()
                .path("member").path("id").asString();
        Api hqGoods = Api.at(remotes.goods.url()).as(tokens.hqAdmin());
        hqGoods.put("/api/goods/locations/12", Map.of("name", "Store 12", "kind", "STORE", "pickupEnabled", false, "onlineBuffer", 0));
        hqGoods.post("/api/goods/skus", Map.of("code", "RET-A", "name", "Returned", "warrantyMonths", 0));
        String returned = """
                {"workstationId":"2","businessDay":"2026-11-22","sequenceNumber":9,"type":"RETURN","businessTime":"2026-11-22T04:00:00Z",
                 "payload":{"currency":"CNY","originalReceipt":{"storeId":"12","workstationId":"1","businessDay":"2026-11-21","sequenceNumber":5},
                            "lines":[{"sku":"RET-A","kind":"RETURN","quantity":1,"amount":"80.00"}]}}""";
        Api till = sync(tokens.pos("12"));
        assertThat(till.post("/api/sync/stores/12/batches", "{\"batchId\":\"ret-1\",\"transactions\":[" + returned + "]}").status()).isEqualTo(202);
        await(Duration.ofSeconds(30), () -> jdbc.sql("""
                SELECT COUNT(*) FROM apply_work WHERE store_id = '12' AND business_day = '2026-11-22' AND target = 'MEMBER'
                    AND last_error LIKE 'waiting for the original sale 12-20261121-1-5 to arrive%'""").query(Long.class).single() == 1);

        String sale = sale("1", "2026-11-21", 5, "RET-CARD-1", "RET-A", 2, "160.00", "CASH");
        assertThat(till.post("/api/sync/stores/12/batches", "{\"batchId\":\"ret-0\",\"transactions\":[" + sale + "]}").status()).isEqualTo(202);
        await(Duration.ofSeconds(60), () -> jdbc.sql("""
                SELECT COUNT(*) FROM apply_work WHERE store_id = '12' AND business_day IN ('2026-11-21', '2026-11-22') AND status = 'DONE'
                    AND sequence_number IN (5, 9)""").query(Long.class).single() == 4);
        // 160 earned 160 points; returning half of it takes back 80.
        assertThat(hqMembers.get("/api/members/" + member + "/points").json().path("balance").asLong()).isEqualTo(80);
    }

    @Autowired
    org.springframework.jdbc.core.simple.JdbcClient jdbc;

    @Test
    void aSaleWhoseEnrolmentArrivesLaterAndBelowEveryNumberWaitsForItInsteadOfBeingQuarantined(Tokens tokens) throws Exception {
        Api hqGoods = Api.at(remotes.goods.url()).as(tokens.hqAdmin());
        hqGoods.put("/api/goods/locations/15", Map.of("name", "Store 15", "kind", "STORE", "pickupEnabled", false, "onlineBuffer", 0));
        hqGoods.post("/api/goods/skus", Map.of("code", "KIND-LATE", "name", "Late", "warrantyMonths", 0));
        String tx = """
                {"workstationId":"L","businessDay":"2026-11-26","sequenceNumber":%d,"type":"%s","businessTime":"2026-11-26T05:0%d:00Z","payload":%s}""";
        Api till = sync(tokens.pos("15"));
        // The sale comes first, and nothing below its number has arrived: no gap the sequence numbers could show.
        till.post("/api/sync/stores/15/batches", "{\"batchId\":\"late-2\",\"transactions\":[" + tx.formatted(5, "SALE", 5, """
                {"currency":"CNY","member":{"card":"LATE-CARD-1"},"lines":[{"sku":"KIND-LATE","quantity":1,"amount":"40.00"}]}""") + "]}");
        // Tried as often as a refusal may be before it is quarantined.
        await(Duration.ofSeconds(30), () -> jdbc.sql("SELECT COALESCE(MAX(attempts), 0) FROM apply_work WHERE target = 'MEMBER' AND workstation_id = 'L'")
                .query(Long.class).single() >= 3);
        till.post("/api/sync/stores/15/batches", "{\"batchId\":\"late-1\",\"transactions\":[" + tx.formatted(2, "MEMBER_ENROLMENT", 2,
                "{\"enrolment\":{\"loyaltyCardNumber\":\"LATE-CARD-1\",\"displayName\":\"Late\"}}") + "]}");
        await(Duration.ofSeconds(60), () -> jdbc.sql("""
                SELECT COUNT(*) FROM apply_work WHERE target = 'MEMBER' AND workstation_id = 'L' AND status = 'DONE'""").query(Long.class).single() == 2);
        assertThat(jdbc.sql("SELECT COUNT(*) FROM apply_work WHERE workstation_id = 'L' AND status = 'QUARANTINED'").query(Long.class).single())
                .isZero();
    }

    @Test
    void aStoredTransactionThatDoesNotReadIsSetAsideWithoutBlockingTheRest(Tokens tokens) throws Exception {
        // As accepted before today's payload rules: an amount given as an object.
        jdbc.sql("""
                INSERT INTO pos_transaction (store_id, workstation_id, business_day, sequence_number, type, business_time, content_hash,
                    content, first_batch_id, received_at, apply_status)
                VALUES ('unread', '1', '2026-11-02', 1, 'SALE', '2026-11-02 02:00:00', 'x',
                    '{"workstationId":"1","businessDay":"2026-11-02","sequenceNumber":1,"type":"SALE","businessTime":"2026-11-02T02:00:00Z",
                      "payload":{"lines":[{"sku":"A","amount":{"value":"1.00"}}]}}', 'old', NOW(6), 'PENDING')""").update();
        jdbc.sql("""
                INSERT INTO pos_transaction (store_id, workstation_id, business_day, sequence_number, type, business_time, content_hash,
                    content, first_batch_id, received_at, apply_status)
                VALUES ('unread', '1', '2026-11-02', 2, 'NO_SALE', '2026-11-02 02:01:00', 'y',
                    '{"workstationId":"1","businessDay":"2026-11-02","sequenceNumber":2,"type":"NO_SALE","businessTime":"2026-11-02T02:01:00Z"}',
                    'old', NOW(6), 'PENDING')""").update();
        await(Duration.ofSeconds(30), () -> jdbc.sql("""
                SELECT COUNT(*) FROM pos_transaction WHERE store_id = 'unread' AND apply_status IN ('APPLIED', 'QUARANTINED')""")
                .query(Long.class).single() == 2);
        JsonNode quarantined = sync(tokens.hqAdmin()).get("/api/sync/stores/unread/quarantine").json();
        assertThat(quarantined.size()).isEqualTo(1);
        assertThat(quarantined.get(0).path("target").asString()).isEqualTo("PLAN");
        assertThat(quarantined.get(0).path("reason").asString()).contains("amount must be a plain value, not an object");
        assertThat(sync(tokens.hqAdmin()).get("/api/sync/stores/unread/days/2026-11-02/reconciliation").status()).isEqualTo(200);
    }

    @Test
    void oneWorkerAtATimeWorksATillsLaneAndALapsedLeaseIsTakenOver() throws InterruptedException {
        ApplyWork.Lane lane = new ApplyWork.Lane("GOODS", "lease-store", "1");
        ApplyWork.Lease a = work.lease(lane, "replica-a", Duration.ofMinutes(1)).orElseThrow();
        assertThat(work.lease(lane, "replica-b", Duration.ofMinutes(1))).as("held by replica-a").isEmpty();
        assertThat(work.renew(a, Duration.ofMillis(1))).as("the holder renews").isTrue();
        Thread.sleep(20);
        ApplyWork.Lease b = work.lease(lane, "replica-b", Duration.ofMinutes(1)).orElseThrow(() -> new AssertionError("replica-a's lease has lapsed"));
        assertThat(b.fence()).isGreaterThan(a.fence());
        assertThat(work.renew(a, Duration.ofMinutes(1))).as("replica-a lost the lane").isFalse();
        work.release(a);
        assertThat(work.lease(lane, "replica-a", Duration.ofMinutes(1))).as("only the holder releases").isEmpty();
        work.release(b);
        assertThat(work.lease(lane, "replica-a", Duration.ofMinutes(1))).isPresent();
    }

    private JsonNode report(Tokens tokens) {
        return sync(tokens.hqAdmin()).get("/api/sync/stores/12/days/2026-11-20/reconciliation").json();
    }
}
