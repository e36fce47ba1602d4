package dev.santong.channelsync.apply;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

import dev.santong.platform.testkit.Api;
import dev.santong.platform.testkit.StackTest;
import dev.santong.platform.testkit.Tokens;
import tools.jackson.databind.JsonNode;

/**
 * A conflict is a case HQ closes: an accepted version's difference to what was applied reaches stock and points once,
 * through the durable apply, and the store's day reconciles to the corrected receipt; a rejected one changes nothing;
 * a version whose stored predecessor is not applied yet cannot be accepted.
 */
@StackTest
class ConflictCorrectionIT extends WithRemoteServices {

    @Autowired
    Api api;

    @Autowired
    JdbcClient jdbc;

    private Api sync(String token) {
        return api.as(token);
    }

    private static String tx(long sequence, String payload) {
        return """
                {"workstationId":"4","businessDay":"2026-11-24","sequenceNumber":%d,"type":"SALE","businessTime":"2026-11-24T06:%02d:00Z",
                 "payload":%s}""".formatted(sequence, sequence, payload);
    }

    private static String batch(String id, String... transactions) {
        return "{\"batchId\":\"" + id + "\",\"transactions\":[" + String.join(",", transactions) + "]}";
    }

    @Test
    void anAcceptedCorrectionAppliesItsDifferenceOnceAndTheDayReconcilesToIt(Tokens tokens) throws Exception {
        Api hqGoods = Api.at(remotes.goods.url()).as(tokens.hqAdmin());
        Api hqMembers = Api.at(remotes.members.url()).as(tokens.hqAdmin());
        hqGoods.put("/api/goods/locations/12", Map.of("name", "Store 12", "kind", "STORE", "pickupEnabled", false, "onlineBuffer", 0));
        for (String sku : List.of("COR-A", "COR-B")) {
            assertThat(hqGoods.post("/api/goods/skus", Map.of("code", sku, "name", sku, "warrantyMonths", 0)).status()).isEqualTo(201);
        }
        String member = hqMembers.post("/api/members", Map.of("channel", "HQ_IMPORT", "loyaltyCardNumber", "COR-CARD-1")).json()
                .path("member").path("id").asString();
        String keyed = tx(1, """
                {"currency":"CNY","member":{"card":"COR-CARD-1"},"lines":[{"sku":"COR-A","quantity":2,"amount":"100.00"}],
                 "tenders":[{"type":"CASH","amount":"100.00"}]}""");
        String guest = tx(2, """
                {"currency":"CNY","lines":[{"sku":"COR-B","quantity":1,"amount":"30.00"}],"tenders":[{"type":"CASH","amount":"30.00"}]}""");
        Api till = sync(tokens.pos("12"));
        assertThat(till.post("/api/sync/stores/12/batches", batch("c-1", keyed, guest)).status()).isEqualTo(202);
        await(Duration.ofSeconds(60), () -> hqMembers.get("/api/members/" + member + "/points").json().path("balance").asLong() == 100
                && onHand(hqGoods, "COR-B") == -1 && onHand(hqGoods, "COR-A") == -2);

        // The till's corrected receipt: three units and a second item, 200.00 in all.
        String corrected = tx(1, """
                {"currency":"CNY","member":{"card":"COR-CARD-1"},"lines":[{"sku":"COR-A","quantity":3,"amount":"150.00"},
                 {"sku":"COR-B","quantity":1,"amount":"50.00"}],"tenders":[{"type":"CASH","amount":"200.00"}]}""");
        assertThat(till.post("/api/sync/stores/12/batches", batch("c-2", corrected)).json().path("conflicts").asInt()).isEqualTo(1);
        Map<String, Object> close = Map.of("currency", "CNY", "transactionCount", 2, "gross", "230.00", "returns", "0.00",
                "tenders", Map.of("CASH", "230.00"), "itemsSold", Map.of("COR-A", 3, "COR-B", 2), "pointsEarned", 200,
                "workstations", List.of(Map.of("workstationId", "4", "firstSequence", 1, "lastSequence", 2)));
        assertThat(till.put("/api/sync/stores/12/days/2026-11-24/close", close).status()).isEqualTo(201);
        assertThat(report(tokens).path("status").asString()).as("the day as first applied").isEqualTo("RED");

        JsonNode open = till.get("/api/sync/stores/12/conflicts").json();
        assertThat(open).hasSize(1);
        long conflict = open.get(0).path("id").asLong();
        assertThat(open.get(0).path("status").asString()).isEqualTo("OPEN");
        String decide = "/api/sync/conflicts/" + conflict + "/decision";
        Map<String, String> accept = Map.of("decision", "ACCEPT", "note", "keyed 2 for 3 and missed an item");
        assertThat(till.post(decide, accept).status()).as("a store cannot decide").isEqualTo(403);
        assertThat(sync(tokens.hqAnalyst()).post(decide, accept).status()).as("an analyst reads only").isEqualTo(403);
        assertThat(sync(tokens.hqAdmin()).post(decide, Map.of("decision", "MAYBE")).json().toString()).contains("decision");

        Api.Response accepted = sync(tokens.hqAdmin()).post(decide, accept);
        assertThat(accepted.status()).as(accepted.toString()).isEqualTo(201);
        assertThat(accepted.json().path("corrections").toString()).contains("GOODS").contains("MEMBER");
        Api.Response again = sync(tokens.hqAdmin()).post(decide, accept);
        assertThat(again.status()).isEqualTo(200);
        assertThat(again.json().path("replayed").asBoolean()).isTrue();
        Api.Response reversal = sync(tokens.hqAdmin()).post(decide, Map.of("decision", "REJECT"));
        assertThat(reversal.status()).isEqualTo(409);
        assertThat(reversal.json().path("detail").asString()).contains("already accepted");

        await(Duration.ofSeconds(60), () -> "GREEN".equals(report(tokens).path("status").asString()));
        assertThat(onHand(hqGoods, "COR-A")).isEqualTo(-3);
        assertThat(onHand(hqGoods, "COR-B")).isEqualTo(-2);
        assertThat(hqMembers.get("/api/members/" + member + "/points").json().path("balance").asLong())
                .as("the replaced sale's 100 taken back, the corrected 200 earned").isEqualTo(200);
        assertThat(check(report(tokens), "points earned").path("santong").asString()).isEqualTo("200");

        // Either version resent is recognised: nothing new is kept or applied, and nothing is open any more.
        JsonNode resent = till.post("/api/sync/stores/12/batches", batch("c-3", keyed, corrected)).json();
        assertThat(resent.path("duplicates").asInt()).isEqualTo(2);
        assertThat(resent.path("conflicts").asInt()).isZero();
        assertThat(till.get("/api/sync/stores/12/conflicts").json()).isEmpty();
        JsonNode decided = sync(tokens.hqAnalyst()).get("/api/sync/conflicts?status=ACCEPTED").json().get(0);
        assertThat(decided.path("stored").path("payload").path("lines").get(0).path("quantity").asInt()).isEqualTo(2);
        assertThat(decided.path("conflicting").path("payload").path("lines").get(0).path("quantity").asInt()).isEqualTo(3);
        assertThat(decided.path("decisionNote").asString()).isEqualTo("keyed 2 for 3 and missed an item");
        Thread.sleep(1500);
        assertThat(jdbc.sql("SELECT COUNT(*) FROM apply_work WHERE correction_id = :c AND status = 'DONE'").param("c", conflict)
                .query(Long.class).single()).as("one correction row per target").isEqualTo(2);
        assertThat(onHand(hqGoods, "COR-A")).as("the difference applied once").isEqualTo(-3);
        assertThat(hqMembers.get("/api/members/" + member + "/points").json().path("balance").asLong()).isEqualTo(200);

        // A later return of the corrected sale takes back what the corrected sale earned, pro rata (50.00 of 200.00).
        String giveBack = """
                {"workstationId":"5","businessDay":"2026-11-25","sequenceNumber":1,"type":"RETURN","businessTime":"2026-11-25T02:00:00Z",
                 "payload":{"currency":"CNY","originalReceipt":{"storeId":"12","workstationId":"4","businessDay":"2026-11-24","sequenceNumber":1},
                            "lines":[{"sku":"COR-B","kind":"RETURN","quantity":1,"amount":"50.00"}]}}""";
        assertThat(till.post("/api/sync/stores/12/batches", batch("c-4", giveBack)).status()).isEqualTo(202);
        await(Duration.ofSeconds(60), () -> hqMembers.get("/api/members/" + member + "/points").json().path("balance").asLong() == 150);
        assertThat(sync(tokens.hqAdmin()).get("/api/sync/stores/12/quarantine").json()).isEmpty();
    }

