package dev.santong.aftersales.cases;

import static dev.santong.aftersales.cases.CaseEffectsIT.allDone;
import static dev.santong.aftersales.cases.CaseEffectsIT.await;
import static dev.santong.aftersales.cases.CaseEffectsIT.moved;
import static dev.santong.aftersales.cases.CaseEffectsIT.step;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.context.TestPropertySource;

import dev.santong.aftersales.OtherServices;
import dev.santong.aftersales.Shop;
import dev.santong.platform.testkit.Api;
import dev.santong.platform.testkit.StackTest;
import dev.santong.platform.testkit.Tokens;
import tools.jackson.databind.JsonNode;

/** member-svc is stopped while a case is refunded: the refund waits, visible, and happens once when member-svc is back. */
@StackTest
// Retries come quickly here, and never run out while member-svc restarts (about 20 s on these machines).
@TestPropertySource(properties = { "santong.outbox.initial-backoff=200ms", "santong.outbox.max-backoff=1s", "santong.outbox.poll=200ms",
        "santong.outbox.max-attempts=1000" })
class RefundWhileMembersAreDownIT {

    static OtherServices own;

    @Autowired
    Api api;

    @DynamicPropertySource
    static void ownServices(DynamicPropertyRegistry registry) {
        own = OtherServices.startOwn();
        own.register(registry);
    }

    @AfterAll
    static void stop() {
        if (own != null) {
            own.close();
        }
    }

    @Test
    void aRefundMadeWhileMemberSvcIsDownCompletesOnceWhenItIsBack(Tokens tokens) throws Exception {
        Shop shop = new Shop(own);
        shop.location("12", "STORE").sku("DOWN-MUG", 0, "kitchen");
        String member = shop.memberAtStore("12", "13800000411");
        String receipt = shop.inStore("12", "12-DOWN-" + System.nanoTime()).line("DOWN-MUG", "kitchen", 1, "80.00")
                .at(Instant.now().minus(Duration.ofDays(2))).by(member);
        long earned = shop.balance(member);
        Api staff = api.as(tokens.storeStaff("12"));
        JsonNode current = staff.post("/api/aftersales/cases", Map.of("type", "RETURN", "channel", "STORE", "storeId", "12",
                "purchase", Map.of("channel", "STORE", "storeId", "12", "reference", receipt),
                "lines", List.of(Map.of("skuCode", "DOWN-MUG", "quantity", 1, "reasonCode", "CHANGED_MIND")), "reason", "changed mind")).json();
        String id = current.path("id").asString();
        for (String action : List.of("APPROVE", "RECEIVE_ITEM", "INSPECT")) {
            current = moved(staff, current, action, Map.of());
        }

        own.members.stop();
        current = moved(staff, current, "REFUND", Map.of());
        Thread.sleep(2_000);
        JsonNode waiting = staff.get("/api/aftersales/cases/" + id).json();
        assertThat(waiting.path("effects").findValuesAsString("status")).as("the reversal waits for member-svc").contains("PENDING");
        Api.Response closing = step(staff, waiting, "CLOSE", Map.of());
        assertThat(closing.status()).isEqualTo(409);
        assertThat(closing.json().path("detail").asString()).contains("POINTS_REVERSED");
        JsonNode outbox = api.as(tokens.hqAdmin()).get("/api/aftersales/outbox").json();
        assertThat(outbox.toString()).as("HQ sees it waiting, and why").contains("case-" + id + "-POINTS_REVERSED");

        own.members.startAgain();
        await(Duration.ofSeconds(60), () -> allDone(staff, id));
        assertThat(shop.entryKinds(member).stream().filter("REVERSE_EARN"::equals)).as("exactly one reversal").hasSize(1);
        assertThat(shop.balance(member)).isZero();
        assertThat(earned).isPositive();
        assertThat(moved(staff, staff.get("/api/aftersales/cases/" + id).json(), "CLOSE", Map.of()).path("status").asString()).isEqualTo("CLOSED");
    }
}
