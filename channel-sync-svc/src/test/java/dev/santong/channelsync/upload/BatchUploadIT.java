package dev.santong.channelsync.upload;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

import dev.santong.platform.testkit.Api;
import dev.santong.platform.testkit.ServiceContract;
import dev.santong.platform.testkit.MutableClock;
import dev.santong.platform.testkit.MutableClockConfiguration;
import dev.santong.platform.testkit.StackTest;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.TestPropertySource;
import dev.santong.platform.testkit.Tokens;
import tools.jackson.databind.JsonNode;

@StackTest
// No goods-svc or member-svc behind it: reports show their checks as unavailable, whatever else runs on this machine.
@TestPropertySource(properties = { "santong.sync.apply.enabled=false", "santong.remotes.goods-url=http://127.0.0.1:9",
        "santong.remotes.member-url=http://127.0.0.1:9" })
@Import(MutableClockConfiguration.class)
class BatchUploadIT {

    @Autowired
    Api api;

    @Autowired
    MutableClock clock;

    @Autowired
    JdbcClient jdbc;

    private Api till(Tokens tokens, String store) {
        return api.as(tokens.pos(store));
    }

    private static String sale(String workstation, long sequence, String time, String total) {
        return """
                {"workstationId":"%s","businessDay":"2026-11-20","sequenceNumber":%d,"type":"SALE","businessTime":"%s",
                 "payload":{"total":{"amount":"%s","currency":"CNY"},"lines":[{"gtin":"4006381333931","quantity":1}]}}"""
                .formatted(workstation, sequence, time, total);
    }

    private static String batch(String id, String... transactions) {
        return "{\"batchId\":\"" + id + "\",\"transactions\":[" + String.join(",", transactions) + "]}";
    }

    private long stored(String store, String workstation) {
        return jdbc.sql("SELECT COUNT(*) FROM pos_transaction WHERE store_id = :s AND workstation_id = :w")
                .param("s", store).param("w", workstation).query(Long.class).single();
    }

    @Test
    void aResentBatchIsTheSameBatchAndNothingIsStoredTwice(Tokens tokens) {
        String body = batch("ws3-0001", sale("3", 1, "2026-11-20T02:00:00Z", "99.00"), sale("3", 2, "2026-11-20T02:05:00Z", "12.50"),
                sale("3", 3, "2026-11-20T02:10:00Z", "5.00"));
        Api.Response first = till(tokens, "9").post("/api/sync/stores/9/batches", body);
        assertThat(first.status()).as(first.toString()).isEqualTo(202);
        JsonNode status = first.json();
        assertThat(status.path("newTransactions").asInt()).isEqualTo(3);
        assertThat(status.path("status").asString()).isEqualTo("RECEIVED");
        String location = first.header("Location");
        assertThat(till(tokens, "9").get(location).json().path("id").asString()).isEqualTo(status.path("id").asString());

        Api.Response resent = till(tokens, "9").post("/api/sync/stores/9/batches", body);
        assertThat(resent.status()).isEqualTo(202);
        assertThat(resent.header("Location")).isEqualTo(location);
        assertThat(resent.header("Idempotent-Replayed")).isEqualTo("true");
        assertThat(stored("9", "3")).isEqualTo(3);
        assertThat(jdbc.sql("SELECT raw_body FROM pos_batch WHERE id = :id").param("id", status.path("id").asString())
                .query(String.class).single()).isEqualTo(body);
    }

    @Test
    void aStoreBackAfterThirtyDaysResendsAndNothingIsStoredTwice(Tokens tokens) {
        String body = batch("ws7-0001", sale("7", 1, "2026-11-20T02:00:00Z", "20.00"), sale("7", 2, "2026-11-20T02:01:00Z", "30.00"));
        assertThat(till(tokens, "15").post("/api/sync/stores/15/batches", body).status()).isEqualTo(202);
        clock.advance(java.time.Duration.ofDays(31));
        Api.Response resent = till(tokens, "15").post("/api/sync/stores/15/batches", body);
        assertThat(resent.header("Idempotent-Replayed")).isEqualTo("true");
        JsonNode regrouped = till(tokens, "15").post("/api/sync/stores/15/batches", batch("ws7-0002",
                sale("7", 2, "2026-11-20T02:01:00Z", "30.00"), sale("7", 1, "2026-11-20T02:00:00Z", "20.00"),
                sale("7", 3, "2026-11-20T02:02:00Z", "40.00"))).json();
        assertThat(regrouped.path("newTransactions").asInt()).isEqualTo(1);
        assertThat(regrouped.path("duplicates").asInt()).isEqualTo(2);
        assertThat(stored("15", "7")).isEqualTo(3);
    }

