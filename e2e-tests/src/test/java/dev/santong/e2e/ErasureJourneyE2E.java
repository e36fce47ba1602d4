package dev.santong.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

import dev.santong.platform.testkit.Api;
import dev.santong.platform.testkit.LocalStack;
import dev.santong.platform.testkit.Tokens;

/**
 * A member's erasure on the running suite reaches every service: after a till sold to them by card and by phone and
 * a service desk opened a case quoting their phone, HQ erases them, and then no table of any service and no log of
 * the run holds their phone (in any spelling), card or name.
 */
class ErasureJourneyE2E {

    /** Background work (applying, relaying an erasure to every service) settles well within this. */
    private static final java.time.Duration SETTLED = java.time.Duration.ofSeconds(90);

    private static final List<String> SCHEMAS = List.of("santong_member", "santong_goods", "santong_aftersales", "santong_channelsync");

    private final Tokens tokens = Tokens.forLocalStack();
    private final Api gateway = Api.at(System.getProperty("santong.gateway.url", "http://localhost:8080"));
    private final String run = UUID.randomUUID().toString().substring(0, 8).toUpperCase();

    @Test
    void anErasedMemberIsInNoTableAndNoLogOfAnyService() throws Exception {
        String national = "139" + (10_000_000 + ThreadLocalRandom.current().nextInt(89_999_999));
        String card = "ER" + run;
        String name = "Erasable " + run;
        Api hq = gateway.as(tokens.hqAdmin());
        Api.Response enrolled = hq.post("/api/members", Map.of("channel", "HQ_IMPORT", "phone", national, "loyaltyCardNumber", card,
                "displayName", name));
        assertThat(enrolled.status()).as(enrolled.toString()).isEqualTo(201);
        String member = enrolled.json().path("member").path("id").asString();
        String sku = "E2E-ER-" + run;
        assertThat(hq.post("/api/goods/skus", Map.of("code", sku, "name", "Erasure mug", "warrantyMonths", 0)).status()).isEqualTo(201);

        LocalDate day = LocalDate.now(ZoneOffset.UTC).minusDays(1);
        String sale = """
                {"workstationId":"R%s","businessDay":"%s","sequenceNumber":%d,"type":"SALE","businessTime":"%sT03:0%d:00Z",
                 "payload":{"currency":"CNY","member":{"%s":"%s"},"lines":[{"sku":"%s","quantity":1,"amount":"25.00"}],
                            "tenders":[{"type":"CASH","amount":"25.00"}]}}""";
        String batch = "{\"batchId\":\"e2e-erase-" + run + "\",\"transactions\":[" + sale.formatted(run, day, 1, day, 1, "card", card, sku)
                + "," + sale.formatted(run, day, 2, day, 2, "phone", national, sku) + "]}";
        assertThat(gateway.as(tokens.pos("15")).post("/api/sync/stores/15/batches", batch).status()).isEqualTo(202);
        Eventually.until(SETTLED, () -> hq.get("/api/members/" + member + "/points/entries").json().size() >= 2, "both sales applied");
        Api.Response opened = gateway.as(tokens.storeStaff("9")).post("/api/aftersales/cases", Map.of("type", "RETURN", "channel", "STORE",
                "storeId", "9", "memberId", member, "purchase", Map.of("channel", "STORE", "storeId", "15",
                        "reference", "15-" + day.format(java.time.format.DateTimeFormatter.BASIC_ISO_DATE) + "-R" + run + "-1"),
                "skuCode", sku, "quantity", 1, "reason", "customer on " + national + " wants a refund"));
        assertThat(opened.status()).as(opened.toString()).isEqualTo(201);

        List<String> identities = List.of(national, "+86" + national, "86" + national, card, name);
        assertThat(tablesHolding(card)).as("the scan sees what stores sent").contains("santong_channelsync.pos_batch.raw_body");
        assertThat(tablesHolding(national)).contains("santong_aftersales.aftersales_case.reason");

        assertThat(hq.post("/api/members/" + member + "/erasure", Map.of("reason", "written request")).status()).isEqualTo(200);
        Eventually.until(SETTLED, () -> identities.stream().allMatch(value -> tablesHolding(value).isEmpty()), "no table of any service holds the member");
        for (String value : identities) {
            assertThat(logsHolding(value)).as("logs holding %s", value).isEmpty();
        }
        assertThat(gateway.as(tokens.hqAnalyst()).get("/api/members/erasure-relay").body()).as("every service confirmed")
                .doesNotContain(member);
    }

    /** schema.table.column of every text column in the services' schemas holding the value. */
    private static List<String> tablesHolding(String value) {
        LocalStack stack = LocalStack.fromEnvironment();
        List<String> found = new ArrayList<>();
        try (Connection db = DriverManager.getConnection(stack.jdbcUrl("information_schema"), stack.dbAdminUser(), stack.dbAdminPassword())) {
            List<String[]> columns = new ArrayList<>();
            try (PreparedStatement query = db.prepareStatement("""
                    SELECT table_schema, table_name, column_name FROM information_schema.columns
                    WHERE table_schema IN (?, ?, ?, ?) AND data_type IN ('char', 'varchar', 'text', 'mediumtext', 'longtext')""")) {
                for (int i = 0; i < SCHEMAS.size(); i++) {
                    query.setString(i + 1, SCHEMAS.get(i));
                }
                try (ResultSet rows = query.executeQuery()) {
                    while (rows.next()) {
                        columns.add(new String[] { rows.getString(1), rows.getString(2), rows.getString(3) });
                    }
                }
            }
            for (String[] column : columns) {
                try (PreparedStatement count = db.prepareStatement("SELECT 1 FROM `" + column[0] + "`.`" + column[1] + "` WHERE `" + column[2]
                        + "` LIKE ? LIMIT 1")) {
                    count.setString(1, "%" + value + "%");
                    try (ResultSet rows = count.executeQuery()) {
                        if (rows.next()) {
                            found.add(String.join(".", column));
                        }
                    }
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException("scanning the services' schemas", e);
        }
        return found;
    }

    /** The suite's logs of this run (./santong writes them under .local/logs) holding the value. */
    private static List<String> logsHolding(String value) throws IOException {
        Path logs = Path.of(System.getProperty("santong.logs", "../.local/logs"));
        assertThat(logs).as("the suite's logs").isDirectory();
        try (Stream<Path> files = Files.list(logs)) {
            return files.filter(file -> file.getFileName().toString().endsWith(".log")).filter(file -> {
                try {
                    return new String(Files.readAllBytes(file), StandardCharsets.UTF_8).contains(value);
                } catch (IOException e) {
                    throw new IllegalStateException(e);
                }
            }).map(Path::toString).toList();
        }
    }
}
