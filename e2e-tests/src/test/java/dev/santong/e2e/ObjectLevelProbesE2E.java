package dev.santong.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import dev.santong.platform.testkit.Api;
import dev.santong.platform.testkit.Tokens;

/**
 * Callers reaching for what is not theirs, through the gateway with real tokens: a shopper for another shopper's member
 * record, points, consents and case; a store's till and staff for another store's uploads, stock, points and cases.
 * Every probe must be refused (401, 403 or 404) and no refusal may carry the object's data.
 */
class ObjectLevelProbesE2E {

    private final Tokens tokens = Tokens.forLocalStack();
    private final Api gateway = Api.at(System.getProperty("santong.gateway.url", "http://localhost:8080"));
    private final String run = UUID.randomUUID().toString().substring(0, 8);

    record Probe(String method, String path, Object body) {
    }

    @Test
    void aShopperReachesNothingOfAnotherShoppers() throws InterruptedException {
        String alice = tokens.customer("alice");
        Api aliceApi = gateway.as(alice);
        aliceApi.post("/api/members", Map.of("channel", "ONLINE"));
        String member = aliceApi.get("/api/members/me").json().path("id").asString();
        assertThat(member).isNotBlank();
        // Alice's own online order, and a return case she opened for it.
        String order = "SO-PROBE-" + run;
        Api.Response earned = gateway.as(tokens.shopBackend()).post("/api/members/points/earns", Map.of("memberId", member, "channel", "ONLINE",
                "reference", order, "occurredAt", Instant.now().minusSeconds(3600).toString(), "currency", "CNY",
                "lines", List.of(Map.of("sku", "OX-BLU-M", "category", "apparel", "quantity", 1, "amount", "199.00"))));
        assertThat(earned.status()).as(earned.toString()).isIn(200, 201);
        Api.Response opened = aliceApi.post("/api/aftersales/cases", Map.of("type", "RETURN", "channel", "ONLINE",
                "purchase", Map.of("channel", "ONLINE", "reference", order),
                "lines", List.of(Map.of("skuCode", "OX-BLU-M", "quantity", 1, "reasonCode", "TOO_SMALL")), "reason", "too small"));
        assertThat(opened.status()).as(opened.toString()).isEqualTo(201);
        String theCase = opened.json().path("id").asString();

        List<Probe> probes = new ArrayList<>();
        for (String m : List.of(member, member.toUpperCase(Locale.ROOT))) {
            for (String read : List.of("", "/audit", "/points", "/points/entries", "/vouchers", "/segments", "/tags", "/tier", "/consents",
                    "/export", "/merges")) {
                probes.add(new Probe("GET", "/api/members/" + m + read, null));
            }
            probes.add(new Probe("GET", "/api/members/" + m + "/merge-preview?mergedMemberId=" + UUID.randomUUID(), null));
            probes.add(new Probe("PATCH", "/api/members/" + m, Map.of("displayName", "Probe")));
            probes.add(new Probe("POST", "/api/members/" + m + "/consents", Map.of("purpose", "MARKETING_SMS", "action", "WITHDRAWN")));
            probes.add(new Probe("POST", "/api/members/" + m + "/erasure", Map.of("reason", "probe")));
            probes.add(new Probe("POST", "/api/members/" + m + "/points/adjustments", Map.of("points", 100, "reason", "probe", "reference", "p-" + run)));
            probes.add(new Probe("PUT", "/api/members/" + m + "/tags/VIP", Map.of()));
            probes.add(new Probe("DELETE", "/api/members/" + m + "/tags/VIP", null));
            probes.add(new Probe("POST", "/api/members/" + m + "/merges", Map.of("mergedMemberId", UUID.randomUUID().toString(), "reason", "probe")));
        }
        for (String c : List.of(theCase, theCase.toUpperCase(Locale.ROOT))) {
            for (String read : List.of("", "/history", "/attachments")) {
                probes.add(new Probe("GET", "/api/aftersales/cases/" + c + read, null));
            }
            probes.add(new Probe("POST", "/api/aftersales/cases/" + c + "/steps", Map.of("action", "CANCEL")));
        }
        probes.add(new Probe("GET", "/api/members/purchases?channel=ONLINE&reference=" + order, null));

        List<String> leaks = run(gateway.as(tokens.customer("bob")).header("If-Match", "\"1\""), probes,
                List.of("Alice Wang", "alice@demo.santong.dev", order, "too small"), 60);
        assertThat(probes.size()).as("probes").isGreaterThanOrEqualTo(40);
        assertThat(leaks).as(String.join("\n", leaks)).isEmpty();
        // The case is untouched by them.
        assertThat(aliceApi.get("/api/aftersales/cases/" + theCase).json().path("status").asString()).isEqualTo("REQUESTED");
    }

