package dev.santong.aftersales.cases;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.TestPropertySource;

import dev.santong.aftersales.WithOtherServices;
import dev.santong.platform.testkit.Api;
import dev.santong.platform.testkit.StackTest;
import dev.santong.platform.testkit.Tokens;
import tools.jackson.databind.JsonNode;

/**
 * A case's steps change stock and points in goods-svc and member-svc (running for real), each once, and the case shows
 * each effect's state: an online order returned at a store puts the goods back on that store's shelf, not the
 * warehouse's, and takes back the points the returned share earned.
 */
@StackTest
@TestPropertySource(properties = { "santong.outbox.initial-backoff=200ms", "santong.outbox.max-backoff=1s", "santong.outbox.poll=200ms" })
class CaseEffectsIT extends WithOtherServices {

    @Autowired
    Api api;

    static Api.Response step(Api caller, JsonNode current, String action, Map<String, Object> more) {
        Map<String, Object> body = new java.util.HashMap<>(more);
        body.put("action", action);
        return caller.header("If-Match", "\"" + current.path("version").asInt() + "\"")
                .post("/api/aftersales/cases/" + current.path("id").asString() + "/steps", body);
    }

    static JsonNode moved(Api caller, JsonNode current, String action, Map<String, Object> more) {
        Api.Response moved = step(caller, current, action, more);
        assertThat(moved.status()).as(action + " " + moved).isEqualTo(200);
        return moved.json();
    }