    @Test
    void aRejectedConflictChangesNothingAndAVersionWhoseStoredOneIsNotAppliedCannotBeAccepted(Tokens tokens) throws Exception {
        Api hqGoods = Api.at(remotes.goods.url()).as(tokens.hqAdmin());
        hqGoods.put("/api/goods/locations/15", Map.of("name", "Store 15", "kind", "STORE", "pickupEnabled", false, "onlineBuffer", 0));
        assertThat(hqGoods.post("/api/goods/skus", Map.of("code", "REJ-A", "name", "Rejected", "warrantyMonths", 0)).status()).isEqualTo(201);
        String unknownGtin = gtin13("690000088001");
        Api till = sync(tokens.pos("15"));
        String sale = """
                {"workstationId":"1","businessDay":"2026-11-25","sequenceNumber":%d,"type":"SALE","businessTime":"2026-11-25T02:00:00Z",
                 "payload":{"currency":"CNY","lines":[{"%s":"%s","quantity":%d,"amount":"10.00"}]}}""";
        till.post("/api/sync/stores/15/batches", batch("r-1", sale.formatted(1, "sku", "REJ-A", 1), sale.formatted(2, "gtin", unknownGtin, 1)));
        await(Duration.ofSeconds(60), () -> onHand(hqGoods, "REJ-A") == -1
                && sync(tokens.hqAdmin()).get("/api/sync/stores/15/quarantine").json().size() == 1);
        till.post("/api/sync/stores/15/batches", batch("r-2", sale.formatted(1, "sku", "REJ-A", 5), sale.formatted(2, "sku", "REJ-A", 1)));
        List<JsonNode> conflicts = new java.util.ArrayList<>();
        sync(tokens.hqAdmin()).get("/api/sync/stores/15/conflicts").json().forEach(conflicts::add);
        assertThat(conflicts).hasSize(2);
        // Version 2: the same list as pages, newest first, by cursor.
        Api hqV2 = sync(tokens.hqAdmin()).header("API-Version", "2");
        JsonNode first = hqV2.get("/api/sync/stores/15/conflicts?limit=1").json();
        JsonNode second = hqV2.get("/api/sync/stores/15/conflicts?limit=1&cursor=" + first.path("next").asString()).json();
        assertThat(List.of(first.path("items").get(0).path("id").asLong(), second.path("items").get(0).path("id").asLong()))
                .containsExactly(conflicts.get(0).path("id").asLong(), conflicts.get(1).path("id").asLong());
        assertThat(second.has("next")).isFalse();
        JsonNode quarantinePage = hqV2.get("/api/sync/stores/15/quarantine?limit=1").json();
        assertThat(quarantinePage.path("items")).hasSize(1);
        assertThat(quarantinePage.has("next")).as("store 15's one quarantined row is its last page").isFalse();
        JsonNode ofQuarantined = conflicts.stream().filter(c -> c.path("sequenceNumber").asLong() == 2).findFirst().orElseThrow();
        JsonNode ofApplied = conflicts.stream().filter(c -> c.path("sequenceNumber").asLong() == 1).findFirst().orElseThrow();

        Api.Response early = sync(tokens.hqAdmin()).post("/api/sync/conflicts/" + ofQuarantined.path("id").asLong() + "/decision",
                Map.of("decision", "ACCEPT"));
        assertThat(early.status()).as(early.toString()).isEqualTo(409);
        assertThat(early.json().path("detail").asString()).contains("not applied yet").contains("GOODS: quarantined");

        Api.Response rejected = sync(tokens.hqAdmin()).post("/api/sync/conflicts/" + ofApplied.path("id").asLong() + "/decision",
                Map.of("decision", "REJECT", "note", "a test sale keyed on the live till"));
        assertThat(rejected.status()).isEqualTo(201);
        assertThat(rejected.json().path("conflict").path("status").asString()).isEqualTo("REJECTED");
        assertThat(rejected.json().path("corrections")).isEmpty();
        Thread.sleep(1500);
        assertThat(onHand(hqGoods, "REJ-A")).as("the stored version stays").isEqualTo(-1);
        assertThat(jdbc.sql("SELECT COUNT(*) FROM apply_work WHERE correction_id <> 0").query(Long.class).single()).isZero();
        assertThat(sync(tokens.hqAdmin()).get("/api/sync/stores/15/conflicts").json()).hasSize(1);
        assertThat(sync(tokens.hqAdmin()).get("/api/sync/stores/15/conflicts?all=true").json()).hasSize(2);
        assertThat(sync(tokens.hqAdmin()).post("/api/sync/conflicts/999999/decision", Map.of("decision", "REJECT")).status()).isEqualTo(404);
    }

    private static long onHand(Api goods, String sku) {
        JsonNode levels = goods.get("/api/goods/stock/" + sku).json();
        return levels.isEmpty() ? 0 : levels.get(0).path("onHand").asLong();
    }

    private JsonNode report(Tokens tokens) {
        return sync(tokens.hqAdmin()).get("/api/sync/stores/12/days/2026-11-24/reconciliation").json();
    }
}
