package dev.santong.channelsync.apply;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.TestPropertySource;

import dev.santong.platform.testkit.Api;
import dev.santong.platform.testkit.StackTest;
import dev.santong.platform.testkit.Tokens;

/**
 * A lane is worked by one worker at a time even when a remote call outlasts the lease: the worker that lost the lane
 * to another replica makes no further remote call for it.
 */
@StackTest
@TestPropertySource(properties = { "santong.sync.apply.enabled=false", "santong.remotes.goods-url=http://127.0.0.1:9",
        "santong.remotes.member-url=http://127.0.0.1:9" })
class LaneFencingIT {

    @Autowired
    Api api;

    @Autowired
    ApplyWork work;

    @Autowired
    JdbcClient jdbc;

    /** A remote that answers slowly the first time it is called, and records who called it for what. */
    static final class SlowRemote implements ApplyTarget {

        final List<String> calls = new CopyOnWriteArrayList<>();
        final Duration firstCall;

        SlowRemote(Duration firstCall) {
            this.firstCall = firstCall;
        }

        @Override
        public String name() {
            return "SLOW";
        }

        @Override
        public boolean concerns(StoredTransaction tx) {
            return true;
        }

        @Override
        public String apply(StoredTransaction tx) {
            calls.add(Thread.currentThread().getName() + " " + tx.sequenceNumber());
            if (calls.size() == 1) {
                try {
                    Thread.sleep(firstCall.toMillis());
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            return "applied";
        }

        @Override
        public String correct(StoredTransaction applied, StoredTransaction corrected, String reference) {
            return apply(corrected);
        }
    }

    private ApplyWorker worker(SlowRemote remote, Duration lease) {
        return new ApplyWorker(work, List.of(remote), Clock.systemUTC(), 1, 3, Duration.ofSeconds(1), Duration.ofSeconds(5),
                Duration.ofSeconds(1), lease, false, Duration.ofHours(24), new dev.santong.platform.kit.tracing.TraceParents(null, null));
    }

    @Test
    void aWorkerWhoseLeaseWasTakenOverDuringASlowCallMakesNoFurtherCallForTheLane(Tokens tokens) throws Exception {
        StringBuilder transactions = new StringBuilder();
        for (int sequence = 1; sequence <= 3; sequence++) {
            transactions.append(sequence == 1 ? "" : ",").append("""
                    {"workstationId":"7","businessDay":"2026-11-22","sequenceNumber":%d,"type":"NO_SALE","businessTime":"2026-11-22T02:0%d:00Z",
                     "payload":{}}""".formatted(sequence, sequence));
        }
        Api.Response uploaded = api.as(tokens.pos("9"))
                .post("/api/sync/stores/9/batches", "{\"batchId\":\"fence-1\",\"transactions\":[" + transactions + "]}");
        assertThat(uploaded.status()).as(uploaded.toString()).isEqualTo(202);
        jdbc.sql("""
                INSERT INTO apply_work (transaction_id, target, store_id, workstation_id, business_day, sequence_number, status, attempts,
                    next_attempt_at, created_at)
                SELECT id, 'SLOW', store_id, workstation_id, business_day, sequence_number, 'PENDING', 0, UTC_TIMESTAMP(6), UTC_TIMESTAMP(6)
                FROM pos_transaction WHERE store_id = '9' AND workstation_id = '7'""").update();

        // Replica A's first call takes 2.5 s against a 1 s lease; replica B takes the lapsed lane over meanwhile.
        SlowRemote remote = new SlowRemote(Duration.ofMillis(2500));
        ApplyWork.Lane lane = new ApplyWork.Lane("SLOW", "9", "7");
        ApplyWorker a = worker(remote, Duration.ofSeconds(1));
        ApplyWorker b = worker(remote, Duration.ofSeconds(30));
        try (ExecutorService replicas = Executors.newFixedThreadPool(2, Thread.ofPlatform().name("replica-", 0).factory())) {
            Future<?> first = replicas.submit(() -> a.workLane(lane));
            Thread.sleep(1500);
            Future<?> second = replicas.submit(() -> b.workLane(lane));
            second.get();
            first.get();
        }
        assertThat(remote.calls).as("replica A (replica-0) stops after the call it was in when it lost the lane")
                .containsExactly("replica-0 1", "replica-1 1", "replica-1 2", "replica-1 3");
        assertThat(jdbc.sql("SELECT COUNT(*) FROM apply_work WHERE target = 'SLOW' AND status = 'DONE'").query(Long.class).single()).isEqualTo(3L);
    }
}
