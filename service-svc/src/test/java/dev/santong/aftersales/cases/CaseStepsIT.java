package dev.santong.aftersales.cases;

import static org.assertj.core.api.Assertions.assertThat;

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

/** A case moves along its type's state machine: guarded steps, the roles allowed for each, If-Match, and its history. */
@StackTest
class CaseStepsIT extends WithOtherServices {

    @Autowired
    Api api;

    private String openReturnAt9(Tokens tokens) {
        String reference = shop().onlineOrder("OX-BLU-M", 1);
        Api.Response opened = api.as(tokens.storeStaff("9")).post("/api/aftersales/cases", Map.of("type", "RETURN", "channel", "STORE",
                "storeId", "9", "purchase", Map.of("channel", "ONLINE", "reference", reference), "skuCode", "OX-BLU-M", "quantity", 1,
                "reason", "too small"));
        assertThat(opened.status()).as(opened.toString()).isEqualTo(201);
        assertThat(opened.header("ETag")).isEqualTo("\"0\"");
        return opened.json().path("id").asString();
    }

    private Api.Response step(String token, String caseId, String action, String ifMatch) {
        Api caller = api.as(token);
        if (ifMatch != null) {
            caller = caller.header("If-Match", ifMatch);
        }
        return caller.post("/api/aftersales/cases/" + caseId + "/steps", Map.of("action", action, "note", "step " + action));
    }

    @Test
    void aReturnTakesItsStepsOnTheVersionReadAndRefusesWhatItsStateDoesNotAllow(Tokens tokens) throws Exception {
        shop().location("9", "STORE").sku("OX-BLU-M", 0, "apparel");
        String id = openReturnAt9(tokens);
        String staff = tokens.storeStaff("9");

        Api.Response approved = step(staff, id, "APPROVE", "\"0\"");
        assertThat(approved.status()).as(approved.toString()).isEqualTo(200);
        assertThat(approved.json().path("status").asString()).isEqualTo("APPROVED");
        assertThat(approved.header("ETag")).isEqualTo("\"1\"");

        Api.Response stale = step(staff, id, "RECEIVE_ITEM", "\"0\"");
        assertThat(stale.status()).as("written on a version that changed").isEqualTo(412);
        assertThat(stale.json().path("detail").asString()).contains("\"1\"");
        Api.Response unconditional = step(staff, id, "RECEIVE_ITEM", null);
        assertThat(unconditional.status()).isEqualTo(428);
        assertThat(unconditional.json().path("detail").asString()).contains("If-Match");

        Api.Response refunded = step(staff, id, "REFUND", "\"1\"");
        assertThat(refunded.status()).as("no refund before the item is received and inspected").isEqualTo(409);
        assertThat(refunded.json().path("detail").asString()).contains("APPROVED").contains("RECEIVE_ITEM");

        for (String[] next : new String[][] { { "RECEIVE_ITEM", "\"1\"" }, { "INSPECT", "W/\"2\"" }, { "REFUND", "\"3\"" } }) {
            Api.Response moved = step(staff, id, next[0], next[1]);
            assertThat(moved.status()).as(next[0] + " " + moved).isEqualTo(200);
        }
        // It closes once the stock and points it changed elsewhere are confirmed.
        CaseEffectsIT.await(java.time.Duration.ofSeconds(30), () -> CaseEffectsIT.allDone(api.as(staff), id));
        assertThat(step(staff, id, "CLOSE", "\"4\"").status()).isEqualTo(200);
        assertThat(api.as(staff).get("/api/aftersales/cases/" + id).json().path("status").asString()).isEqualTo("CLOSED");
        assertThat(step(tokens.hqAdmin(), id, "CANCEL", "\"5\"").status()).as("closed is final").isEqualTo(409);

        List<String> history = new ArrayList<>();
        for (JsonNode event : api.as(tokens.hqAnalyst()).get("/api/aftersales/cases/" + id + "/history").json()) {
            history.add(event.path("version").asInt() + ":" + event.path("action").asString() + ":" + event.path("to").asString());
        }
        assertThat(history).containsExactly("0:OPEN:REQUESTED", "1:APPROVE:APPROVED", "2:RECEIVE_ITEM:ITEM_RECEIVED", "3:INSPECT:INSPECTED",
                "4:REFUND:REFUNDED", "5:CLOSE:CLOSED");
    }

