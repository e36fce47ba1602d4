package dev.santong.channelsync.apply;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import dev.santong.platform.testkit.Api;
import dev.santong.platform.testkit.ServiceProcess;
import dev.santong.platform.testkit.StackTest;
import dev.santong.platform.testkit.Tokens;
import tools.jackson.databind.JsonNode;

/**
 * A return taken at a till is applied in all three services: stock and points as before, and in service-svc as a
 * closed return case, once, which counts against the purchase: what the till took back cannot be returned again online.
 */
@StackTest
class TillReturnCaseIT {

    static RemoteServices remotes;
    static ServiceProcess aftersales;

    @Autowired
    Api api;

    @Autowired
    JdbcClient jdbc;

    @DynamicPropertySource
    static void services(DynamicPropertyRegistry registry) {
        remotes = RemoteServices.start();
        aftersales = ServiceProcess.start("service-svc", "santong_aftersales", "aftersales_svc",
                Map.of("SANTONG_REMOTES_MEMBER_URL", remotes.members.url(), "SANTONG_REMOTES_GOODS_URL", remotes.goods.url()));
        remotes.register(registry);
        registry.add("santong.remotes.aftersales-url", aftersales::url);
        registry.add("santong.sync.apply.till-returns", () -> "true");
    }

    @AfterAll
    static void stop() {
        if (aftersales != null) {
            aftersales.close();
        }
        if (remotes != null) {
            remotes.close();
        }
    }

