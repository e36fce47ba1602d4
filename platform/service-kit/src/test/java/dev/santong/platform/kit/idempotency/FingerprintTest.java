package dev.santong.platform.kit.idempotency;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

class FingerprintTest {

    record Line(String sku, BigDecimal amount) {
    }

    record Sale(String reference, Instant at, List<Line> lines, Map<String, String> tags) {
    }

    @Test
    void propertyAndMapOrderDoNotMatterButEveryValueDoes() {
        Map<String, String> ab = new LinkedHashMap<>();
        ab.put("a", "1");
        ab.put("b", "2");
        Map<String, String> ba = new LinkedHashMap<>();
        ba.put("b", "2");
        ba.put("a", "1");
        Instant at = Instant.parse("2026-11-21T05:00:00Z");
        Sale sale = new Sale("9-20261121-1-7", at, List.of(new Line("X", new BigDecimal("30.00"))), ab);
        assertThat(Fingerprint.of(new Sale("9-20261121-1-7", at, List.of(new Line("X", new BigDecimal("30.00"))), ba))).isEqualTo(Fingerprint.of(sale));
        assertThat(Fingerprint.of(new Sale("9-20261121-1-8", at, sale.lines(), ab))).isNotEqualTo(Fingerprint.of(sale));
        assertThat(Fingerprint.of(new Sale(sale.reference(), at.plusMillis(1), sale.lines(), ab))).isNotEqualTo(Fingerprint.of(sale));
        assertThat(Fingerprint.of(new Sale(sale.reference(), at, List.of(new Line("X", new BigDecimal("31.00"))), ab)))
                .isNotEqualTo(Fingerprint.of(sale));
    }

    @Test
    void aJsonBodyIsTheSameWhateverItsSpellingAndAnyOtherBodyIsTakenByteForByte() {
        byte[] compact = "{\"b\":[1,2],\"a\":{\"y\":true,\"x\":null}}".getBytes(StandardCharsets.UTF_8);
        byte[] pretty = "{\n  \"a\" : { \"x\" : null, \"y\" : true },\n  \"b\" : [ 1, 2 ]\n}".getBytes(StandardCharsets.UTF_8);
        assertThat(Fingerprint.ofBody(pretty)).isEqualTo(Fingerprint.ofBody(compact));
        assertThat(Fingerprint.ofBody("{\"b\":[2,1],\"a\":{\"y\":true,\"x\":null}}".getBytes(StandardCharsets.UTF_8)))
                .as("array order is content").isNotEqualTo(Fingerprint.ofBody(compact));
        assertThat(Fingerprint.ofBody("<a/>".getBytes(StandardCharsets.UTF_8))).isNotEqualTo(Fingerprint.ofBody("<a />".getBytes(StandardCharsets.UTF_8)));
        assertThat(Fingerprint.ofBody(new byte[0])).hasSize(64);
    }
}
