package dev.santong.gateway.ratelimit;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.Test;

/** A lease lets through exactly the permits it was given, within its period, however many requests race for them. */
class RateLimitLeasesTest {

    private final AtomicLong now = new AtomicLong(1_000_000_000L);
    private final RateLimitLeases leases = new RateLimitLeases(now::get);

    @Test
    void smallQuotasGetNoLeaseAndLargeOnesATwentiethAtMostAHundred() {
        assertThat(RateLimitLeases.sizeFor(new RateLimitProperties.Limit(20, Duration.ofSeconds(1)))).isEqualTo(1);
        assertThat(RateLimitLeases.sizeFor(new RateLimitProperties.Limit(39, Duration.ofSeconds(1)))).isEqualTo(1);
        assertThat(RateLimitLeases.sizeFor(new RateLimitProperties.Limit(200, Duration.ofSeconds(1)))).isEqualTo(10);
        assertThat(RateLimitLeases.sizeFor(new RateLimitProperties.Limit(3000, Duration.ofSeconds(1)))).isEqualTo(100);
    }

    @Test
    void aLeaseGivesItsPermitsOnceAndNoMore() throws Exception {
        assertThat(leases.tryTake("store:9")).as("no lease yet").isFalse();
        leases.lease("store:9", 100, Duration.ofSeconds(1));
        List<Future<Integer>> racers = new ArrayList<>();
        try (ExecutorService pool = Executors.newFixedThreadPool(16)) {
            for (int r = 0; r < 16; r++) {
                racers.add(pool.submit(() -> {
                    int taken = 0;
                    for (int i = 0; i < 1000; i++) {
                        taken += leases.tryTake("store:9") ? 1 : 0;
                    }
                    return taken;
                }));
            }
            int taken = 0;
            for (Future<Integer> racer : racers) {
                taken += racer.get();
            }
            assertThat(taken).isEqualTo(100);
        }
        assertThat(leases.tryTake("store:12")).as("another caller's count is its own").isFalse();
    }

    @Test
    void whatALeaseHasLeftAtTheEndOfItsPeriodIsDropped() {
        leases.lease("client:shop-backend", 50, Duration.ofSeconds(1));
        assertThat(leases.tryTake("client:shop-backend")).isTrue();
        now.addAndGet(Duration.ofSeconds(1).toNanos());
        assertThat(leases.tryTake("client:shop-backend")).isFalse();
    }
}