    private static void await(Duration timeout, BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("not reached within " + timeout);
            }
            Thread.sleep(250);
        }
    }

    @Test
    void aTillReturnIsAClosedCaseOnceAndWhatItTookBackCannotBeReturnedAgain(Tokens tokens) throws Exception {
        Api hqGoods = Api.at(remotes.goods.url()).as(tokens.hqAdmin());
        hqGoods.put("/api/goods/locations/12", Map.of("name", "Store 12", "kind", "STORE", "pickupEnabled", false, "onlineBuffer", 0));
        hqGoods.put("/api/goods/locations/9", Map.of("name", "Store 9", "kind", "STORE", "pickupEnabled", false, "onlineBuffer", 0));
        assertThat(hqGoods.post("/api/goods/skus", Map.of("code", "TR-A", "name", "Till returned", "warrantyMonths", 0)).status()).isEqualTo(201);
        String member = Api.at(remotes.members.url()).as(tokens.hqAdmin()).post("/api/members", Map.of("channel", "HQ_IMPORT",
                "loyaltyCardNumber", "TR-CARD-1")).json().path("member").path("id").asString();
        Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        LocalDate saleDay = now.minus(Duration.ofDays(1)).atZone(ZoneOffset.UTC).toLocalDate();
        LocalDate returnDay = now.atZone(ZoneOffset.UTC).toLocalDate();
        String sale = """
                {"workstationId":"1","businessDay":"%s","sequenceNumber":5,"type":"SALE","businessTime":"%s",
                 "payload":{"currency":"CNY","member":{"card":"TR-CARD-1"},"lines":[{"sku":"TR-A","quantity":2,"amount":"160.00"}],
                            "tenders":[{"type":"Credit Card","amount":"160.00"}]}}""".formatted(saleDay, now.minus(Duration.ofDays(1)));
        String tillReturn = """
                {"workstationId":"2","businessDay":"%s","sequenceNumber":9,"type":"RETURN","businessTime":"%s",
                 "payload":{"currency":"CNY","originalReceipt":{"storeId":"12","workstationId":"1","businessDay":"%s","sequenceNumber":5},
                            "lines":[{"sku":"TR-A","kind":"RETURN","quantity":1,"amount":"80.00"}]}}""".formatted(returnDay, now.minusSeconds(60), saleDay);
        Api till = api.as(tokens.pos("12"));
        assertThat(till.post("/api/sync/stores/12/batches", "{\"batchId\":\"tr-1\",\"transactions\":[" + sale + "," + tillReturn + "]}").status())
                .isEqualTo(202);
        await(Duration.ofSeconds(60), () -> jdbc.sql("""
                SELECT COUNT(*) FROM apply_work WHERE store_id = '12' AND status = 'DONE' AND target = 'AFTERSALES'""").query(Long.class).single() == 1);
        // Sent again in another batch: still one case.
        assertThat(till.post("/api/sync/stores/12/batches", "{\"batchId\":\"tr-2\",\"transactions\":[" + tillReturn + "]}").status()).isEqualTo(202);

        Api hq = Api.at(aftersales.url()).as(tokens.hqAnalyst());
        JsonNode cases = hq.get("/api/aftersales/cases?storeId=12").json().path("items");
        assertThat(cases).hasSize(1);
        JsonNode recorded = hq.get("/api/aftersales/cases/" + cases.get(0).path("id").asString()).json();
        assertThat(recorded.path("type").asString()).isEqualTo("RETURN");
        assertThat(recorded.path("status").asString()).isEqualTo("CLOSED");
        assertThat(recorded.path("memberId").asString()).isEqualTo(member);
        String receipt = "12-" + saleDay.format(DateTimeFormatter.BASIC_ISO_DATE) + "-1-5";
        assertThat(recorded.path("purchase").path("reference").asString()).isEqualTo(receipt);
        assertThat(recorded.path("lines").get(0).path("paidAmount").decimalValue()).isEqualByComparingTo("80.00");

        // Store 9's desk: of the two bought, the till took one back; only one is left to return.
        Api desk = Api.at(aftersales.url()).as(tokens.storeStaff("9"));
        Map<String, Object> purchase = Map.of("channel", "STORE", "storeId", "12", "reference", receipt);
        Api.Response two = desk.post("/api/aftersales/cases", Map.of("type", "RETURN", "channel", "STORE", "storeId", "9", "purchase", purchase,
                "lines", List.of(Map.of("skuCode", "TR-A", "quantity", 2, "reasonCode", "CHANGED_MIND")), "reason", "both"));
        assertThat(two.status()).as(two.toString()).isEqualTo(409);
        assertThat(two.json().path("takenBackByOtherCases").asInt()).isEqualTo(1);
        assertThat(desk.post("/api/aftersales/cases", Map.of("type", "RETURN", "channel", "STORE", "storeId", "9", "purchase", purchase,
                "lines", List.of(Map.of("skuCode", "TR-A", "quantity", 1, "reasonCode", "CHANGED_MIND")), "reason", "the other")).status())
                .isEqualTo(201);
        await(Duration.ofSeconds(30), () -> jdbc.sql("SELECT COUNT(*) FROM apply_work WHERE store_id = '12' AND status <> 'DONE'")
                .query(Long.class).single() == 0);
        assertThat(hq.get("/api/aftersales/cases?storeId=12").json().path("items")).as("the resent return is the same case").hasSize(1);

        // An online order brought back to store 12's till.
        String order = "SO-TR-" + System.nanoTime();
        assertThat(Api.at(remotes.members.url()).as(tokens.shopBackend()).post("/api/members/points/earns", Map.of("memberId", member,
                "channel", "ONLINE", "reference", order, "occurredAt", now.minus(Duration.ofDays(3)).toString(), "currency", "CNY",
                "lines", List.of(Map.of("sku", "TR-A", "quantity", 1, "amount", "90.00")))).status()).isEqualTo(201);
        String onlineReturn = """
                {"workstationId":"2","businessDay":"%s","sequenceNumber":10,"type":"RETURN","businessTime":"%s",
                 "payload":{"currency":"CNY","originalPurchase":{"channel":"ONLINE","reference":"%s"},
                            "lines":[{"sku":"TR-A","kind":"RETURN","quantity":1,"amount":"90.00"}]}}""".formatted(returnDay, now.minusSeconds(30), order);
        assertThat(till.post("/api/sync/stores/12/batches", "{\"batchId\":\"tr-3\",\"transactions\":[" + onlineReturn + "]}").status())
                .isEqualTo(202);
        await(Duration.ofSeconds(60), () -> jdbc.sql("""
                SELECT COUNT(*) FROM apply_work WHERE store_id = '12' AND status = 'DONE' AND target = 'AFTERSALES'""").query(Long.class).single() == 2);
        JsonNode both = hq.get("/api/aftersales/cases?storeId=12").json().path("items");
        assertThat(both).hasSize(2);
        JsonNode online = hq.get("/api/aftersales/cases/" + both.get(0).path("id").asString()).json();
        assertThat(online.path("purchase").path("channel").asString()).isEqualTo("ONLINE");
        assertThat(online.path("purchase").path("reference").asString()).isEqualTo(order);
        assertThat(online.path("openedStore").asString()).isEqualTo("12");
    }
}