    static void await(Duration timeout, BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("not reached within " + timeout);
            }
            Thread.sleep(100);
        }
    }

    static boolean allDone(Api reader, String caseId) {
        JsonNode effects = reader.get("/api/aftersales/cases/" + caseId).json().path("effects");
        for (JsonNode effect : effects) {
            if (!"DONE".equals(effect.path("status").asString())) {
                return false;
            }
        }
        return !effects.isEmpty();
    }

    @Test
    void anOnlineOrderReturnedAtAStoreRestocksThatStoreAndTakesBackThePointsOfTheReturnedShare(Tokens tokens) throws Exception {
        shop().location("9", "STORE").location("WH-SH", "WAREHOUSE").sku("EF-SHIRT", 0, "apparel");
        String alice = tokens.customer("alice");
        String member = shop().memberOf(alice);
        long before = shop().balance(member);
        String order = shop().online("SO-EF-" + System.nanoTime()).line("EF-SHIRT", "apparel", 2, "398.00").paidBy("CARD", "298.00")
                .paidBy("ALIPAY", "100.00").at(Instant.now().minus(Duration.ofDays(3))).by(member);
        long earned = shop().balance(member) - before;
        assertThat(earned).isPositive();

        Api staff = api.as(tokens.storeStaff("9"));
        Api.Response opened = staff.post("/api/aftersales/cases", Map.of("type", "RETURN", "channel", "STORE", "storeId", "9",
                "purchase", Map.of("channel", "ONLINE", "reference", order),
                "lines", List.of(Map.of("skuCode", "EF-SHIRT", "quantity", 1, "reasonCode", "TOO_SMALL", "condition", "UNOPENED")),
                "reason", "too small"));
        assertThat(opened.status()).as(opened.toString()).isEqualTo(201);
        JsonNode current = moved(staff, opened.json(), "APPROVE", Map.of());
        current = moved(staff, current, "RECEIVE_ITEM", Map.of());
        String id = current.path("id").asString();
        await(Duration.ofSeconds(20), () -> allDone(staff, id));
        JsonNode arrived = shop().level("EF-SHIRT", "9");
        assertThat(arrived.path("returnedPending").asLong()).as("arrived, awaiting inspection").isEqualTo(1);
        assertThat(arrived.path("onHand").asLong()).isZero();

        assertThat(step(staff, current, "INSPECT", Map.of("dispositions", List.of(Map.of("line", 2, "disposition", "RESTOCK")))).json()
                .path("errors").get(0).path("field").asString()).isEqualTo("dispositions[0].line");
        current = moved(staff, current, "INSPECT", Map.of("dispositions", List.of(Map.of("line", 1, "disposition", "RESTOCK"))));
        current = moved(staff, current, "REFUND", Map.of());
        JsonNode instruction = current.path("refundInstruction");
        assertThat(instruction.path("amount").decimalValue()).isEqualByComparingTo("199.00");
        assertThat(instruction.path("payingChannel").asString()).as("the shop took the money").isEqualTo("ONLINE");
        assertThat(instruction.path("tenders").get(0).path("method").asString()).isEqualTo("CARD");
        assertThat(instruction.path("tenders").get(0).path("amount").decimalValue()).isEqualByComparingTo("149.00");
        assertThat(instruction.path("tenders").get(1).path("amount").decimalValue()).isEqualByComparingTo("50.00");
        assertThat(current.path("refund").path("amount").isNumber()).as("version 1: an object of a number and its currency").isTrue();
        assertThat(current.path("lines").get(0).path("paidAmount").decimalValue()).isEqualByComparingTo("199.00");
        JsonNode version2 = staff.header("API-Version", "2").get("/api/aftersales/cases/" + id).json();
        assertThat(version2.path("refund").path("amount").asString()).as(version2.toString()).isEqualTo("199.00");
        assertThat(version2.path("lines").get(0).path("paid").path("amount").asString()).isEqualTo("199.00");
        assertThat(version2.path("lines").get(0).has("paidAmount")).isFalse();
        assertThat(version2.path("refundInstruction").path("refund").path("currency").asString()).isEqualTo("CNY");
        assertThat(version2.path("refundInstruction").path("tenders").get(0).path("refund").path("amount").asString()).isEqualTo("149.00");
        assertThat(version2.path("refundInstruction").has("amount") || version2.path("refundInstruction").has("currency")).isFalse();
        await(Duration.ofSeconds(20), () -> allDone(staff, id));

        // The shop took the money, so the shop's server pays it back, once.
        Api shopServer = api.as(tokens.shopBackend());
        assertThat(shopServer.get("/api/aftersales/refund-instructions").json().findValuesAsString("caseId")).contains(id);
        List<String> paged = new java.util.ArrayList<>();
        String cursor = "";
        for (int page = 0; page < 50 && cursor != null; page++) {
            JsonNode body = shopServer.header("API-Version", "2").get("/api/aftersales/refund-instructions?limit=1&cursor=" + cursor).json();
            body.path("items").forEach(refund -> paged.add(refund.path("caseId").asString()));
            cursor = body.has("next") ? body.path("next").asString() : null;
        }
        assertThat(paged).as("version 2, a refund a page").contains(id).doesNotHaveDuplicates();
        assertThat(api.as(tokens.pos("9")).get("/api/aftersales/refund-instructions").json().findValuesAsString("caseId")).doesNotContain(id);
        assertThat(api.as(tokens.pos("9")).post("/api/aftersales/refund-instructions/" + id + "/payment", Map.of("paymentReference", "X"))
                .status()).isEqualTo(404);
        assertThat(shopServer.post("/api/aftersales/refund-instructions/" + id + "/payment", Map.of("paymentReference", "ALIPAY-RF-1")).json()
                .path("status").asString()).isEqualTo("PAID");
        assertThat(shopServer.post("/api/aftersales/refund-instructions/" + id + "/payment", Map.of("paymentReference", "ALIPAY-RF-1")).status())
                .as("a retry").isEqualTo(200);
        assertThat(shopServer.post("/api/aftersales/refund-instructions/" + id + "/payment", Map.of("paymentReference", "ALIPAY-RF-2")).status())
                .as("paid twice").isEqualTo(409);
        assertThat(shopServer.get("/api/aftersales/refund-instructions").json().findValuesAsString("caseId")).doesNotContain(id);

        JsonNode shelf = shop().level("EF-SHIRT", "9");
        assertThat(shelf.path("onHand").asLong()).as("back on store 9's shelf").isEqualTo(1);
        assertThat(shelf.path("returnedPending").asLong()).isZero();
        assertThat(shop().level("EF-SHIRT", "WH-SH")).as("the warehouse's stock does not move").isNull();
        assertThat(shop().balance(member)).as("the points of the returned half are taken back").isEqualTo(before + earned - earned / 2);
        assertThat(shop().entryKinds(member).stream().filter("REVERSE_EARN"::equals)).hasSize(1);
        JsonNode effects = staff.get("/api/aftersales/cases/" + id).json().path("effects");
        assertThat(effects.findValuesAsString("kind")).containsExactlyInAnyOrder("STOCK_RECEIVED", "STOCK_INSPECTED", "POINTS_REVERSED");
        assertThat(moved(staff, staff.get("/api/aftersales/cases/" + id).json(), "CLOSE", Map.of()).path("status").asString()).isEqualTo("CLOSED");
    }

    @Test
    void aStoreReceivesOnlyAtItsOwnStoreAndARepairMovesNoStock(Tokens tokens) throws Exception {
        shop().location("9", "STORE").location("12", "STORE").sku("EF-KETTLE", 12, "appliances");
        Api staff = api.as(tokens.storeStaff("9"));
        String receipt = shop().storeReceipt("12", "EF-KETTLE", 1);
        JsonNode claim = staff.post("/api/aftersales/cases", Map.of("type", "CLAIM", "channel", "STORE", "storeId", "9",
                "purchase", Map.of("channel", "STORE", "storeId", "12", "reference", receipt),
                "lines", List.of(Map.of("skuCode", "EF-KETTLE", "quantity", 1, "reasonCode", "NOT_WORKING")), "reason", "dead")).json();
        claim = moved(staff, claim, "APPROVE", Map.of());
        assertThat(step(staff, claim, "RECEIVE_ITEM", Map.of("locationId", "12")).status()).as("store 12's stock is not store 9's to move")
                .isEqualTo(403);
        claim = moved(staff, claim, "RECEIVE_ITEM", Map.of());
        claim = moved(staff, claim, "INSPECT", Map.of("dispositions", List.of(Map.of("line", 1, "disposition", "DAMAGED"))));
        String claimId = claim.path("id").asString();
        await(Duration.ofSeconds(20), () -> allDone(staff, claimId));
        assertThat(shop().level("EF-KETTLE", "9").path("damaged").asLong()).isEqualTo(1);
        assertThat(shop().level("EF-KETTLE", "12")).as("bought at 12, came back at 9").isNull();

        JsonNode repair = staff.post("/api/aftersales/cases", Map.of("type", "REPAIR", "channel", "STORE", "storeId", "9",
                "purchase", Map.of("channel", "STORE", "storeId", "12", "reference", shop().storeReceipt("12", "EF-KETTLE", 1)),
                "lines", List.of(Map.of("skuCode", "EF-KETTLE", "quantity", 1, "reasonCode", "NOT_WORKING")), "reason", "noisy")).json();
        repair = moved(staff, repair, "APPROVE", Map.of());
        repair = moved(staff, repair, "RECEIVE_ITEM", Map.of());
        assertThat(repair.path("effects")).as("the shopper's kettle is not stock").isEmpty();
    }

    @Test
    void aRepairOutOfWarrantyRequestedOnlineUsesTheMembersFreeRepairOnce(Tokens tokens) throws Exception {
        shop().sku("EF-TOASTER", 12, "appliances");
        String alice = tokens.customer("alice");
        String member = shop().memberOf(alice);
        String campaign = "free-repair-" + System.nanoTime();
        Api.Response issued = shop().members().as(tokens.hqAdmin()).post("/api/members/vouchers/issues", Map.of("memberIds", List.of(member),
                "voucher", Map.of("campaign", campaign, "kind", "FREE_SERVICE", "service", "repair", "validFrom", "2026-01-01T00:00:00Z",
                        "validUntil", Instant.now().plus(Duration.ofDays(200)).toString(), "channels", List.of("ONLINE", "STORE"))));
        assertThat(issued.status()).as(issued.toString()).isEqualTo(200);
        String old = shop().inStore("12", "12-EF-T-" + System.nanoTime()).line("EF-TOASTER", "appliances", 1, "199.00")
                .at(Instant.now().minus(Duration.ofDays(500))).by(member);
        String recent = shop().inStore("12", "12-EF-T-" + System.nanoTime()).line("EF-TOASTER", "appliances", 1, "199.00")
                .at(Instant.now().minus(Duration.ofDays(20))).by(member);

        Api.Response underWarranty = api.as(alice).post("/api/aftersales/cases", repairOnline(recent));
        assertThat(underWarranty.json().path("terms").path("entitlement").asString()).as("the warranty first; the benefit is kept").isEqualTo("WARRANTY");
        Api.Response withBenefit = api.as(alice).post("/api/aftersales/cases", repairOnline(old));
        assertThat(withBenefit.status()).as(withBenefit.toString()).isEqualTo(201);
        assertThat(withBenefit.json().path("terms").path("entitlement").asString()).isEqualTo("FREE_SERVICE_BENEFIT");

        Api hq = api.as(tokens.hqAdmin());
        JsonNode current = withBenefit.json();
        for (String action : List.of("APPROVE", "RECEIVE_ITEM", "INSPECT", "REPAIR")) {
            current = moved(hq, current, action, Map.of());
        }
        String id = current.path("id").asString();
        await(Duration.ofSeconds(20), () -> allDone(hq, id));
        assertThat(hq.get("/api/aftersales/cases/" + id).json().path("effects").findValuesAsString("kind")).containsExactly("BENEFIT_USED");
        JsonNode vouchers = shop().members().as(tokens.hqAdmin()).get("/api/members/" + member + "/vouchers").json();
        long usedForThisCase = 0;
        for (JsonNode voucher : vouchers) {
            if (campaign.equals(voucher.path("campaign").asString())) {
                assertThat(voucher.path("status").asString()).isEqualTo("REDEEMED");
                assertThat(voucher.path("redemptionReference").asString()).isEqualTo("case-" + id);
                usedForThisCase++;
            }
        }
        assertThat(usedForThisCase).isEqualTo(1);
        Api.Response noneLeft = api.as(alice).post("/api/aftersales/cases", repairOnline(shop().inStore("12", "12-EF-T-" + System.nanoTime())
                .line("EF-TOASTER", "appliances", 1, "199.00").at(Instant.now().minus(Duration.ofDays(600))).by(member)));
        assertThat(noneLeft.json().path("terms").path("entitlement").asString()).as("the year's free repair is used").isEqualTo("CHARGEABLE");
    }

    private static Map<String, Object> repairOnline(String receipt) {
        return Map.of("type", "REPAIR", "channel", "ONLINE", "purchase", Map.of("channel", "STORE", "storeId", "12", "reference", receipt),
                "lines", List.of(Map.of("skuCode", "EF-TOASTER", "quantity", 1, "reasonCode", "NOT_WORKING", "serialNumber", "TS-1")),
                "reason", "does not toast");
    }

    @Test
    void anExchangeHoldsTheReplacementAtTheStoreAndSettlesThePriceAndPointsDifference(Tokens tokens) throws Exception {
        shop().location("9", "STORE").sku("EX-M", 0, "apparel").sku("EX-L", 0, "apparel");
        Api hqGoods = shop().goods().as(tokens.hqAdmin());
        assertThat(hqGoods.post("/api/goods/skus/EX-L/prices", Map.of("channel", "ALL", "currency", "CNY", "amount", "219.00",
                "validFrom", "2026-01-01T00:00:00Z")).status()).isIn(200, 201, 409);
        assertThat(hqGoods.post("/api/goods/stock/movements", Map.of("sku", "EX-L", "location", "9", "cause", "RECEIPT", "quantity", 5,
                "businessTime", Instant.now().minusSeconds(60).toString(), "reference", "PO-EX-" + System.nanoTime())).status()).isEqualTo(201);
        long reservedBefore = shop().level("EX-L", "9").path("reserved").asLong();
        String member = shop().memberAtStore("9", "13800000521");
        String receipt = shop().inStore("9", "9-EX-" + System.nanoTime()).line("EX-M", "apparel", 1, "199.00")
                .at(Instant.now().minus(Duration.ofDays(2))).by(member);
        long beforeExchange = shop().balance(member);

        Api staff = api.as(tokens.storeStaff("9"));
        JsonNode current = staff.post("/api/aftersales/cases", Map.of("type", "EXCHANGE", "channel", "STORE", "storeId", "9",
                "purchase", Map.of("channel", "STORE", "storeId", "9", "reference", receipt),
                "lines", List.of(Map.of("skuCode", "EX-M", "quantity", 1, "reasonCode", "TOO_SMALL")), "reason", "one size up")).json();
        current = moved(staff, current, "APPROVE", Map.of());
        current = moved(staff, current, "RECEIVE_ITEM", Map.of());
        current = moved(staff, current, "INSPECT", Map.of("dispositions", List.of(Map.of("line", 1, "disposition", "RESTOCK"))));
        assertThat(step(staff, current, "EXCHANGE", Map.of("replacements", List.of(Map.of("line", 1, "skuCode", "NO-SUCH-SKU")))).status())
                .as("nothing to exchange for without a price").isEqualTo(409);
        current = moved(staff, current, "EXCHANGE", Map.of("replacements", List.of(Map.of("line", 1, "skuCode", "EX-L"))));
        assertThat(current.path("priceDifference").path("amount").decimalValue()).as("the shopper pays 20.00 more").isEqualByComparingTo("20.00");
        assertThat(current.path("lines").get(0).path("replacementSku").asString()).isEqualTo("EX-L");
        String id = current.path("id").asString();
        await(Duration.ofSeconds(30), () -> allDone(staff, id));

        JsonNode done = staff.get("/api/aftersales/cases/" + id).json();
        assertThat(done.path("effects").findValuesAsString("kind")).containsExactlyInAnyOrder("STOCK_RECEIVED", "STOCK_INSPECTED",
                "REPLACEMENT_HELD", "POINTS_REVERSED", "POINTS_EARNED");
        assertThat(shop().level("EX-L", "9").path("reserved").asLong()).as("the replacement is held at store 9").isEqualTo(reservedBefore + 1);
        assertThat(shop().level("EX-M", "9").path("onHand").asLong()).as("the returned one is back on the shelf").isEqualTo(1);
        long delta = shop().balance(member) - beforeExchange;
        assertThat(done.path("pointsDelta").asLong()).as("the case shows what the points did").isEqualTo(delta);
        assertThat(delta).as("the replacement earns a little more than the returned shirt had").isPositive();
    }
}