    private static java.util.List<String> allowed(Api caller, String caseId) {
        Api.Response steps = caller.header("API-Version", "2").get("/api/aftersales/cases/" + caseId + "/allowed-steps");
        assertThat(steps.status()).as(steps.toString()).isEqualTo(200);
        return steps.json().path("items").findValuesAsString("action");
    }

    @Test
    void eachStepIsTakenOnlyByTheRolesAllowedIt(Tokens tokens) {
        String alice = tokens.customer("alice");
        Api.Response opened = api.as(alice).post("/api/aftersales/cases", Map.of("type", "REPAIR", "channel", "ONLINE",
                "purchase", Map.of("channel", "STORE", "storeId", "12", "reference", shop().ownReceipt(alice, "12", "KETTLE-1")), "skuCode", "KETTLE-1",
                "quantity", 1, "reason", "does not heat"));
        assertThat(opened.status()).isEqualTo(201);
        String own = opened.json().path("id").asString();
        assertThat(allowed(api.as(alice), own)).as("what the shopper may do with her requested repair").containsExactly("CANCEL");
        assertThat(allowed(api.as(tokens.hqAdmin()), own)).contains("APPROVE", "REJECT", "CANCEL");
        assertThat(allowed(api.as(tokens.hqAnalyst()), own)).as("an analyst reads, takes no step").isEmpty();
        assertThat(api.as(tokens.customer("bob")).get("/api/aftersales/cases/" + own + "/allowed-steps").status()).isEqualTo(404);
        Api.Response tooLong = api.as(tokens.hqAdmin()).get("/api/aftersales/cases/" + "c".repeat(37) + "/allowed-steps");
        assertThat(tooLong.status()).isEqualTo(400);
        assertThat(tooLong.json().path("errors").get(0).path("field").asString()).isEqualTo("caseId");
        assertThat(step(alice, own, "APPROVE", "\"0\"").status()).as("a shopper does not approve her own case").isEqualTo(403);
        assertThat(step(tokens.customer("bob"), own, "CANCEL", "\"0\"").status()).as("nor sees anyone else's").isEqualTo(404);
        assertThat(step(tokens.hqAnalyst(), own, "CANCEL", "\"0\"").status()).as("analysts read").isEqualTo(403);

        String atStore = openReturnAt9(tokens);
        assertThat(step(tokens.storeStaff("12"), atStore, "APPROVE", "\"0\"").status()).as("another store's case").isEqualTo(404);
        assertThat(step(tokens.pos("9"), atStore, "APPROVE", "\"0\"").status()).as("a till takes no service-desk step").isEqualTo(403);
        assertThat(step(tokens.storeStaff("9"), atStore, "ASK_CUSTOMER", "\"0\"").status()).isEqualTo(200);
        Api.Response answered = step(tokens.storeStaff("9"), atStore, "CUSTOMER_ANSWERED", "\"1\"");
        assertThat(answered.json().path("status").asString()).as("back where it waited").isEqualTo("REQUESTED");
        assertThat(step(alice, own, "CANCEL", "\"0\"").json().path("status").asString()).isEqualTo("CANCELLED");
        assertThat(allowed(api.as(tokens.hqAdmin()), own)).as("a final state allows nothing").isEmpty();
    }

    @Test
    void twentyConcurrentStepsOnOneVersionLeaveExactlyOneTaken(Tokens tokens) throws Exception {
        String id = openReturnAt9(tokens);
        String staff = tokens.storeStaff("9");
        // Steps that would each be allowed after another one (cancel while waiting, ask again after approval): only the
        // version check, not the state machine, keeps all but one of them out.
        List<String> actions = List.of("APPROVE", "ASK_CUSTOMER", "CANCEL", "REJECT");
        List<Callable<Integer>> calls = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            String action = actions.get(i % actions.size());
            calls.add(() -> step(staff, id, action, "\"0\"").status());
        }
        List<Integer> statuses = new ArrayList<>();
        try (ExecutorService pool = Executors.newFixedThreadPool(20)) {
            for (Future<Integer> status : pool.invokeAll(calls)) {
                statuses.add(status.get());
            }
        }
        assertThat(statuses.stream().filter(status -> status == 200)).hasSize(1);
        assertThat(statuses.stream().filter(status -> status == 412)).hasSize(19);
        assertThat(api.as(tokens.hqAnalyst()).get("/api/aftersales/cases/" + id + "/history").json().size()).isEqualTo(2);
    }
}