    @Test
    void transactionsSplitDifferentlyAcrossBatchesCountAsDuplicates(Tokens tokens) {
        till(tokens, "12").post("/api/sync/stores/12/batches",
                batch("ws1-0001", sale("1", 10, "2026-11-20T02:00:00Z", "10.00"), sale("1", 11, "2026-11-20T02:01:00Z", "11.00")));
        // The same sale 11 with keys in another order and its time in China Standard Time, plus a new one.
        String reordered = """
                {"type":"SALE","payload":{"lines":[{"quantity":1,"gtin":"4006381333931"}],"total":{"currency":"CNY","amount":"11.00"}},
                 "sequenceNumber":11,"businessTime":"2026-11-20T10:01:00+08:00","businessDay":"2026-11-20","workstationId":"1"}""";
        Api.Response second = till(tokens, "12").post("/api/sync/stores/12/batches",
                batch("ws1-0002", reordered, sale("1", 12, "2026-11-20T02:02:00Z", "12.00")));
        assertThat(second.json().path("newTransactions").asInt()).isEqualTo(1);
        assertThat(second.json().path("duplicates").asInt()).isEqualTo(1);
        assertThat(second.json().path("conflicts").asInt()).isZero();
        assertThat(stored("12", "1")).isEqualTo(3);
    }

    @Test
    void sameKeyWithOtherContentIsKeptAsAConflictAndNotApplied(Tokens tokens) {
        till(tokens, "15").post("/api/sync/stores/15/batches", batch("ws2-0001", sale("2", 7, "2026-11-20T03:00:00Z", "50.00")));
        Api.Response clash = till(tokens, "15").post("/api/sync/stores/15/batches",
                batch("ws2-0099", sale("2", 7, "2026-11-20T03:00:00Z", "500.00")));
        assertThat(clash.status()).isEqualTo(202);
        assertThat(clash.json().path("conflicts").asInt()).isEqualTo(1);
        assertThat(jdbc.sql("SELECT content FROM pos_transaction WHERE store_id = '15' AND sequence_number = 7")
                .query(String.class).single()).contains("\"50.00\"");
        assertThat(jdbc.sql("SELECT content FROM pos_transaction_conflict WHERE store_id = '15' AND sequence_number = 7")
                .query(String.class).single()).contains("\"500.00\"");

        // The same clash sent again is the same conflict; the store and HQ see both versions side by side.
        till(tokens, "15").post("/api/sync/stores/15/batches", batch("ws2-0100", sale("2", 7, "2026-11-20T03:00:00Z", "500.00")));
        List<tools.jackson.databind.JsonNode> listed = new ArrayList<>();
        till(tokens, "15").get("/api/sync/stores/15/conflicts").json().forEach(each -> {
            if (each.path("reference").asString().equals("15-20261120-2-7")) {
                listed.add(each);
            }
        });
        assertThat(listed).as("one conflict, however often it is resent").hasSize(1);
        tools.jackson.databind.JsonNode conflict = listed.get(0);
        assertThat(conflict.path("timesSent").asInt()).isEqualTo(2);
        assertThat(conflict.path("stored").path("payload").path("total").path("amount").asString()).isEqualTo("50.00");
        assertThat(conflict.path("conflicting").path("payload").path("total").path("amount").asString()).isEqualTo("500.00");
        assertThat(conflict.path("stored").path("batchId").asString()).isNotEqualTo(conflict.path("conflicting").path("batchId").asString());
        assertThat(till(tokens, "9").get("/api/sync/stores/15/conflicts").status()).isEqualTo(403);
        assertThat(api.as(tokens.hqAnalyst()).get("/api/sync/conflicts").json().toString())
                .contains("15-20261120-2-7");
    }

