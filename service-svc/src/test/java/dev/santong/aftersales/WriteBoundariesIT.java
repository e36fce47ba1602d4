package dev.santong.aftersales;

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
@TestPropertySource(properties = "santong.description=probe")
class WriteBoundariesIT {

    @Autowired
    Api api;

    @Autowired
    DataSource dataSource;

    @Test
    void noWriteOperationAnswers5xxOrAFieldlessProblemOrChangesStateWhenItRefuses(Tokens tokens) {
        Api hq = api.as(tokens.hqAdmin());
        WriteBoundaryProbe probe = new WriteBoundaryProbe(hq, Map.of(),
                WriteBoundaryProbe.tableChecksums(dataSource));
        List<WriteBoundaryProbe.Finding> findings = probe.run();
        System.out.printf("service-svc write boundaries: %d requests, answers %s, %d findings%n", probe.sent(), probe.statuses(), findings.size());
        assertThat(probe.sent()).as("the document's write operations were walked").isGreaterThan(50);
        assertThat(findings).as(String.join("\n", findings.stream().map(Object::toString).toList())).isEmpty();
    }
}
