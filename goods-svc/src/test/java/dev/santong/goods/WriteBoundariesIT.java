package dev.santong.goods;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import javax.sql.DataSource;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.TestPropertySource;

import dev.santong.platform.testkit.Api;
import dev.santong.platform.testkit.StackTest;
import dev.santong.platform.testkit.Tokens;
import dev.santong.platform.testkit.WriteBoundaryProbe;

/** Every write operation of the OpenAPI document, walked with boundary and garbage values (see {@link WriteBoundaryProbe}). */
@StackTest
@TestPropertySource(properties = "santong.reservations.expiry-interval=PT1H")
class WriteBoundariesIT {

    @LocalServerPort
    int port;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    DataSource dataSource;

    @Test
    void noWriteOperationAnswers5xxOrAFieldlessProblemOrChangesStateWhenItRefuses(Tokens tokens) {
        Api hq = Api.at("http://localhost:" + port).as(tokens.hqAdmin());
        hq.put("/api/goods/locations/9", Map.of("name", "Store 9", "kind", "STORE", "pickupEnabled", true, "onlineBuffer", 0));
        hq.post("/api/goods/skus", Map.of("code", "PROBE-1", "name", "Probe", "warrantyMonths", 0));
        WriteBoundaryProbe probe = new WriteBoundaryProbe(hq, Map.of("sku", "PROBE-1", "location", "9", "code", "probe-loc"),
                WriteBoundaryProbe.tableChecksums(dataSource));
        List<WriteBoundaryProbe.Finding> findings = probe.run();
        System.out.printf("goods-svc write boundaries: %d requests, answers %s, %d findings%n", probe.sent(), probe.statuses(), findings.size());
        assertThat(probe.sent()).as("the document's write operations were walked").isGreaterThan(50);
        assertThat(findings).as(String.join("\n", findings.stream().map(Object::toString).toList())).isEmpty();
    }

    @Test
    void aBodyLargerThanTheServiceAcceptsIsRefusedBeforeItIsRead(Tokens tokens) throws Exception {
        String huge = "{\"code\": \"BIG-1\", \"name\": \"" + "x".repeat(2 * 1024 * 1024) + "\", \"warrantyMonths\": 0}";
        Api.Response declared = Api.at("http://localhost:" + port).as(tokens.hqAdmin()).post("/api/goods/skus", huge);
        assertThat(declared.status()).as(declared.toString().substring(0, Math.min(200, declared.toString().length()))).isEqualTo(413);
        assertThat(declared.header("Content-Type")).startsWith("application/problem+json");

        // Without a declared length (chunked), reading stops at the limit.
        java.net.http.HttpRequest chunked = java.net.http.HttpRequest.newBuilder(java.net.URI.create("http://localhost:" + port + "/api/goods/skus"))
                .header("Authorization", "Bearer " + tokens.hqAdmin()).header("Content-Type", "application/json")
                .POST(java.net.http.HttpRequest.BodyPublishers.ofInputStream(
                        () -> new java.io.ByteArrayInputStream(huge.getBytes(java.nio.charset.StandardCharsets.UTF_8))))
                .build();
        java.net.http.HttpResponse<String> answer = java.net.http.HttpClient.newHttpClient().send(chunked,
                java.net.http.HttpResponse.BodyHandlers.ofString());
        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(413);
        assertThat(jdbc.sql("SELECT COUNT(*) FROM sku WHERE code = 'BIG-1'").query(Long.class).single()).isZero();
    }
}
