package dev.santong.goods.stock;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcOperations;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

import dev.santong.goods.stock.StockReservations.Held;
import dev.santong.goods.stock.StockReservations.HoldRequest;
import dev.santong.goods.stock.StockReservations.Reservation;
import dev.santong.goods.stock.StockReservations.Status;
import dev.santong.platform.kit.persistence.ConcurrentWriteRetry;
import dev.santong.platform.kit.problem.ConflictException;
import dev.santong.platform.kit.problem.DependencyUnavailableException;

/**
 * Flash-sale mode: group commit of holds on one level. Holds that arrive while a batch commits queue in this replica;
 * the next batch takes them all (up to {@link #MAX_BATCH}) in one transaction that locks the level once, grants in
 * arrival order what the level still has, inserts the granted holds in one statement and raises the level's reserved
 * once. The level's lock is held for three statements per batch instead of per hold, and a batch's refusals cost
 * nothing more. Replicas each batch their own queue; their batches take turns on the level's lock, so there is still
 * no oversell: every batch reads the level under its lock.
 * <p>
 * A hold whose business key was used before (in the database or earlier in the same batch), or that finds the level
 * no longer in flash-sale mode, is handed back and taken on the one-row path, which replays or refuses it there.
 */
@Component
class FlashSaleHolds {

    static final int MAX_BATCH = 256;
    /** How long a lane's last batch vouches for the level being in flash-sale mode: holds skip their own read meanwhile. */
    static final Duration KNOWN_FOR = Duration.ofSeconds(1);

    private final JdbcClient jdbc;
    private final NamedParameterJdbcOperations named;
    private final TransactionTemplate transactions;
    private final Clock clock;
    private final Duration maxWait;
    private final ConcurrentHashMap<String, Lane> lanes = new ConcurrentHashMap<>();
    /** One committer per busy level; it blocks on the database, so a virtual thread. */
    private final ExecutorService committers = Executors.newVirtualThreadPerTaskExecutor();

    FlashSaleHolds(JdbcClient jdbc, NamedParameterJdbcOperations named, TransactionTemplate transactions, Clock clock,
            @Value("${santong.goods.flash-sale.max-wait:10s}") Duration maxWait) {
        this.jdbc = jdbc;
        this.named = named;
        this.transactions = transactions;
        this.clock = clock;
        this.maxWait = maxWait;
    }

    /** A hold waiting for its batch: what it asks, and where its answer goes. */
    record Pending(HoldRequest request, String fingerprint, Duration lifetime, CompletableFuture<Optional<Held>> answer) {
    }

    private static final class Lane {
        final ConcurrentLinkedQueue<Pending> queue = new ConcurrentLinkedQueue<>();
        final AtomicBoolean committing = new AtomicBoolean();
        /** When the last batch found the level in flash-sale mode (System.nanoTime), and what it left sellable. */
        volatile long lastBatchAt = Long.MIN_VALUE;
        volatile long sellableAfter;

        boolean busy(long now) {
            return lastBatchAt != Long.MIN_VALUE && now - lastBatchAt < KNOWN_FOR.toNanos();
        }
    }

    /**
     * For a level whose batches are running in this replica and had stock left: the hold goes to the next batch without
     * a read of its own. Empty when this replica knows nothing fresh of the level, when its last batch left too little
     * (the read then refuses at once, or finds new stock, or answers a replay), or when the batch hands the hold back:
     * the caller then takes the usual way, which reads first.
     */
    Optional<Held> holdIfBusy(HoldRequest request, String fingerprint, Duration lifetime) {
        Lane lane = lanes.get(laneKey(request));
        if (lane == null || !lane.busy(System.nanoTime()) || lane.sellableAfter < request.quantity()) {
            return Optional.empty();
        }
        return hold(request, fingerprint, lifetime);
    }

    private static String laneKey(HoldRequest request) {
        return request.sku() + '\u0000' + request.location();
    }