    @Test
    void aConflictShowsTheIdentitiesItsVersionsNameByTheirLastFourCharactersOnly(Tokens tokens) {
        String withPhone = """
                {"workstationId":"3","businessDay":"2026-11-21","sequenceNumber":70,"type":"SALE","businessTime":"2026-11-21T03:00:00Z",
                 "payload":{"member":{"phone":"+8613912345678"},"lines":[{"sku":"OX-BLU-M","quantity":1,"amount":"%s"}]}}""";
        till(tokens, "15").post("/api/sync/stores/15/batches", batch("ph-1", withPhone.formatted("10.00")));
        till(tokens, "15").post("/api/sync/stores/15/batches", batch("ph-2", withPhone.formatted("11.00")));
        String listed = till(tokens, "15").get("/api/sync/stores/15/conflicts").body();
        assertThat(listed).contains("15-20261121-3-70").contains("****5678").doesNotContain("13912345678");

        // An offline enrolment's details are as personal as the member's phone.
        String enrolment = """
                {"workstationId":"3","businessDay":"2026-11-21","sequenceNumber":71,"type":"MEMBER_ENROLMENT","businessTime":"2026-11-21T03:01:00Z",
                 "payload":{"enrolment":{"displayName":"Zhang %s","email":"wei.zhang@example.cn","loyaltyCardNumber":"LC-0009-7781"}}}""";
        till(tokens, "15").post("/api/sync/stores/15/batches", batch("en-1", enrolment.formatted("Wei")));
        till(tokens, "15").post("/api/sync/stores/15/batches", batch("en-2", enrolment.formatted("Wai")));
        String enrolments = till(tokens, "15").get("/api/sync/stores/15/conflicts").body();
        assertThat(enrolments).contains("15-20261121-3-71").doesNotContain("wei.zhang@example.cn").doesNotContain("LC-0009-7781")
                .doesNotContain("Zhang Wei").doesNotContain("Zhang Wai");
    }

    @Test
    void aStoreMayNotUploadForAnotherStore(Tokens tokens) {
        Api.Response response = till(tokens, "9").post("/api/sync/stores/12/batches",
                batch("ws3-0100", sale("3", 100, "2026-11-20T02:00:00Z", "1.00")));
        assertThat(response.status()).isEqualTo(403);
        assertThat(jdbc.sql("SELECT COUNT(*) FROM pos_batch WHERE client_batch_id = 'ws3-0100'").query(Long.class).single()).isZero();
    }

    @Test
    void badTransactionsAreNamedByTheirPositionAndNothingIsStored(Tokens tokens) {
        String missingSequence = """
                {"workstationId":"3","businessDay":"2026-11-20","type":"SALE","businessTime":"2026-11-20T02:00:00Z"}""";
        Api.Response response = till(tokens, "9").post("/api/sync/stores/9/batches",
                batch("ws3-0200", sale("3", 200, "2026-11-20T02:00:00Z", "1.00"), missingSequence));
        assertThat(response.status()).isEqualTo(400);
        assertThat(response.json().path("errors").findValuesAsString("field")).containsExactly("transactions[1].sequenceNumber");

        Api.Response badDay = till(tokens, "9").post("/api/sync/stores/9/batches",
                batch("ws3-0201", sale("3", 201, "2026-11-20T02:00:00Z", "1.00").replace("2026-11-20\"", "20.11.2026\"")));
        assertThat(badDay.status()).isEqualTo(400);
        assertThat(badDay.json().path("errors").get(0).path("field").asString()).isEqualTo("transactions[0].businessDay");
        assertThat(jdbc.sql("SELECT COUNT(*) FROM pos_transaction WHERE sequence_number IN (200, 201)").query(Long.class).single()).isZero();
    }

    @Test
    void theSameBatchSentTenTimesAtOnceIsStoredOnce(Tokens tokens) throws Exception {
        String body = batch("ws5-0001", sale("5", 1, "2026-11-20T04:00:00Z", "1.00"), sale("5", 2, "2026-11-20T04:01:00Z", "2.00"));
        Api till = till(tokens, "9");
        List<Future<Api.Response>> calls = new ArrayList<>();
        try (ExecutorService pool = Executors.newFixedThreadPool(10)) {
            for (int i = 0; i < 10; i++) {
                calls.add(pool.submit(() -> till.post("/api/sync/stores/9/batches", body)));
            }
        }
        Set<String> ids = new HashSet<>();
        for (Future<Api.Response> call : calls) {
            assertThat(call.get().status()).as(call.get().toString()).isEqualTo(202);
            ids.add(call.get().json().path("id").asString());
        }
        assertThat(ids).hasSize(1);
        assertThat(jdbc.sql("SELECT COUNT(*) FROM pos_transaction WHERE workstation_id = '5'").query(Long.class).single()).isEqualTo(2L);
    }

