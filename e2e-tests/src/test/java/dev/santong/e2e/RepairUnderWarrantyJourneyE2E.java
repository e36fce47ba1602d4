package dev.santong.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import dev.santong.platform.testkit.Api;
import dev.santong.platform.testkit.LocalStack;
import dev.santong.platform.testkit.RealmUsers;
import dev.santong.platform.testkit.Tokens;
import tools.jackson.databind.JsonNode;

/**
 * 服务通 on a member's purchases in a store, asked for online: a kettle bought last month is repaired under its
 * warranty; one bought long ago is repaired on the member's free-repair benefit, which is then used up; each case shows
 * when its next step is due, by the service levels HQ set.
 */
class RepairUnderWarrantyJourneyE2E {

    private static final Duration CONFIRMED = Duration.ofSeconds(60);

    private final Tokens tokens = Tokens.forLocalStack();
    private final Api gateway = Api.at(System.getProperty("santong.gateway.url", "http://localhost:8080"));
    private final String run = UUID.randomUUID().toString().substring(0, 8).toUpperCase();

    @Test
    void aStorePurchaseIsRepairedOnlineUnderWarrantyThenOnTheFreeRepairBenefitWithItsDueTimesShown() {
        long started = System.nanoTime();
        Api hq = gateway.as(tokens.hqAdmin()).header("API-Version", "2");
        String sku = "KETTLE-" + run;
        assertThat(hq.post("/api/goods/skus", Map.of("code", sku, "name", "Kettle " + run, "warrantyMonths", 12, "category", "appliances"))
                .status()).isEqualTo(201);
        RealmUsers.Shopper shopper = new RealmUsers(LocalStack.fromEnvironment()).createShopper("+8613900000002", false);
        Api she = gateway.as(tokens.freshUser(shopper.username(), shopper.password())).header("API-Version", "2");
        String member = she.post("/api/members", Map.of("channel", "ONLINE")).json().path("member").path("id").asString();
        String recent = bought(member, sku, Duration.ofDays(30));
        String old = bought(member, sku, Duration.ofDays(500));
        String campaign = "free-repair-" + run.toLowerCase(java.util.Locale.ROOT);
        assertThat(hq.post("/api/members/vouchers/issues", Map.of("memberIds", List.of(member), "voucher", Map.of("campaign", campaign,
                "kind", "FREE_SERVICE", "service", "repair", "validFrom", Instant.now().minus(Duration.ofDays(1)).toString(),
                "validUntil", Instant.now().plus(Duration.ofDays(365)).toString(), "channels", List.of("ONLINE", "STORE")))).status()).isEqualTo(200);

        JsonNode warranty = repairOnline(she, sku, recent);
        assertThat(warranty.path("terms").path("entitlement").asString()).as("the warranty first; the benefit is kept").isEqualTo("WARRANTY");
        JsonNode benefit = repairOnline(she, sku, old);
        assertThat(benefit.path("terms").path("entitlement").asString()).isEqualTo("FREE_SERVICE_BENEFIT");

        // The levels HQ set say when each step is due; the case shows it, and the next one after each step.
        Map<String, Duration> levels = new HashMap<>();
        hq.get("/api/aftersales/service-levels").json().valueStream().filter(level -> level.path("type").asString().equals("REPAIR"))
                .forEach(level -> levels.put(level.path("state").asString(), Duration.parse(level.path("within").asString())));
        assertDueBy(benefit, levels);
        for (String action : List.of("APPROVE", "RECEIVE_ITEM", "INSPECT", "REPAIR")) {
            benefit = step(hq, benefit, action);
            assertDueBy(benefit, levels);
        }
        String caseId = benefit.path("id").asString();
        Eventually.until(CONFIRMED, () -> hq.get("/api/aftersales/cases/" + caseId).json().path("effects").findValuesAsString("status").stream()
                .allMatch("DONE"::equals), "the benefit's use confirmed by member-svc");
        JsonNode voucher = hq.get("/api/members/" + member + "/vouchers").json().path("items").valueStream()
                .filter(each -> each.path("campaign").asString().equals(campaign)).findFirst().orElseThrow();
        assertThat(voucher.path("status").asString()).as("the free repair is used").isEqualTo("REDEEMED");
        assertThat(voucher.path("redemptionReference").asString()).isEqualTo("case-" + caseId);
        assertThat(repairOnline(she, sku, bought(member, sku, Duration.ofDays(600))).path("terms").path("entitlement").asString())
                .as("and none is left for the next").isEqualTo("CHARGEABLE");
        System.out.printf("journey: repairs under warranty and on the benefit took %d ms%n", (System.nanoTime() - started) / 1_000_000);
    }

    /** A kettle bought at store 9 so long ago, by the member: its receipt. */
    private String bought(String member, String sku, Duration ago) {
        String receipt = "9-K-" + run + "-" + ago.toDays();
        Api.Response earned = gateway.as(tokens.pos("9")).post("/api/members/points/earns", Map.of("memberId", member, "channel", "STORE",
                "storeId", "9", "reference", receipt, "occurredAt", Instant.now().minus(ago).toString(), "currency", "CNY",
                "lines", List.of(Map.of("sku", sku, "category", "appliances", "quantity", 1, "amount", "299.00"))));
        assertThat(earned.status()).as(earned.toString()).isEqualTo(201);
        return receipt;
    }

    private static JsonNode repairOnline(Api shopper, String sku, String receipt) {
        Api.Response opened = shopper.post("/api/aftersales/cases", Map.of("type", "REPAIR", "channel", "ONLINE",
                "purchase", Map.of("channel", "STORE", "storeId", "9", "reference", receipt),
                "lines", List.of(Map.of("skuCode", sku, "quantity", 1, "reasonCode", "NOT_WORKING", "serialNumber", "K-" + receipt)),
                "reason", "does not heat"));
        assertThat(opened.status()).as(opened.toString()).isEqualTo(201);
        return opened.json();
    }

    private static JsonNode step(Api hq, JsonNode caseFile, String action) {
        Api.Response moved = hq.header("If-Match", "\"" + caseFile.path("version").asInt() + "\"")
                .post("/api/aftersales/cases/" + caseFile.path("id").asString() + "/steps", Map.of("action", action));
        assertThat(moved.status()).as(action + ": " + moved).isEqualTo(200);
        return moved.json();
    }

    /** A state with a level is due that long after the case entered it (within the seconds the calls take). */
    private static void assertDueBy(JsonNode caseFile, Map<String, Duration> levels) {
        Duration within = levels.get(caseFile.path("status").asString());
        if (within == null) {
            return;
        }
        Instant due = Instant.parse(caseFile.path("dueAt").asString());
        assertThat(Duration.between(Instant.now(), due)).as(caseFile.path("status").asString())
                .isBetween(within.minusMinutes(2), within.plusMinutes(1));
    }
}
