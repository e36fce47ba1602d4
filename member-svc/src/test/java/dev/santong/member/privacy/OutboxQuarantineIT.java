package dev.santong.member.privacy;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import dev.santong.platform.testkit.Api;
import dev.santong.platform.testkit.StackTest;
import dev.santong.platform.testkit.Tokens;
import tools.jackson.databind.JsonNode;

/**
 * The outbox gives up after its attempts and holds the event for HQ, with the reason, until HQ replays it; only HQ
 * sees and replays. Deliveries the earlier relay table still owed at the upgrade are moved into the outbox.
 */
@StackTest
class OutboxQuarantineIT {

    /** A service that answers 503 while it is down. */
    static final AtomicBoolean down = new AtomicBoolean(true);
    static StubErasureHook hook;
    static List<String> calls;

    @DynamicPropertySource
    static void hooks(DynamicPropertyRegistry registry) {
        hook = StubErasureHook.register(registry, down::get, "100ms", "100ms", "200ms");
        registry.add("santong.outbox.max-attempts", () -> "3");
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

    @Autowired
    EarlierErasureRelay earlierRelay;

    private Api api(String token) {
        return api.as(token);
    }

    @Test
    void aDeliveryThatKeepsFailingIsQuarantinedWithItsReasonUntilHqReplaysIt(Tokens tokens) throws Exception {
        down.set(true);
        String id = api(tokens.pos("9")).post("/api/members", Map.of("channel", "STORE", "storeId", "9", "loyaltyCardNumber", "OUTBOX-Q-1",
                "displayName", "Quarantine Person")).json().path("member").path("id").asString();
        assertThat(api(tokens.hqAdmin()).post("/api/members/" + id + "/erasure", Map.of("reason", "written request")).status()).isEqualTo(200);

        await(() -> quarantined(tokens, id) != null);
        JsonNode held = quarantined(tokens, id);
        assertThat(held.path("attempts").asInt()).isEqualTo(3);
        assertThat(held.path("lastError").asString()).isEqualTo("HTTP 503");
        assertThat(held.path("eventType").asString()).isEqualTo("ErasureToDeliver");
        assertThat(held.toString()).as("HQ sees ids and reasons, never the digests").doesNotContain("digests");
        int triedBeforeQuarantine = calls.size();
        Thread.sleep(1500);
        assertThat(calls).as("a quarantined event is not tried again by itself").hasSize(triedBeforeQuarantine);
        assertThat(api(tokens.hqAnalyst()).get("/api/members/erasure-relay").body()).contains(id).contains("\"quarantined\":true");

        String publication = held.path("id").asString();
        // Version 2 pages the outbox: one event a page here, each once, oldest first, ours among them.
        List<String> paged = new java.util.ArrayList<>();
        String cursor = "";
        for (int page = 0; page < 100 && cursor != null; page++) {
            JsonNode body = api(tokens.hqAnalyst()).header("API-Version", "2").get("/api/members/outbox?limit=1&cursor=" + cursor).json();
            body.path("items").forEach(entry -> paged.add(entry.path("id").asString()));
            cursor = body.has("next") ? body.path("next").asString() : null;
        }
        assertThat(paged).contains(publication).doesNotHaveDuplicates();
        assertThat(api(tokens.pos("9")).get("/api/members/outbox").status()).isEqualTo(403);
        assertThat(api(tokens.hqAnalyst()).post("/api/members/outbox/" + publication + "/replay", "").status()).isEqualTo(403);

        down.set(false);
        assertThat(api(tokens.hqAdmin()).post("/api/members/outbox/" + publication + "/replay", "").status()).isEqualTo(202);
        await(() -> hook.delivered(id));
        await(() -> !api(tokens.hqAnalyst()).get("/api/members/outbox").body().contains(id));
        assertThat(api(tokens.hqAdmin()).post("/api/members/outbox/" + publication + "/replay", "").status())
                .as("delivered: nothing left to replay").isEqualTo(404);
        assertThat(api(tokens.hqAdmin()).post("/api/members/outbox/not-a-uuid/replay", "").status()).isEqualTo(400);
    }

    @Test
    void deliveriesTheEarlierRelayTableStillOwedAreMovedIntoTheOutbox() throws Exception {
        down.set(false);
        jdbc.sql("""
                INSERT INTO erasure_relay (member_id, service, member_ids, digests, status, attempts, next_attempt_at, created_at)
                VALUES ('00000000-0000-0000-0000-00000000e1a5', 'stub', '["00000000-0000-0000-0000-00000000e1a5"]', '["abc"]', 'PENDING', 4,
                    '2026-01-01 00:00:00', '2026-01-01 00:00:00')""").update();

        assertThat(earlierRelay.moveWaitingIntoOutbox()).isEqualTo(1);
        assertThat(earlierRelay.moveWaitingIntoOutbox()).as("moved once").isZero();
        await(() -> hook.delivered("00000000-0000-0000-0000-00000000e1a5"));
        assertThat(jdbc.sql("SELECT CONCAT(status, '/', COALESCE(digests, 'none')) FROM erasure_relay WHERE member_id = :m")
                .param("m", "00000000-0000-0000-0000-00000000e1a5").query(String.class).single()).isEqualTo("MOVED_TO_OUTBOX/none");
    }

    private JsonNode quarantined(Tokens tokens, String memberId) {
        for (JsonNode entry : api(tokens.hqAnalyst()).get("/api/members/outbox?quarantined=true").json()) {
            if (entry.path("key").asString().contains(memberId)) {
                return entry;
            }
        }
        return null;
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
