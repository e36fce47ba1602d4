package dev.santong.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import dev.santong.platform.testkit.Api;
import dev.santong.platform.testkit.Tokens;
import tools.jackson.databind.JsonNode;

/**
 * A store's day through the gateway on the running suite: a till enrols a member offline and sells to them, uploads
 * both, closes the day; channel-sync-svc applies them to member-svc and goods-svc with its own service account and
 * the day reconciles green, with the member's points and the store's stock where the till said.
 */
class StoreDayJourneyE2E {

    private final Tokens tokens = Tokens.forLocalStack();
    private final Api gateway = Api.at(System.getProperty("santong.gateway.url", "http://localhost:8080"));
    private final String run = UUID.randomUUID().toString().substring(0, 8).toUpperCase();

    @Test
    void aTillsOfflineDayIsAppliedAndReconcilesGreen() throws Exception {
        String sku = "E2E-DAY-" + run;
        assertThat(gateway.as(tokens.hqAdmin()).post("/api/goods/skus", Map.of("code", sku, "name", "Day mug", "warrantyMonths", 0)).status())
                .isEqualTo(201);
        // A day of its own within the points' lifetime (a year), so runs against the same suite do not share a store day:
        // one that nothing was received or closed for yet.
        Api hq = gateway.as(tokens.hqAdmin());
        LocalDate day = LocalDate.now(java.time.ZoneOffset.UTC).minusDays(1 + Math.floorMod(run.hashCode(), 330));
        for (int tries = 0; tries < 330; tries++) {
            JsonNode earlier = hq.get("/api/sync/stores/15/days/" + day + "/reconciliation").json();
            if (earlier.path("received").asInt() == 0 && earlier.path("closeVersion").isNull()) {
                break;
            }
            day = day.minusDays(1).isBefore(LocalDate.now(java.time.ZoneOffset.UTC).minusDays(331))
                    ? LocalDate.now(java.time.ZoneOffset.UTC).minusDays(1) : day.minusDays(1);
        }
        String card = "E2E" + run;
        String batch = """
                {"batchId":"e2e-day-%s","transactions":[
                 {"workstationId":"E%s","businessDay":"%s","sequenceNumber":1,"type":"MEMBER_ENROLMENT","businessTime":"%sT02:00:00Z",
                  "payload":{"enrolment":{"loyaltyCardNumber":"%s","displayName":"Walk-in"}}},
                 {"workstationId":"E%s","businessDay":"%s","sequenceNumber":2,"type":"SALE","businessTime":"%sT02:05:00Z",
                  "payload":{"currency":"CNY","member":{"card":"%s"},"lines":[{"sku":"%s","quantity":2,"amount":"59.80"}],
                             "tenders":[{"type":"CASH","amount":"59.80"}]}}]}"""
                .formatted(run, run, day, day, card, run, day, day, card, sku);
        Api till = gateway.as(tokens.pos("15"));
        assertThat(till.post("/api/sync/stores/15/batches", batch).status()).isEqualTo(202);
        Map<String, Object> close = Map.of("currency", "CNY", "transactionCount", 2, "gross", "59.80", "returns", "0", "tenders",
                Map.of("CASH", "59.80"), "itemsSold", Map.of(sku, 2), "pointsEarned", 59,
                "workstations", List.of(Map.of("workstationId", "E" + run, "firstSequence", 1, "lastSequence", 2)));
        assertThat(till.put("/api/sync/stores/15/days/" + day + "/close", close).status()).isEqualTo(201);

        String report = "/api/sync/stores/15/days/" + day + "/reconciliation";
        long deadline = System.currentTimeMillis() + 60_000;
        JsonNode reconciliation = till.get(report).json();
        while (!"GREEN".equals(reconciliation.path("status").asString()) && System.currentTimeMillis() < deadline) {
            Thread.sleep(500);
            reconciliation = till.get(report).json();
        }
        assertThat(reconciliation.path("status").asString()).as(reconciliation.toString()).isEqualTo("GREEN");

        JsonNode member = gateway.as(tokens.hqAdmin()).get("/api/members/lookup?card=" + card).json();
        assertThat(gateway.as(tokens.hqAdmin()).get("/api/members/" + member.path("memberId").asString() + "/points").json()
                .path("balance").asLong()).isEqualTo(59);
        JsonNode levels = gateway.as(tokens.hqAdmin()).get("/api/goods/stock/" + sku).json();
        assertThat(levels.toString()).contains("\"location\":\"15\"").contains("\"onHand\":-2");
        assertThat(gateway.as(tokens.hqAnalyst()).get("/api/sync/stores/health").body()).contains("\"storeId\":\"15\"");
    }
}