    /**
     * Queues the hold for its level's next batch and waits for it. Empty when the hold must take the one-row path
     * instead; a refusal is thrown as the one-row path would throw it.
     */
    Optional<Held> hold(HoldRequest request, String fingerprint, Duration lifetime) {
        Pending pending = new Pending(request, fingerprint, lifetime, new CompletableFuture<>());
        Lane lane = lanes.computeIfAbsent(laneKey(request), key -> new Lane());
        lane.queue.add(pending);
        if (lane.committing.compareAndSet(false, true)) {
            committers.execute(() -> commitWhileQueued(lane));
        }
        try {
            return pending.answer().get(maxWait.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException failed) {
            if (failed.getCause() instanceof RuntimeException cause) {
                throw cause;
            }
            throw new IllegalStateException("a flash-sale batch failed", failed.getCause());
        } catch (TimeoutException slow) {
            // The hold may still be taken: the client's retry with the same key replays it.
            throw new DependencyUnavailableException("Holds of " + request.sku() + " at " + request.location() + " are queued too long", slow);
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for a flash-sale batch", interrupted);
        }
    }

    private void commitWhileQueued(Lane lane) {
        while (true) {
            List<Pending> batch = new ArrayList<>();
            for (Pending next; batch.size() < MAX_BATCH && (next = lane.queue.poll()) != null;) {
                batch.add(next);
            }
            if (batch.isEmpty()) {
                lane.committing.set(false);
                // A hold queued after the poll but before the flag fell would wait for nobody: take it on here.
                if (lane.queue.isEmpty() || !lane.committing.compareAndSet(false, true)) {
                    return;
                }
                continue;
            }
            try {
                Map<Pending, Object> outcomes = ConcurrentWriteRetry.inTransaction(transactions, 5, status -> commit(batch, lane));
                outcomes.forEach((pending, outcome) -> {
                    if (outcome instanceof RuntimeException refusal) {
                        pending.answer().completeExceptionally(refusal);
                    } else {
                        pending.answer().complete(Optional.ofNullable((Held) outcome));
                    }
                });
            } catch (RuntimeException failed) {
                batch.forEach(pending -> pending.answer().completeExceptionally(failed));
            } catch (Error fatal) {
                // Never leave the lane marked as committing with nobody committing: the next hold starts a new committer.
                batch.forEach(pending -> pending.answer().completeExceptionally(fatal));
                lane.committing.set(false);
                throw fatal;
            }
        }
    }

    /** One batch in one transaction: each hold's outcome, a Held, a refusal, or null for "take the one-row path". */
    private Map<Pending, Object> commit(List<Pending> batch, Lane lane) {
        Map<Pending, Object> outcomes = new HashMap<>();
        HoldRequest first = batch.getFirst().request();
        String sku = first.sku();
        String location = first.location();
        Set<String> used = jdbc.sql("SELECT business_key FROM reservation WHERE business_key IN (:keys)")
                .param("keys", batch.stream().map(p -> p.request().businessKey()).toList()).query(String.class).set();
        LevelNow level = jdbc.sql("""
                SELECT sl.on_hand - sl.reserved - sl.safety_stock AS sellable, sl.flash_sale, sl.hot_buckets,
                       loc.pickup_enabled, loc.online_buffer, loc.pickup_buffer
                FROM stock_level sl JOIN location loc ON loc.code = sl.location_code
                WHERE sl.sku_code = :s AND sl.location_code = :l FOR UPDATE""").param("s", sku).param("l", location)
                .query((rs, n) -> new LevelNow(rs.getLong("sellable"), rs.getBoolean("flash_sale") && rs.getInt("hot_buckets") == 0,
                        StockReservations.locationRules(rs)))
                .optional().orElse(new LevelNow(0, false, null));
        Instant now = clock.instant().truncatedTo(ChronoUnit.MICROS);
        List<Reservation> granted = new ArrayList<>();
        Set<String> keysInBatch = new HashSet<>();
        long units = 0;
        for (Pending pending : batch) {
            HoldRequest request = pending.request();
            if (!level.flashSale() || used.contains(request.businessKey()) || !keysInBatch.add(request.businessKey())) {
                outcomes.put(pending, null);
                continue;
            }
            long buffer;
            try {
                buffer = level.rules().bufferFor(request.channel(), location);
            } catch (ConflictException noPickup) {
                outcomes.put(pending, noPickup);
                continue;
            }
            if (level.sellable() - units - buffer >= request.quantity()) {
                Reservation hold = new Reservation(UUID.randomUUID().toString(), request.businessKey(), sku, location, request.quantity(),
                        request.channel(), request.holder(), Status.HELD, null, now.plus(pending.lifetime()).truncatedTo(ChronoUnit.MICROS), now,
                        null);
                granted.add(hold);
                units += request.quantity();
                outcomes.put(pending, new Held(hold, false));
            } else {
                outcomes.put(pending, StockReservations.fewerThan(request));
            }
        }
        if (level.flashSale()) {
            lane.sellableAfter = level.sellable() - units;
            lane.lastBatchAt = System.nanoTime();
        }
        if (!granted.isEmpty()) {
            Map<String, String> hashes = new HashMap<>();
            batch.forEach(p -> hashes.putIfAbsent(p.request().businessKey(), p.fingerprint()));
            StockReservations.insertAll(named, granted, hashes);
            jdbc.sql("UPDATE stock_level SET reserved = reserved + :units WHERE sku_code = :s AND location_code = :l")
                    .param("units", units).param("s", sku).param("l", location).update();
        }
        return outcomes;
    }

    /** @param rules null when the level is not there */
    private record LevelNow(long sellable, boolean flashSale, StockReservations.LocationRules rules) {
    }
}
