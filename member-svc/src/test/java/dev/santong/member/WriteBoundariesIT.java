package dev.santong.member;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import javax.sql.DataSource;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.TestPropertySource;

import dev.santong.platform.testkit.Api;
import dev.santong.platform.testkit.StackTest;
import dev.santong.platform.testkit.Tokens;
import dev.santong.platform.testkit.WriteBoundaryProbe;

/** Every write operation of the OpenAPI document, walked with boundary and garbage values (see {@link WriteBoundaryProbe}). */
@StackTest
@TestPropertySource(properties = { "santong.points.expiry-interval=PT1H", "santong.points.expiry-initial-delay=PT1H" })
class WriteBoundariesIT {

    @Autowired
    Api api;

    @Autowired
    DataSource dataSource;

    @Test
    void noWriteOperationAnswers5xxOrAFieldlessProblemOrChangesStateWhenItRefuses(Tokens tokens) {
        Api hq = api.as(tokens.hqAdmin());
        String member = api.as(tokens.pos("9")).post("/api/members", Map.of("channel", "STORE", "storeId", "9",
                "phone", "13755550001")).json().path("member").path("id").asString();
        WriteBoundaryProbe probe = new WriteBoundaryProbe(hq, Map.of("memberId", member, "survivorId", member, "reference", "SO-PROBE"),
                WriteBoundaryProbe.tableChecksums(dataSource));
        List<WriteBoundaryProbe.Finding> findings = probe.run();
        System.out.printf("member-svc write boundaries: %d requests, answers %s, %d findings%n", probe.sent(), probe.statuses(), findings.size());
        assertThat(probe.sent()).as("the document's write operations were walked").isGreaterThan(50);
        assertThat(findings).as(String.join("\n", findings.stream().map(Object::toString).toList())).isEmpty();
    }
}
