package dev.santong.member.privacy;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import org.apache.commons.codec.digest.DigestUtils;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import dev.santong.platform.testkit.Api;
import dev.santong.platform.testkit.StackTest;
import dev.santong.platform.testkit.Tokens;

/**
 * An erasure reaches the services that keep data about the member: committed with the erasure, retried while a
 * service is down (HQ sees it waiting), delivered once it answers, with member-svc's own token, the key
 * {@code erasure-<id>} and the digests of the erased values, never the values; the digests are then cleared.
 */
@StackTest
class ErasureRelayIT {

    /** A service that is down (503) for its first three calls, then takes the erasure. */
    static final AtomicInteger refusalsLeft = new AtomicInteger(3);
    static StubErasureHook hook;
    static List<String> calls;

    @DynamicPropertySource
    static void hooks(DynamicPropertyRegistry registry) {
        hook = StubErasureHook.register(registry, () -> refusalsLeft.getAndDecrement() > 0, "200ms", "200ms", "1s");
        calls = hook.calls();
    }

    @AfterAll
    static void stop() {
        hook.stop();
    }

    @Autowired
    Api api;

    @Autowired
    JdbcClient jdbc;

    @Test
    void anErasureIsRelayedUntilTheServiceTakesItAndCarriesNoPersonalValue(Tokens tokens) throws Exception {
        Api hq = api.as(tokens.hqAdmin());
        String id = api.as(tokens.pos("9")).post("/api/members", Map.of("channel", "STORE", "storeId", "9",
                "phone", "13987654321", "loyaltyCardNumber", "RELAY-CARD-5", "displayName", "Relay Person")).json().path("member").path("id")
                .asString();
        assertThat(hq.post("/api/members/" + id + "/erasure", Map.of("reason", "written request")).status()).isEqualTo(200);
        assertThat(hq.post("/api/members/" + id + "/erasure", Map.of("reason", "again")).status()).isEqualTo(200);
        assertThat(jdbc.sql("SELECT COUNT(*) FROM EVENT_PUBLICATION WHERE serialized_event LIKE :id").param("id", "%" + id + "%")
                .query(Long.class).single())
                .as("one delivery per service, however often it is erased").isEqualTo(1);

        await(() -> calls.size() >= 2);
        Api.Response waiting = api.as(tokens.hqAnalyst()).get("/api/members/erasure-relay");
        assertThat(waiting.body()).as("HQ sees the erasure waiting for a service that is down").contains(id).contains("HTTP 503");
        await(() -> calls.stream().anyMatch(call -> call.startsWith("204")));
        Thread.sleep(1500);

        assertThat(calls.stream().filter(call -> call.startsWith("503"))).hasSize(3);
        assertThat(calls.stream().filter(call -> call.startsWith("204"))).as("delivered once").hasSize(1);
        String delivered = calls.stream().filter(call -> call.startsWith("204")).findFirst().orElseThrow();
        assertThat(delivered).contains("/internal/members/" + id + "/erasure").contains("key=erasure-" + id).contains("auth=true")
                .contains(DigestUtils.sha256Hex("+8613987654321")).contains(DigestUtils.sha256Hex("13987654321"))
                .contains(DigestUtils.sha256Hex("RELAYCARD5")).contains(id);
        for (String call : calls) {
            assertThat(call).doesNotContain("13987654321").doesNotContain("RELAY-CARD").doesNotContain("RELAYCARD5").doesNotContain("Relay Person");
        }
        assertThat(jdbc.sql("SELECT COUNT(*) FROM EVENT_PUBLICATION WHERE serialized_event LIKE :id").param("id", "%" + id + "%")
                .query(Long.class).single()).as("delivered: the event and its digests are gone").isZero();
        assertThat(api.as(tokens.hqAnalyst()).get("/api/members/erasure-relay").body()).doesNotContain(id);
    }

    private static void await(java.util.function.BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("not reached within 30 s: " + calls);
            }
            Thread.sleep(100);
        }
    }
}
