package dev.santong.channelsync.upload;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;

import org.apache.commons.codec.digest.DigestUtils;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.TestPropertySource;

import dev.santong.platform.testkit.Api;
import dev.santong.platform.testkit.StackTest;
import dev.santong.platform.testkit.Tokens;

/**
 * member-svc's relayed erasure reaches what stores sent: the member's card, phone and enrolment details leave every
 * table (raw JSON and POSLog bodies, transactions, conflicts); another member in the same batch keeps theirs; a resend
 * of the same batch is still recognised.
 */
@StackTest
@TestPropertySource(properties = { "santong.sync.apply.enabled=false", "santong.remotes.goods-url=http://127.0.0.1:9",
        "santong.remotes.member-url=http://127.0.0.1:9" })
class MemberErasureIT {

    @LocalServerPort
    int port;

    @Autowired
    JdbcClient jdbc;

    private static final String CARD = "ERASE-CARD-7731";
    private static final String PHONE = "13912345678";
    private static final String EMAIL = "Wei.Zhang@example.cn";
    private static final String NAME = "Zhang Wei";
    private static final String POSLOG_CARD = "0000000000000040000066677";
    private static final String OTHER_CARD = "KEEP-CARD-0042";

    @Test
    void anErasedMembersValuesLeaveEveryTableAndOthersStay(Tokens tokens) throws Exception {
        String tx = """
                {"workstationId":"6","businessDay":"2026-11-26","sequenceNumber":%d,"type":"%s","businessTime":"2026-11-26T03:0%d:00Z",
                 "payload":%s}""";
        String batch = "{\"batchId\":\"erase-1\",\"transactions\":[" + String.join(",",
                tx.formatted(1, "MEMBER_ENROLMENT", 1, """
                        {"enrolment":{"phone":"%s","email":"%s","displayName":"%s","loyaltyCardNumber":"%s"}}""".formatted(PHONE, EMAIL, NAME, CARD)),
                tx.formatted(2, "SALE", 2, sale("card", CARD, "10.00")),
                tx.formatted(3, "SALE", 3, sale("phone", PHONE, "20.00")),
                tx.formatted(4, "SALE", 4, sale("card", OTHER_CARD, "30.00"))) + "]}";
        Api till = Api.at("http://localhost:" + port).as(tokens.pos("9"));
        assertThat(till.post("/api/sync/stores/9/batches", batch).status()).isEqualTo(202);
        // A corrected resend of the card sale: a conflict that names the member too.
        assertThat(till.post("/api/sync/stores/9/batches", "{\"batchId\":\"erase-2\",\"transactions\":["
                + tx.formatted(2, "SALE", 2, sale("card", CARD, "11.00")) + "]}").json().path("conflicts").asInt()).isEqualTo(1);
        HttpResponse<String> posLog = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create("http://localhost:" + port
                        + "/api/sync/stores/9/batches?zone=America/New_York"))
                .header("Authorization", "Bearer " + tokens.pos("9")).header("Content-Type", "application/xml")
                .POST(HttpRequest.BodyPublishers.ofString(PosLogParserTest.fixture("SMALL.xml"))).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(posLog.statusCode()).isEqualTo(202);
        assertThat(tablesContaining(CARD)).isNotEmpty();
        assertThat(tablesContaining(POSLOG_CARD)).contains("pos_batch.raw_body");

        // What member-svc relays: digests of every spelling it erased (cards normalised), never the values.
        List<String> digests = List.of("ERASECARD7731", "+86" + PHONE, "86" + PHONE, PHONE, EMAIL.toLowerCase(), NAME, POSLOG_CARD).stream()
                .map(DigestUtils::sha256Hex).toList();
        Map<String, Object> notice = Map.of("memberIds", List.of("7d1c0b6e-0000-4000-8000-00000000e2a5"), "digests", digests);
        String path = "/internal/members/7d1c0b6e-0000-4000-8000-00000000e2a5/erasure";
        Api relay = Api.at("http://localhost:" + port).as(tokens.clientCredentials("member-svc", "member-svc-secret"));
        assertThat(Api.at("http://localhost:" + port).as(tokens.hqAdmin()).post(path, notice).status()).isEqualTo(403);
        assertThat(till.post(path, notice).status()).isEqualTo(403);
        assertThat(relay.post(path, Map.of("memberIds", List.of(), "digests", List.of("x"))).json().toString()).contains("digests[0]");
        assertThat(relay.post(path, notice).status()).isEqualTo(204);
        assertThat(relay.post(path, notice).status()).as("relayed again").isEqualTo(204);

        for (String value : List.of(CARD, PHONE, EMAIL, NAME, POSLOG_CARD)) {
            assertThat(tablesContaining(value)).as("%s left anywhere", value).isEmpty();
        }
        assertThat(tablesContaining(OTHER_CARD)).as("another member in the same batch keeps theirs").contains("pos_batch.raw_body",
                "pos_transaction.content");
        assertThat(jdbc.sql("SELECT content FROM pos_transaction WHERE sequence_number = 2 AND workstation_id = '6'").query(String.class)
                .single()).contains("\"card\":\"[erased]\"").contains("10.00");
        assertThat(till.post("/api/sync/stores/9/batches", batch).header("Idempotent-Replayed"))
                .as("the same batch resent is still the same batch").isEqualTo("true");
        assertThat(tablesContaining(CARD)).isEmpty();
    }

    private static String sale(String identity, String value, String amount) {
        return """
                {"currency":"CNY","member":{"%s":"%s"},"lines":[{"sku":"ER-1","quantity":1,"amount":"%s"}]}""".formatted(identity, value, amount);
    }

    /** Every text column of every table of this schema that holds the value anywhere, as table.column. */
    private List<String> tablesContaining(String value) {
        List<String[]> columns = jdbc.sql("""
                SELECT table_name, column_name FROM information_schema.columns WHERE table_schema = DATABASE()
                    AND data_type IN ('char', 'varchar', 'text', 'mediumtext', 'longtext')""")
                .query((rs, n) -> new String[] { rs.getString(1), rs.getString(2) }).list();
        return columns.stream().filter(column -> jdbc.sql("SELECT COUNT(*) FROM `" + column[0] + "` WHERE `" + column[1] + "` LIKE :v")
                .param("v", "%" + value + "%").query(Long.class).single() > 0).map(column -> column[0] + "." + column[1]).toList();
    }
}
