package dev.santong.gateway.ratelimit;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;

import org.junit.jupiter.api.Test;

import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;

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

    @Test
    void requestsThatFindTheLeaseUsedUpTogetherAskRedisOnce() {
        AtomicInteger asked = new AtomicInteger();
        Sinks.One<Boolean> redis = Sinks.one();
        Supplier<Mono<Boolean>> takeLease = () -> {
            asked.incrementAndGet();
            return redis.asMono().doOnNext(leased -> leases.lease("client:shop-backend", 5, Duration.ofSeconds(1)));
        };
        List<Boolean> answers = new java.util.concurrent.CopyOnWriteArrayList<>();
        for (int i = 0; i < 8; i++) {
            leases.renewal("client:shop-backend", takeLease).subscribe(answers::add);
        }
        redis.tryEmitValue(true);
        assertThat(asked).as("one request to Redis for eight waiting").hasValue(1);
        assertThat(answers).hasSize(8).containsOnly(true);
    }

    /**
     * A request that found the lease used up may ask for the next one after another request's lease came in: it must
     * take from that lease, not replace it with a new one (the permits left in the replaced one were lost).
     */
    @Test
    void noNewLeaseIsAskedForWhileTheLeaseHasPermitsLeft() {
        AtomicInteger asked = new AtomicInteger();
        Supplier<Mono<Boolean>> takeLease = () -> {
            asked.incrementAndGet();
            return Mono.fromSupplier(() -> {
                leases.lease("store:9", 5, Duration.ofSeconds(1));
                return true;
            });
        };
        assertThat(leases.renewal("store:9", takeLease).block()).isTrue();
        assertThat(leases.tryTake("store:9")).isTrue();
        // Four permits are left when a late request asks for the next lease.
        assertThat(leases.renewal("store:9", takeLease).block()).isTrue();
        assertThat(asked).as("Redis asked only for the first lease").hasValue(1);
        int taken = 0;
        while (leases.tryTake("store:9")) {
            taken++;
        }
        assertThat(taken).as("the four left in the first lease").isEqualTo(4);
    }
}