    @Test
    void aStoreReachesNothingOfAnotherStores() throws InterruptedException {
        Api hq = gateway.as(tokens.hqAdmin());
        String caseAt9 = hq.get("/api/aftersales/cases?storeId=9&limit=1").json().path("items").path(0).path("id").asString();
        String wei = gateway.as(tokens.pos("9")).get("/api/members/lookup?phone=13800138000").json().path("memberId").asString();
        assertThat(caseAt9).as("the demo's case at store 9").isNotBlank();
        assertThat(wei).as("the demo's member of store 9").isNotBlank();
        String now = Instant.now().toString();

        List<Probe> probes = new ArrayList<>();
        for (String read : List.of("/api/sync/stores/9/gaps?day=2026-11-20", "/api/sync/stores/9/quarantine", "/api/sync/stores/9/conflicts",
                "/api/sync/stores/9/health", "/api/sync/stores/9/downloads", "/api/sync/stores/9/days/2026-11-20/reconciliation",
                "/api/sync/stores/9/batches/demo-ws3-0001", "/api/goods/stock/movement-totals?location=9&referencePrefix=9-3",
                "/api/goods/transfers?location=9", "/api/goods/stock/flagged-movements?location=9",
                "/api/members/points/store-totals?storeId=9&referencePrefix=9-3", "/api/aftersales/stores/9/queue",
                "/api/aftersales/cases?storeId=9", "/api/aftersales/cases/" + caseAt9, "/api/aftersales/cases/" + caseAt9 + "/history")) {
            probes.add(new Probe("GET", read, null));
        }
        probes.add(new Probe("PUT", "/api/sync/stores/9/days/2026-11-21/close", Map.of("currency", "CNY", "transactionCount", 0, "gross", "0.00",
                "returns", "0.00", "tenders", Map.of(), "itemsSold", Map.of(), "workstations", List.of())));
        probes.add(new Probe("POST", "/api/sync/stores/9/batches", Map.of("batchId", "probe-" + run, "transactions", List.of(Map.of(
                "workstationId", "3", "businessDay", "2026-11-21", "sequenceNumber", 1, "type", "NO_SALE", "businessTime", now)))));
        probes.add(new Probe("POST", "/api/goods/stock/movements", Map.of("sku", "OX-BLU-M", "location", "9", "cause", "ADJUSTMENT",
                "quantity", -1, "businessTime", now, "reference", "probe-" + run)));
        probes.add(new Probe("PUT", "/api/goods/stock/OX-BLU-M/9/safety-stock", Map.of("safetyStock", 5)));
        probes.add(new Probe("POST", "/api/members/points/earns", Map.of("memberId", wei, "channel", "STORE", "storeId", "9",
                "reference", "probe-" + run, "occurredAt", now, "currency", "CNY",
                "lines", List.of(Map.of("sku", "OX-BLU-M", "category", "apparel", "quantity", 1, "amount", "199.00")))));
        probes.add(new Probe("POST", "/api/aftersales/cases/" + caseAt9 + "/steps", Map.of("action", "REJECT", "note", "probe")));

        List<String> leaks = new ArrayList<>();
        leaks.addAll(run(gateway.as(tokens.pos("12")).header("If-Match", "\"1\""), probes, List.of("Wei Zhang", "13800138000", "199.00"), 0));
        leaks.addAll(run(gateway.as(tokens.storeStaff("12")).header("If-Match", "\"1\""), probes, List.of("Wei Zhang", "13800138000", "199.00"), 0));
        assertThat(probes.size() * 2).as("probes, by the till and by the staff of store 12").isGreaterThanOrEqualTo(40);
        assertThat(leaks).as(String.join("\n", leaks)).isEmpty();
    }

    /** Sends each probe; returns what was let through or said too much. Shoppers are paced under their rate limit. */
    private static List<String> run(Api caller, List<Probe> probes, List<String> secrets, long pauseMillis) throws InterruptedException {
        List<String> leaks = new ArrayList<>();
        int refused = 0;
        for (Probe probe : probes) {
            Api.Response response = switch (probe.method()) {
                case "GET" -> caller.get(probe.path());
                case "POST" -> caller.post(probe.path(), probe.body());
                case "PUT" -> caller.put(probe.path(), probe.body());
                case "PATCH" -> caller.patch(probe.path(), probe.body());
                default -> caller.delete(probe.path());
            };
            if (response.status() != 401 && response.status() != 403 && response.status() != 404) {
                leaks.add(probe.method() + " " + probe.path() + " answered " + response.status());
            } else {
                refused++;
            }
            for (String secret : secrets) {
                if (response.body() != null && response.body().contains(secret)) {
                    leaks.add(probe.method() + " " + probe.path() + " said " + secret);
                }
            }
            Thread.sleep(pauseMillis);
        }
        System.out.printf("object-level probes: %d sent, %d refused, %d let through or telling%n", probes.size(), refused, leaks.size());
        return leaks;
    }
}
