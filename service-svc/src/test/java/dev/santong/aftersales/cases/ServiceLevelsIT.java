package dev.santong.aftersales.cases;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.TestPropertySource;

import dev.santong.aftersales.WithOtherServices;
import dev.santong.platform.testkit.Api;
import dev.santong.platform.testkit.MutableClock;
import dev.santong.platform.testkit.MutableClockConfiguration;
import dev.santong.platform.testkit.StackTest;
import dev.santong.platform.testkit.Tokens;
import tools.jackson.databind.JsonNode;

/** Service levels per type and state set by HQ, due times that pause while the customer is asked, late steps once. */
@StackTest
@Import(MutableClockConfiguration.class)
@TestPropertySource(properties = "santong.aftersales.watch-interval=PT1H")
class ServiceLevelsIT extends WithOtherServices {

    @Autowired
    Api api;

    @Autowired
    MutableClock clock;

    @Autowired
    ServiceLevelWatch watch;

    private JsonNode queued(Tokens tokens, String caseId) {
        for (JsonNode entry : api.as(tokens.storeStaff("9")).get("/api/aftersales/stores/9/queue").json()) {
            if (entry.path("id").asString().equals(caseId)) {
                return entry;
            }
        }
        return null;
    }

    private long breachesOf(Tokens tokens, String token, String storeId, String caseId) {
        JsonNode breaches = api.as(token).get("/api/aftersales/sla-breaches" + (storeId == null ? "" : "?storeId=" + storeId)).json();
        long found = 0;
        for (JsonNode breach : breaches) {
            found += breach.path("caseId").asString().equals(caseId) ? 1 : 0;
        }
        return found;
    }

    @Test
    void aStepIsDueAfterItsServiceLevelPausesWhileTheCustomerIsAskedAndIsRecordedLateOnce(Tokens tokens) {
        Api hq = api.as(tokens.hqAdmin());
        assertThat(hq.put("/api/aftersales/service-levels/RETURN/REQUESTED", Map.of("within", "PT10H")).status()).isEqualTo(200);
        assertThat(api.as(tokens.hqAnalyst()).put("/api/aftersales/service-levels/RETURN/REQUESTED", Map.of("within", "PT1H")).status())
                .isEqualTo(403);
        assertThat(hq.put("/api/aftersales/service-levels/RETURN/REQUESTED", Map.of("within", "PT0S")).body()).contains("within");
        assertThat(hq.put("/api/aftersales/service-levels/RETURN/CLOSED", Map.of("within", "PT1H")).body()).contains("state");
        assertThat(hq.put("/api/aftersales/service-levels/COMPLAINT/INSPECTED", Map.of("within", "PT1H")).status())
                .as("a complaint is never inspected").isEqualTo(400);
        assertThat(api.as(tokens.storeStaff("9")).get("/api/aftersales/service-levels").body()).contains("\"within\":\"PT10H\"");

        // Bought an hour before the service's (moved) clock: well within the return window.
        String order = shop().online("SO-SLA-" + System.nanoTime()).line("OX-BLU-M", "apparel", 1, "100.00")
                .at(clock.instant().minus(Duration.ofHours(1))).by(shop().anyMember());
        // The database keeps microseconds.
        Instant opened = clock.instant().truncatedTo(ChronoUnit.MICROS);
        Api.Response created = api.as(tokens.storeStaff("9")).post("/api/aftersales/cases", Map.of("type", "RETURN", "channel", "STORE",
                "storeId", "9", "purchase", Map.of("channel", "ONLINE", "reference", order), "skuCode", "OX-BLU-M", "quantity", 1,
                "reason", "too small"));
        String id = created.json().path("id").asString();
        assertThat(Instant.parse(created.json().path("dueAt").asString())).isEqualTo(opened.plus(Duration.ofHours(10)));

        clock.advance(Duration.ofHours(9));
        assertThat(queued(tokens, id).path("dueSoon").asBoolean()).as("due within two hours").isTrue();
        assertThat(queued(tokens, id).path("overdue").asBoolean()).isFalse();
        assertThat(api.as(tokens.storeStaff("12")).get("/api/aftersales/stores/9/queue").status()).as("another store's queue").isEqualTo(403);

        // Asked with one hour left: two days waiting for the customer are not late.
        assertThat(api.as(tokens.storeStaff("9")).header("If-Match", "\"0\"").post("/api/aftersales/cases/" + id + "/steps",
                Map.of("action", "ASK_CUSTOMER", "note", "which size?")).status()).isEqualTo(200);
        clock.advance(Duration.ofDays(2));
        watch.recordLateSteps();
        assertThat(breachesOf(tokens, tokens.hqAnalyst(), null, id)).isZero();
        Api.Response answered = api.as(tokens.storeStaff("9")).header("If-Match", "\"1\"").post("/api/aftersales/cases/" + id + "/steps",
                Map.of("action", "CUSTOMER_ANSWERED", "note", "size M"));
        assertThat(Instant.parse(answered.json().path("dueAt").asString())).as("the hour that was left")
                .isCloseTo(clock.instant().plus(Duration.ofHours(1)), within(1, ChronoUnit.MILLIS));

        clock.advance(Duration.ofHours(2));
        assertThat(queued(tokens, id).path("overdue").asBoolean()).isTrue();
        watch.recordLateSteps();
        watch.recordLateSteps();
        assertThat(breachesOf(tokens, tokens.hqAnalyst(), null, id)).as("recorded once").isEqualTo(1);
        assertThat(breachesOf(tokens, tokens.storeStaff("9"), "9", id)).as("the store sees its own").isEqualTo(1);
        assertThat(breachesOf(tokens, tokens.storeStaff("12"), "12", id)).isZero();
        assertThat(api.as(tokens.storeStaff("12")).get("/api/aftersales/sla-breaches?storeId=9").status()).isEqualTo(403);
        assertThat(api.as(tokens.storeStaff("12")).get("/api/aftersales/sla-breaches").status()).as("a store names its own").isEqualTo(403);

        assertThat(api.as(tokens.storeStaff("9")).header("If-Match", "\"2\"").post("/api/aftersales/cases/" + id + "/steps",
                Map.of("action", "APPROVE")).status()).isEqualTo(200);
        JsonNode breach = api.as(tokens.hqAnalyst()).get("/api/aftersales/sla-breaches?storeId=9").json().get(0);
        assertThat(breach.path("state").asString()).isEqualTo("REQUESTED");
        assertThat(breach.path("stillPending").asBoolean()).as("the late step was taken since").isFalse();
    }
}
