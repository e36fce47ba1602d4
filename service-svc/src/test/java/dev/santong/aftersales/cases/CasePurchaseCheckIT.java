package dev.santong.aftersales.cases;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import dev.santong.aftersales.WithOtherServices;
import dev.santong.platform.testkit.Api;
import dev.santong.platform.testkit.StackTest;
import dev.santong.platform.testkit.Tokens;
import tools.jackson.databind.JsonNode;

/**
 * A case is opened only for a real purchase, the shopper's own, for goods that were in it and are not taken back
 * already, on terms the purchase date allows; checked against member-svc and goods-svc running for real.
 */
@StackTest
class CasePurchaseCheckIT extends WithOtherServices {

    @Autowired
    Api api;

    private static Map<String, Object> returnOnline(String reference, String sku, int quantity) {
        return Map.of("type", "RETURN", "channel", "ONLINE", "purchase", Map.of("channel", "ONLINE", "reference", reference),
                "lines", List.of(Map.of("skuCode", sku, "quantity", quantity, "reasonCode", "TOO_SMALL")), "reason", "does not fit");
    }

    private static Map<String, Object> atStore(String type, String store, Map<String, Object> purchase, String sku, int quantity) {
        return Map.of("type", type, "channel", "STORE", "storeId", store, "purchase", purchase,
                "lines", List.of(Map.of("skuCode", sku, "quantity", quantity, "reasonCode", "CHANGED_MIND")), "reason", "at the desk");
    }

    @Test
    void aShopperReturnsTheirOwnOrderOnTheChannelsTermsAndNotSomeoneElses(Tokens tokens) {
        String alice = tokens.customer("alice");
        String order = "SO-PC-" + System.nanoTime();
        shop().sku("PC-SHIRT", 0, "apparel");
        shop().online(order).line("PC-SHIRT", "apparel", 2, "398.00").paidBy("CARD", "398.00").at(Instant.now().minus(Duration.ofDays(5)))
                .by(shop().memberOf(alice));

        Api.Response opened = api.as(alice).post("/api/aftersales/cases", returnOnline(order, "PC-SHIRT", 1));
        assertThat(opened.status()).as(opened.toString()).isEqualTo(201);
        JsonNode view = opened.json();
        assertThat(view.path("memberId").asString()).isEqualTo(shop().memberOf(alice));
        assertThat(view.path("terms").path("entitlement").asString()).isEqualTo("RETURN_WINDOW");
        assertThat(Duration.between(Instant.parse(view.path("purchasedAt").asString()), Instant.parse(view.path("terms").path("until").asString())))
                .isEqualTo(Duration.ofDays(30));
        assertThat(view.path("refund").path("amount").decimalValue()).isEqualByComparingTo("199.00");
        assertThat(view.path("refund").path("currency").asString()).isEqualTo("CNY");
        assertThat(view.path("lines").get(0).path("category").asString()).isEqualTo("apparel");

        // Bob names Alice's order: to him it does not exist.
        Api.Response bobs = api.as(tokens.customer("bob")).post("/api/aftersales/cases", returnOnline(order, "PC-SHIRT", 1));
        assertThat(bobs.status()).isEqualTo(400);
        assertThat(bobs.json().path("errors").findValuesAsString("field")).containsExactly("purchase.reference");
        Api.Response unknown = api.as(alice).post("/api/aftersales/cases", returnOnline("SO-NEVER-" + System.nanoTime(), "PC-SHIRT", 1));
        assertThat(unknown.status()).isEqualTo(400);

        // Goods not in the order, and more than was bought, are refused naming the line.
        Api.Response other = api.as(alice).post("/api/aftersales/cases", returnOnline(order, "PC-SOCKS", 1));
        assertThat(other.json().path("errors").findValuesAsString("field")).containsExactly("lines[0].skuCode");
        Api.Response three = api.as(alice).post("/api/aftersales/cases", returnOnline(order, "PC-SHIRT", 3));
        assertThat(three.json().path("errors").findValuesAsString("field")).containsExactly("lines[0].quantity");
        // One of the two is in the first case: the second can be returned, a third cannot.
        assertThat(api.as(alice).post("/api/aftersales/cases", returnOnline(order, "PC-SHIRT", 1)).status()).isEqualTo(201);
        Api.Response nothingLeft = api.as(alice).post("/api/aftersales/cases", returnOnline(order, "PC-SHIRT", 1));
        assertThat(nothingLeft.status()).isEqualTo(409);
        assertThat(nothingLeft.json().path("takenBackByOtherCases").asInt()).isEqualTo(2);
        assertThat(nothingLeft.json().path("field").asString()).isEqualTo("lines[0].quantity");

        // A rejected case gives its goods back to the order.
        String staff = tokens.storeStaff("9");
        Api.Response hqReject = api.as(tokens.hqAdmin()).header("If-Match", "\"0\"").post("/api/aftersales/cases/" + view.path("id").asString() + "/steps",
                Map.of("action", "REJECT", "note", "worn"));
        assertThat(hqReject.status()).as(hqReject.toString()).isEqualTo(200);
        assertThat(api.as(alice).post("/api/aftersales/cases", returnOnline(order, "PC-SHIRT", 1)).status()).isEqualTo(201);
        assertThat(staff).isNotBlank();
    }