    @Test
    void servesProbesMetricsAndItsOpenApiDocumentWithoutAToken() {
        ServiceContract.assertServesPlatformEndpoints(api, "/api/sync/stores/{storeId}/batches");
        ServiceContract.assertDocumentContract(api, BatchUploadIT.class);

        // The upload documents the receipt a transaction carries and the POSLog XML body, not a bare JsonNode.
        JsonNode document = api.get("/v3/api-docs").json();
        JsonNode upload = document.path("paths").path("/api/sync/stores/{storeId}/batches").path("post");
        assertThat(upload.path("operationId").asString()).isEqualTo("uploadStoreBatch");
        assertThat(upload.path("requestBody").path("content").path("application/xml").path("examples").path("POSLog").path("value").asString())
                .contains("<RetailTransaction");
        JsonNode receipt = document.path("components").path("schemas").path("ReceiptPayload").path("properties");
        assertThat(receipt.has("lines") && receipt.has("tenders") && receipt.has("member") && receipt.has("originalPurchase")).as(receipt.toString())
                .isTrue();
    }

    @Test
    void aGapIsReportedToTheStoreAndHqUntilTheMissingSalesArrive(Tokens tokens) {
        till(tokens, "15").post("/api/sync/stores/15/batches", batch("ws3-gap-1", sale("3", 1038, "2026-11-20T02:00:00Z", "1.00"),
                sale("3", 1039, "2026-11-20T02:01:00Z", "1.00"), sale("3", 1040, "2026-11-20T02:02:00Z", "1.00"),
                sale("3", 1044, "2026-11-20T02:06:00Z", "1.00")));
        tools.jackson.databind.JsonNode gaps = till(tokens, "15").get("/api/sync/stores/15/gaps?day=2026-11-20").json();
        assertThat(gaps.findValuesAsString("text")).contains("store 15, till 3, day 2026-11-20: 1041–1043 missing");
        assertThat(api.as(tokens.hqAnalyst()).get("/api/sync/gaps?day=2026-11-20").json()
                .findValuesAsString("text")).contains("store 15, till 3, day 2026-11-20: 1041–1043 missing");
        assertThat(till(tokens, "9").get("/api/sync/stores/15/gaps?day=2026-11-20").status()).isEqualTo(403);

        till(tokens, "15").post("/api/sync/stores/15/batches", batch("ws3-gap-2", sale("3", 1041, "2026-11-20T02:03:00Z", "1.00"),
                sale("3", 1042, "2026-11-20T02:04:00Z", "1.00"), sale("3", 1043, "2026-11-20T02:05:00Z", "1.00")));
        assertThat(till(tokens, "15").get("/api/sync/stores/15/gaps?day=2026-11-20").json().findValuesAsString("text"))
                .noneMatch(text -> text.contains("till 3,"));
    }

    // ------------------------------------------------------------------ declared figures are bounded where they enter

    @Test
    void aDayCloseDeclaringAHundredBillionSequencesIsRefusedAndAWideRangeCostsWhatWasReceived(Tokens tokens) {
        Api till = till(tokens, "12");
        Map<String, Object> absurd = Map.of("currency", "CNY", "transactionCount", 1, "gross", "1.00", "returns", "0.00",
                "workstations", List.of(Map.of("workstationId", "4", "firstSequence", 0, "lastSequence", 100_000_000_000L)));
        Api.Response refused = till.put("/api/sync/stores/12/days/2026-11-21/close", absurd);
        assertThat(refused.status()).as(refused.toString()).isEqualTo(400);
        assertThat(refused.json().path("errors").findValuesAsString("field")).anyMatch(field -> field.contains("workstations[0]"));
        Api.Response backwards = till.put("/api/sync/stores/12/days/2026-11-21/close", Map.of("currency", "CNY", "transactionCount", 1,
                "gross", "1.00", "returns", "0.00", "workstations", List.of(Map.of("workstationId", "4", "firstSequence", 50, "lastSequence", 10))));
        assertThat(backwards.status()).as(backwards.toString()).isEqualTo(400);

        // The widest range a till may declare, with two transactions received: the report walks what arrived, not every number.
        till.post("/api/sync/stores/12/batches", batch("wide-1", sale("4", 10, "2026-11-21T02:00:00Z", "1.00").replace("2026-11-20", "2026-11-21"),
                sale("4", 20, "2026-11-21T02:01:00Z", "1.00").replace("2026-11-20", "2026-11-21")));
        Api.Response wide = till.put("/api/sync/stores/12/days/2026-11-21/close", Map.of("currency", "CNY", "transactionCount", 2,
                "gross", "2.00", "returns", "0.00", "workstations", List.of(Map.of("workstationId", "4", "firstSequence", 1,
                        "lastSequence", 999_999))));
        assertThat(wide.status()).as(wide.toString()).isIn(200, 201);
        Api.Response report = till.get("/api/sync/stores/12/days/2026-11-21/reconciliation");
        assertThat(report.status()).as(report.toString()).isEqualTo(200);
        assertThat(report.json().path("missing").toString()).contains("1–9 missing").contains("11–19 missing").contains("21–999999 missing");
    }

