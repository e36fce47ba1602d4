package dev.santong.channelsync.upload;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

import dev.santong.platform.testkit.StackTest;
import org.springframework.test.context.TestPropertySource;
import dev.santong.platform.testkit.Tokens;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

@StackTest
@TestPropertySource(properties = "santong.sync.apply.enabled=false")
class PosLogImportIT {

    @LocalServerPort
    int port;

    @Autowired
    JdbcClient jdbc;

    private HttpResponse<String> upload(String token, String store, String xml) throws Exception {
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/api/sync/stores/" + store
                        + "/batches?zone=America/New_York"))
                .header("Authorization", "Bearer " + token).header("Content-Type", "application/xml")
                .POST(HttpRequest.BodyPublishers.ofString(xml)).build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void bothRealPosLogFilesImportCompletelyAndAResendIsTheSameBatch(Tokens tokens) throws Exception {
        String pos9 = tokens.pos("9");
        HttpResponse<String> small = upload(pos9, "9", PosLogParserTest.fixture("SMALL.xml"));
        assertThat(small.statusCode()).as(small.body()).isEqualTo(202);
        assertThat(JsonMapper.builder().build().readTree(small.body()).path("newTransactions").asInt()).isEqualTo(2);

        HttpResponse<String> day = upload(pos9, "9", PosLogParserTest.fixture("POSLog.xml"));
        JsonNode status = JsonMapper.builder().build().readTree(day.body());
        assertThat(day.statusCode()).as(day.body()).isEqualTo(202);
        assertThat(status.path("transactions").asInt()).isEqualTo(51);
        assertThat(status.path("newTransactions").asInt()).isEqualTo(51);
        assertThat(jdbc.sql("SELECT COUNT(*) FROM pos_transaction WHERE store_id = '9' AND type = 'CONTROL'").query(Long.class).single()).isEqualTo(10L);

        HttpResponse<String> again = upload(pos9, "9", PosLogParserTest.fixture("POSLog.xml"));
        assertThat(again.headers().firstValue("Location")).isEqualTo(day.headers().firstValue("Location"));
        assertThat(again.headers().firstValue("Idempotent-Replayed")).contains("true");
        assertThat(jdbc.sql("SELECT COUNT(*) FROM pos_transaction WHERE store_id = '9'").query(Long.class).single()).isEqualTo(53L);
        assertThat(jdbc.sql("SELECT raw_body FROM pos_batch WHERE id = :id").param("id", status.path("id").asString())
                .query(String.class).single()).as("kept as sent").isEqualTo(PosLogParserTest.fixture("POSLog.xml"));
    }

    @Test
    void aPosLogOfAnotherStoreIsRefusedNamingItsStore(Tokens tokens) throws Exception {
        HttpResponse<String> refused = upload(tokens.pos("12"), "12", PosLogParserTest.fixture("SMALL.xml"));
        assertThat(refused.statusCode()).isEqualTo(400);
        assertThat(refused.body()).contains("RetailStoreID");
        assertThat(upload(tokens.pos("12"), "9", PosLogParserTest.fixture("SMALL.xml")).statusCode()).isEqualTo(403);
        assertThat(upload(tokens.pos("9"), "9", "<POSLog><Transaction>").statusCode()).isEqualTo(400);
    }
}