    @Test
    void aReceiptFromOneStoreIsTakenBackAtAnotherAndALateReturnIsRefusedWithTheRuleAndDates(Tokens tokens) {
        String member = shop().memberAtStore("9", "13800000301");
        String receipt = "9-PC-" + System.nanoTime();
        shop().inStore("9", receipt).line("PC-MUG", "kitchen", 2, "60.00").at(Instant.now().minus(Duration.ofDays(3))).by(member);
        Map<String, Object> store9 = Map.of("channel", "STORE", "storeId", "9", "reference", receipt);

        Api.Response at12 = api.as(tokens.storeStaff("12")).post("/api/aftersales/cases", atStore("EXCHANGE", "12", store9, "PC-MUG", 1));
        assertThat(at12.status()).as(at12.toString()).isEqualTo(201);
        assertThat(at12.json().path("openedStore").asString()).isEqualTo("12");
        assertThat(at12.json().path("memberId").asString()).isEqualTo(member);

        String late = "9-PC-LATE-" + System.nanoTime();
        Instant bought = Instant.now().minus(Duration.ofDays(40));
        shop().inStore("9", late).line("PC-MUG", "kitchen", 1, "30.00").at(bought).by(member);
        Api.Response refused = api.as(tokens.storeStaff("9")).post("/api/aftersales/cases",
                atStore("RETURN", "9", Map.of("channel", "STORE", "storeId", "9", "reference", late), "PC-MUG", 1));
        assertThat(refused.status()).as(refused.toString()).isEqualTo(409);
        JsonNode problem = refused.json();
        assertThat(problem.path("rule").asString()).isEqualTo("return-window");
        assertThat(problem.path("windowDays").asLong()).isEqualTo(15);
        assertThat(Instant.parse(problem.path("deadline").asString())).isEqualTo(Instant.parse(problem.path("purchasedAt").asString()).plus(Duration.ofDays(15)));
        assertThat(problem.path("detail").asString()).contains("PC-MUG", "15 days", "25 days ago");
    }

    @Test
    void aRepairIsFreeUnderTheSkusWarrantyAndChargedAfterIt(Tokens tokens) {
        String alice = tokens.customer("alice");
        String member = shop().memberOf(alice);
        shop().sku("PC-KETTLE", 12, "appliances");
        String recent = "12-PC-K-" + System.nanoTime();
        String old = "12-PC-K-OLD-" + System.nanoTime();
        shop().inStore("12", recent).line("PC-KETTLE", "appliances", 1, "299.00").at(Instant.now().minus(Duration.ofDays(100))).by(member);
        shop().inStore("12", old).line("PC-KETTLE", "appliances", 1, "299.00").at(Instant.now().minus(Duration.ofDays(400))).by(member);

        Api.Response underWarranty = api.as(alice).post("/api/aftersales/cases", repairOnline(recent));
        assertThat(underWarranty.status()).as(underWarranty.toString()).isEqualTo(201);
        assertThat(underWarranty.json().path("terms").path("entitlement").asString()).isEqualTo("WARRANTY");
        assertThat(underWarranty.json().path("refund").isMissingNode() || underWarranty.json().path("refund").isNull()).isTrue();
        Api.Response afterIt = api.as(alice).post("/api/aftersales/cases", repairOnline(old));
        assertThat(afterIt.status()).isEqualTo(201);
        assertThat(afterIt.json().path("terms").path("entitlement").asString()).isEqualTo("CHARGEABLE");
        // A defect claim past warranty and return window is refused.
        Map<String, Object> claim = new java.util.HashMap<>(repairOnline(old));
        claim.put("type", "CLAIM");
        Api.Response lateClaim = api.as(alice).post("/api/aftersales/cases", claim);
        assertThat(lateClaim.status()).isEqualTo(409);
        assertThat(lateClaim.json().path("rule").asString()).isEqualTo("warranty");
        assertThat(lateClaim.json().path("warrantyMonths").asInt()).isEqualTo(12);
    }

    private static Map<String, Object> repairOnline(String receipt) {
        return Map.of("type", "REPAIR", "channel", "ONLINE", "purchase", Map.of("channel", "STORE", "storeId", "12", "reference", receipt),
                "lines", List.of(Map.of("skuCode", "PC-KETTLE", "quantity", 1, "reasonCode", "NOT_WORKING", "serialNumber", "KT-1")),
                "reason", "does not heat");
    }

    @Test
    void twentyCasesOpenedAtOnceForTheLastUnitTakeItBackOnce(Tokens tokens) throws Exception {
        String member = shop().memberAtStore("9", "13800000302");
        String receipt = "9-PC-RACE-" + System.nanoTime();
        shop().inStore("9", receipt).line("PC-RACE", "kitchen", 1, "10.00").at(Instant.now().minus(Duration.ofDays(1))).by(member);
        Map<String, Object> request = atStore("RETURN", "9", Map.of("channel", "STORE", "storeId", "9", "reference", receipt), "PC-RACE", 1);
        String staff = tokens.storeStaff("9");
        ExecutorService pool = Executors.newFixedThreadPool(20);
        try {
            List<Callable<Api.Response>> attempts = new ArrayList<>();
            for (int i = 0; i < 20; i++) {
                attempts.add(() -> api.as(staff).post("/api/aftersales/cases", request));
            }
            List<Integer> statuses = new ArrayList<>();
            List<Api.Response> answers = new ArrayList<>();
            for (Future<Api.Response> attempt : pool.invokeAll(attempts)) {
                answers.add(attempt.get());
                statuses.add(attempt.get().status());
            }
            assertThat(statuses).as(answers.toString()).containsOnly(201, 409);
            assertThat(statuses.stream().filter(status -> status == 201)).hasSize(1);
        } finally {
            pool.shutdownNow();
        }
    }
}