    @Test
    void anAmountWithAMillionDigitExponentIsRefusedNamingTheField(Tokens tokens) {
        String huge = """
                {"workstationId":"6","businessDay":"2026-11-21","sequenceNumber":1,"type":"SALE","businessTime":"2026-11-21T02:00:00Z",
                 "payload":{"currency":"CNY","lines":[{"sku":"OX-BLU-M","quantity":1,"amount":"1E+6000000"}]}}""";
        Api.Response refused = till(tokens, "12").post("/api/sync/stores/12/batches", batch("huge-1", huge));
        assertThat(refused.status()).as(refused.toString()).isEqualTo(400);
        assertThat(refused.json().path("errors").get(0).path("field").asString()).isEqualTo("transactions[0].payload");
        assertThat(refused.json().path("errors").get(0).path("reason").asString()).contains("lines[0].amount");
        String tiny = huge.replace("1E+6000000", "1E-6000000").replace("\"sequenceNumber\":1", "\"sequenceNumber\":2");
        assertThat(till(tokens, "12").post("/api/sync/stores/12/batches", batch("huge-2", tiny)).status()).isEqualTo(400);
        Api.Response sequence = till(tokens, "12").post("/api/sync/stores/12/batches", batch("huge-3", sale("6", 9_000_000_000_000_000L,
                "2026-11-21T02:00:00Z", "1.00")));
        assertThat(sequence.status()).as(sequence.toString()).isEqualTo(400);
        assertThat(stored("12", "6")).isZero();
    }

    @Test
    void gapsFollowTheNumberingNotATillClockThatJumpedBackAndAReinstallNumbersARunOfItsOwn(Tokens tokens) {
        // Till 8's clock was set back two minutes between 1041 and 1042: no gap is false, the real one (1045) is shown.
        till(tokens, "15").post("/api/sync/stores/15/batches", batch("clock-1", sale("8", 1041, "2026-11-20T02:00:00Z", "1.00"),
                sale("8", 1042, "2026-11-20T01:58:00Z", "1.00"), sale("8", 1043, "2026-11-20T02:01:00Z", "1.00"),
                sale("8", 1044, "2026-11-20T02:02:00Z", "1.00"), sale("8", 1046, "2026-11-20T02:04:00Z", "1.00")));
        List<String> gaps = till(tokens, "15").get("/api/sync/stores/15/gaps?day=2026-11-20").json().findValuesAsString("text");
        assertThat(gaps.stream().filter(text -> text.contains("till 8,")).toList())
                .containsExactly("store 15, till 8, day 2026-11-20: 1045 missing");

        // Till 9 was reinstalled mid-day and numbers from 1 again: a run of its own installation, not a gap of 4–4999.
        String first = "{\"batchId\":\"inst-a\",\"posInstallationId\":\"till9-a\",\"transactions\":["
                + sale("9", 5000, "2026-11-20T02:00:00Z", "1.00") + "," + sale("9", 5001, "2026-11-20T02:01:00Z", "1.00") + "]}";
        String second = "{\"batchId\":\"inst-b\",\"posInstallationId\":\"till9-b\",\"transactions\":["
                + sale("9", 1, "2026-11-20T03:00:00Z", "1.00") + "," + sale("9", 2, "2026-11-20T03:01:00Z", "1.00") + "," 
                + sale("9", 3, "2026-11-20T03:02:00Z", "1.00") + "]}";
        assertThat(till(tokens, "15").post("/api/sync/stores/15/batches", first).status()).isEqualTo(202);
        assertThat(till(tokens, "15").post("/api/sync/stores/15/batches", second).status()).isEqualTo(202);
        assertThat(till(tokens, "15").get("/api/sync/stores/15/gaps?day=2026-11-20").json().findValuesAsString("text"))
                .noneMatch(text -> text.contains("till 9,"));
        Api.Response badId = till(tokens, "15").post("/api/sync/stores/15/batches", second.replace("till9-b", "no spaces allowed"));
        assertThat(badId.status()).isEqualTo(400);
        assertThat(badId.json().path("errors").get(0).path("field").asString()).isEqualTo("posInstallationId");
    }
}
