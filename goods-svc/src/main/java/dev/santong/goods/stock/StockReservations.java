package dev.santong.goods.stock;

import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.MeterRegistry;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

import dev.santong.platform.kit.idempotency.BusinessKeyReusedException;
import dev.santong.platform.kit.idempotency.Fingerprint;
import dev.santong.platform.kit.idempotency.IdempotentWrite;
import dev.santong.platform.kit.persistence.ConcurrentWriteRetry;
import dev.santong.platform.kit.persistence.SqlTime;
import dev.santong.platform.kit.problem.ConflictException;
import dev.santong.platform.kit.problem.InvalidRequestException;
import dev.santong.platform.kit.problem.ResourceNotFoundException;

/**
 * Holds for online orders and pick-up-in-store. A hold is taken by one conditional update, so the database refuses
 * to hold more than is available: {@code reserved = reserved + q WHERE on_hand - reserved - safety_stock >= q}.
 * <p>
 * A hold never takes what the location keeps back from its channel (the online or pick-up buffer), and a self-registered
 * shopper holds at most what {@link ShopperHoldLimits} allow, counted under a lock of that shopper's row.
 * <p>
 * A hold first reads, without locks, what it needs (the location's buffers, the level, the buckets with stock, whether
 * its key was used): a sold-out SKU is refused there. It then writes its own row and updates the level last, so the
 * level's lock is held for that update and the commit only.
 * <p>
 * <b>Flash-sale mode</b>: holds of the level queue in each replica and are taken in batches, one transaction each
 * ({@link FlashSaleHolds}). The fastest way on one level, measured by {@code ./santong bench}.
 * <p>
 * <b>Hot-SKU mode</b>: the level's sellable units are moved into N bucket rows (and counted as reserved on
 * the level); a hold takes from one bucket with the same kind of conditional update, so concurrent holds lock
 * different rows instead of queueing on one. {@link HotBuckets} keeps the buckets within what the level still covers,
 * so there is still no oversell. When no bucket has enough a hold falls back to the level, which may have received new
 * stock since.
 * <p>
 * Holds end by confirmation (the units leave on hand as an ONLINE_ORDER movement), release, or expiry. Expiry claims
 * due holds with {@code SKIP LOCKED} and ends each with a conditional status change, so any number of workers
 * release each hold exactly once.
 */
@Component
class StockReservations {

    public enum Status { HELD, CONFIRMED, RELEASED, EXPIRED }

    /** Where the held units go, which decides what the location keeps back from the hold. */
    public enum Channel {
        /** Shipped from the location to an online order: never takes the location's online buffer. */
        ONLINE,
        /** Collected at the store: only where pick-up is offered, never takes its pick-up buffer. */
        PICKUP,
        /** The store's own counter: may sell what it keeps back from online and pick-up. */
        STORE;

        /**
         * What a hold of this channel can still take: the level's own sellable units beyond the channel's buffer, plus
         * the hot-mode buckets (which never hold a buffer). The one rule for holds and for what shoppers are shown.
         */
        public static long holdable(long levelSellable, long inBuckets, long buffer) {
            return Math.max(0, levelSellable - buffer) + inBuckets;
        }
    }

@io.swagger.v3.oas.annotations.media.Schema(example = """
        {"id": "0b6c1f9e-5d2a-4c3b-8e7f-1a2b3c4d5e6f", "businessKey": "shop:SO-DEMO-2/1", "sku": "OX-BLU-M", "location": "WH-SH", \
        "quantity": 1, "channel": "ONLINE", "holder": "shop:SO-DEMO-2", "status": "HELD", "bucket": null, \
        "expiresAt": "2026-11-20T03:15:00Z", "createdAt": "2026-11-20T02:15:00Z", "closedAt": null}""")
    public record Reservation(String id, String businessKey, String sku, String location, long quantity, Channel channel, String holder,
            Status status, Integer bucket, Instant expiresAt, Instant createdAt, Instant closedAt) {

        Reservation inBucket(int number) {
            return new Reservation(id, businessKey, sku, location, quantity, channel, holder, status, number, expiresAt, createdAt, closedAt);
        }
    }

@io.swagger.v3.oas.annotations.media.Schema(example = """
        {"reservation": {"id": "0b6c1f9e-5d2a-4c3b-8e7f-1a2b3c4d5e6f", "businessKey": "shop:SO-DEMO-2/1", "sku": "OX-BLU-M", "location": "WH-SH", \
        "quantity": 1, "channel": "ONLINE", "holder": "shop:SO-DEMO-2", "status": "HELD", "bucket": null, \
        "expiresAt": "2026-11-20T03:15:00Z", "createdAt": "2026-11-20T02:15:00Z", "closedAt": null}, "replayed": false}""")
    public record Held(Reservation reservation, boolean replayed) {
    }

    /**
     * @param holder  who the units are held for; a shopper's subject when {@code shopper}
     * @param shopper the holder is a self-registered shopper, bound by {@link ShopperHoldLimits}
     * @param ttl     null for the default
     */
    public record HoldRequest(String sku, String location, long quantity, Channel channel, String holder, boolean shopper, String businessKey,
            Duration ttl) {
    }

    static final Duration DEFAULT_TTL = Duration.ofMinutes(15);
    static final Duration MAX_TTL = Duration.ofDays(7);

    private final JdbcClient jdbc;
    private final TransactionTemplate transactions;
    private final TransactionTemplate expiryTransactions;
    private final StockLedger ledger;
    private final HotBuckets buckets;
    private final FlashSaleHolds flashSale;
    private final ShopperHoldLimits shopperLimits;
    private final Clock clock;
    private final MeterRegistry meters;
    private final java.util.Map<String, io.micrometer.core.instrument.Counter> holdCounters = new java.util.concurrent.ConcurrentHashMap<>();
    private final java.util.Map<Channel, DistributionSummary> unitsPerHold = new java.util.concurrent.ConcurrentHashMap<>();

    StockReservations(JdbcClient jdbc, TransactionTemplate transactions, StockLedger ledger, HotBuckets buckets, FlashSaleHolds flashSale,
            ShopperHoldLimits shopperLimits, Clock clock, MeterRegistry meters) {
        this.flashSale = flashSale;
        this.meters = meters;
        this.jdbc = jdbc;
        this.transactions = transactions;
        this.expiryTransactions = new TransactionTemplate(transactions.getTransactionManager());
        this.expiryTransactions.setIsolationLevel(org.springframework.transaction.TransactionDefinition.ISOLATION_READ_COMMITTED);
        this.ledger = ledger;
        this.buckets = buckets;
        this.shopperLimits = shopperLimits;
        this.clock = clock;
    }

    public Held reserve(HoldRequest request) {
        if (request.quantity() < 1) {
            throw new InvalidRequestException("quantity", "must be at least 1");
        }
        Duration longest = request.shopper() ? shopperLimits.maxTtl() : MAX_TTL;
        Duration lifetime = request.ttl() == null ? (DEFAULT_TTL.compareTo(longest) < 0 ? DEFAULT_TTL : longest) : request.ttl();
        if (lifetime.isNegative() || lifetime.isZero() || lifetime.compareTo(longest) > 0) {
            throw new InvalidRequestException("ttlSeconds", "must be between 1 and " + longest.toSeconds() + " seconds");
        }
        if (request.shopper() && request.quantity() > shopperLimits.maxUnitsPerSku()) {
            throw new InvalidRequestException("quantity", "must be at most " + shopperLimits.maxUnitsPerSku() + " for a shopper's own hold");
        }
        String sku = request.sku();
        String location = request.location();
        long quantity = request.quantity();
        String fingerprint = Fingerprint.of(new Content(sku, location, quantity, request.channel(), request.holder()));
        Held held;
        try {
            // A flash sale's busy level: straight to its next batch (shoppers' holds are counted against their caps one by one).
            Optional<Held> batched = request.shopper() ? Optional.empty() : flashSale.holdIfBusy(request, fingerprint, lifetime);
            // Else read once without a transaction: a sold-out SKU is refused here, and a flash sale's hold goes to its batch.
            Outlook seen = batched.isPresent() ? null : outlook(request);
            if (batched.isEmpty() && seen.flashSale() && !request.shopper() && !seen.earlierHold()) {
                refuseAtOnce(request, seen);
                batched = flashSale.hold(request, fingerprint, lifetime);
            }
            held = batched.isPresent() ? batched.get() : holdOnOneRow(request, fingerprint, lifetime, seen);
        } catch (ConflictException refused) {
            countHold(request, "refused", refused.slug(), 0);
            throw refused;
        }
        if (!held.replayed()) {
            countHold(request, "taken", "", quantity);
        }
        return held;
    }

    private Held holdOnOneRow(HoldRequest request, String fingerprint, Duration lifetime, Outlook seen) {
        java.util.concurrent.atomic.AtomicInteger attempts = new java.util.concurrent.atomic.AtomicInteger();
        return ConcurrentWriteRetry.inTransaction(transactions, 5, status -> {
            if (request.shopper()) {
                // The shopper's holds are counted after their lock, so two holds at once cannot both pass the caps.
                lockHolder(request.holder());
            }
            // A retry (a lost race for the key, a deadlock) reads again what the first attempt was given.
            Outlook outlook = attempts.incrementAndGet() == 1 ? seen : outlook(request);
            Optional<IdempotentWrite.Earlier<Held>> earlier = outlook.earlierHold() ? earlier(request.businessKey()) : Optional.empty();
            return IdempotentWrite.once(earlier, fingerprint,
                    () -> new BusinessKeyReusedException("Reservation " + request.businessKey() + " exists with other content"),
                    () -> holdFirst(request, fingerprint, lifetime, outlook)).result();
        });
    }

    /** The channel's buffer at the location, once the outlook shows the hold could be taken at all; else the refusal. */
    private static long refuseAtOnce(HoldRequest request, Outlook outlook) {
        long buffer = outlook.bufferFor(request.channel(), request.location());
        if (outlook.hotBuckets() == null) {
            throw new ConflictException("out-of-stock", "No stock of " + request.sku() + " at " + request.location());
        }
        if (outlook.bucketsWithStock().isEmpty() && outlook.levelSellable() - buffer < request.quantity()) {
            // Sold out as last committed: refused at once, without waiting for the level's lock.
            throw fewerThan(request);
        }
        return buffer;
    }

    /** Holds taken and refused (and why) per channel, and the units held, for the dashboards; a replayed hold is not counted again. */
    private void countHold(HoldRequest request, String outcome, String reason, long units) {
        holdCounters.computeIfAbsent(request.channel().name() + '/' + outcome + '/' + reason,
                key -> meters.counter("santong.goods.reservations", "channel", request.channel().name(), "outcome", outcome, "reason", reason))
                .increment();
        if (units > 0) {
            unitsPerHold.computeIfAbsent(request.channel(), channel -> DistributionSummary.builder("santong.goods.reservation.units")
                    .description("Units per hold taken").tag("channel", channel.name()).serviceLevelObjectives(1, 2, 5, 10, 50, 100)
                    .register(meters)).record(units);
        }
    }

    /** What makes two holds with one business key the same hold. */
    private record Content(String sku, String location, long quantity, Channel channel, String holder) {
    }

    /** What a location keeps back from holds of each channel, and whether it offers pick-up: one rule for every way of holding. */
    record LocationRules(boolean pickupEnabled, long onlineBuffer, long pickupBuffer) {

        long bufferFor(Channel channel, String location) {
            if (channel == Channel.PICKUP && !pickupEnabled) {
                throw new ConflictException("no-pickup-here", "Location " + location + " does not offer pick-up");
            }
            return switch (channel) {
                case ONLINE -> onlineBuffer;
                case PICKUP -> pickupBuffer;
                case STORE -> 0;
            };
        }
    }

    /**
     * What a hold needs to know before it writes, in one read that locks nothing: the location's rules, the level (null
     * fields when the SKU has none there), the buckets that could give the quantity, and whether the key was used.
     */
    private record Outlook(LocationRules rules, Integer hotBuckets, boolean flashSale, long levelSellable, List<Integer> bucketsWithStock,
            boolean earlierHold) {

        long bufferFor(Channel channel, String location) {
            return rules.bufferFor(channel, location);
        }
    }

    private Outlook outlook(HoldRequest request) {
        return jdbc.sql("""
                SELECT loc.pickup_enabled, loc.online_buffer, loc.pickup_buffer, sl.hot_buckets, sl.flash_sale,
                       sl.on_hand - sl.reserved - sl.safety_stock AS sellable,
                       (SELECT GROUP_CONCAT(b.bucket_no) FROM stock_bucket b
                        WHERE b.sku_code = :s AND b.location_code = :l AND b.available >= :q) AS buckets_with_stock,
                       EXISTS (SELECT 1 FROM reservation r WHERE r.business_key = :k) AS earlier_hold
                FROM location loc LEFT JOIN stock_level sl ON sl.location_code = loc.code AND sl.sku_code = :s
                WHERE loc.code = :l""")
                .param("s", request.sku()).param("l", request.location()).param("q", request.quantity()).param("k", request.businessKey())
                .query((rs, n) -> new Outlook(locationRules(rs), (Integer) rs.getObject("hot_buckets", Integer.class), rs.getBoolean("flash_sale"), rs.getLong("sellable"), bucketNumbers(rs.getString("buckets_with_stock")),
                        rs.getBoolean("earlier_hold")))
                .optional().orElseThrow(() -> new ResourceNotFoundException("location", request.location()));
    }

    /** The location's rules from a row that has its pickup_enabled, online_buffer and pickup_buffer. */
    static LocationRules locationRules(ResultSet rs) throws SQLException {
        return new LocationRules(rs.getBoolean("pickup_enabled"), rs.getLong("online_buffer"), rs.getLong("pickup_buffer"));
    }

    private static List<Integer> bucketNumbers(String list) {
        return list == null || list.isEmpty() ? List.of() : java.util.Arrays.stream(list.split(",")).map(Integer::valueOf).toList();
    }

    private Held holdFirst(HoldRequest request, String hash, Duration lifetime, Outlook outlook) {
        String sku = request.sku();
        String location = request.location();
        long quantity = request.quantity();
        long buffer = outlook.bufferFor(request.channel(), location);
        if (request.shopper()) {
            requireWithinShopperLimits(request);
        }
        refuseAtOnce(request, outlook);
        Instant now = clock.instant().truncatedTo(ChronoUnit.MICROS);
        Reservation hold = new Reservation(UUID.randomUUID().toString(), request.businessKey(), sku, location, quantity, request.channel(),
                request.holder(), Status.HELD, null, now.plus(lifetime).truncatedTo(ChronoUnit.MICROS), now, null);
        // Buckets never hold a channel's buffer (HotBuckets), so any channel may take from them.
        Integer bucket = outlook.hotBuckets() > 0 ? buckets.take(sku, location, quantity, outlook.bucketsWithStock()) : null;
        if (bucket != null) {
            hold = hold.inBucket(bucket);
            insert(hold, hash);
            return new Held(hold, false);
        }
        // The hold's row first, the level's update last: the level's lock is then held for the update and the commit only.
        insert(hold, hash);
        if (!takeFromLevel(sku, location, quantity, buffer, outlook.hotBuckets())) {
            Integer hotNow = jdbc.sql("SELECT hot_buckets FROM stock_level WHERE sku_code = :s AND location_code = :l")
                    .param("s", sku).param("l", location).query(Integer.class).single();
            if (!hotNow.equals(outlook.hotBuckets())) {
                // Hot mode began or ended since the outlook: the whole hold again, on what is there now.
                throw new org.springframework.dao.CannotAcquireLockException("hot mode of " + sku + " at " + location + " changed during a hold");
            }
            throw fewerThan(request);
        }
        if (outlook.hotBuckets() > 0) {
            // In hot mode a channel with a smaller buffer, such as the store's counter, may have taken units the buckets counted on.
            buckets.cover(sku, location);
        }
        return new Held(hold, false);
    }

    static ConflictException fewerThan(HoldRequest request) {
        return new ConflictException("out-of-stock", "Fewer than " + request.quantity() + " of " + request.sku() + " available for "
                + request.channel() + " at " + request.location());
    }

    private void insert(Reservation hold, String hash) {
        jdbc.sql(INSERT_HOLD).paramSource(rowOf(hold, hash)).update();
    }

    /** New holds in one statement (the driver rewrites the batch as one multi-row INSERT); hashes by business key. */
    static void insertAll(org.springframework.jdbc.core.namedparam.NamedParameterJdbcOperations named, List<Reservation> holds,
            java.util.Map<String, String> hashes) {
        named.batchUpdate(INSERT_HOLD, holds.stream().map(hold -> rowOf(hold, hashes.get(hold.businessKey())))
                .toArray(org.springframework.jdbc.core.namedparam.SqlParameterSource[]::new));
    }

    private static org.springframework.jdbc.core.namedparam.MapSqlParameterSource rowOf(Reservation hold, String hash) {
        return new org.springframework.jdbc.core.namedparam.MapSqlParameterSource()
                .addValue("id", hold.id()).addValue("key", hold.businessKey()).addValue("hash", hash).addValue("s", hold.sku())
                .addValue("l", hold.location()).addValue("q", hold.quantity()).addValue("channel", hold.channel().name())
                .addValue("holder", hold.holder()).addValue("bucket", hold.bucket(), java.sql.Types.INTEGER)
                .addValue("expires", SqlTime.of(hold.expiresAt())).addValue("now", SqlTime.of(hold.createdAt()));
    }

    private static final String INSERT_HOLD = """
                INSERT INTO reservation (id, business_key, request_hash, sku_code, location_code, quantity, channel, holder, status,
                    bucket_no, expires_at, created_at)
                VALUES (:id, :key, :hash, :s, :l, :q, :channel, :holder, 'HELD', :bucket, :expires, :now)""";

    /** One row per shopper who ever held stock; its row lock serialises that shopper's new holds, so the caps hold under load. */
    private void lockHolder(String holder) {
        jdbc.sql("INSERT INTO reservation_holder (holder, first_hold_at) VALUES (:h, :now) ON DUPLICATE KEY UPDATE holder = holder")
                .param("h", holder).param("now", SqlTime.of(clock.instant())).update();
    }

    private void requireWithinShopperLimits(HoldRequest request) {
        OpenHolds open = jdbc.sql("""
                SELECT COUNT(*) AS holds, COALESCE(SUM(CASE WHEN sku_code = :s THEN quantity ELSE 0 END), 0) AS units
                FROM reservation WHERE holder = :h AND status = 'HELD'""")
                .param("s", request.sku()).param("h", request.holder())
                .query((rs, n) -> new OpenHolds(rs.getLong("holds"), rs.getLong("units"))).single();
        if (open.holds() >= shopperLimits.maxOpenHolds()) {
            throw new ConflictException("shopper-hold-limit", "A shopper holds at most " + shopperLimits.maxOpenHolds()
                    + " orders' stock at a time; release or complete one first");
        }
        if (open.units() + request.quantity() > shopperLimits.maxUnitsPerSku()) {
            throw new ConflictException("shopper-hold-limit", "A shopper holds at most " + shopperLimits.maxUnitsPerSku() + " units of "
                    + request.sku() + " at a time; " + open.units() + " are held already");
        }
    }

    private record OpenHolds(long holds, long units) {
    }

    /** The units leave the shelf: an ONLINE_ORDER movement, dated now, takes them off on hand. Confirming twice is harmless. */
    public Reservation confirm(String id, String actor) {
        return transactions.execute(status -> {
            Reservation reservation = lockReservation(id);
            if (reservation.status() == Status.CONFIRMED) {
                return reservation;
            }
            requireHeld(reservation);
            close(reservation, Status.CONFIRMED);
            jdbc.sql("UPDATE stock_level SET reserved = reserved - :q WHERE sku_code = :s AND location_code = :l")
                    .param("q", reservation.quantity()).param("s", reservation.sku()).param("l", reservation.location()).update();
            ledger.apply(new StockLedger.MovementCommand(reservation.sku(), reservation.location(), Cause.ONLINE_ORDER, -reservation.quantity(),
                    clock.instant(), "reservation:" + id, reservation.businessKey()), actor, StockLedger.FutureTime.REFUSE);
            return find(id);
        });
    }

    /** Releasing twice is harmless; releasing a confirmed hold is refused (return the goods instead). */
    public Reservation release(String id) {
        return transactions.execute(status -> {
            Reservation reservation = lockReservation(id);
            if (reservation.status() == Status.RELEASED || reservation.status() == Status.EXPIRED) {
                return reservation;
            }
            requireHeld(reservation);
            giveBack(reservation, Status.RELEASED);
            return find(id);
        });
    }

    /**
     * Expires due holds, at most {@code limit}; safe with any number of workers at once. Returns how many this call ended.
     * The batch's holds change status in one statement and each level gets its units back in one UPDATE: a hot level's
     * row is queued for by every shopper, so an UPDATE per hold let expiry fall far behind the holds being made.
     */
    public int expireDue(int limit) {
        // Read committed: no gap locks on the expiry index, so competing workers do not deadlock on each other's
        // status changes; a deadlock that still happens rolls back and the batch is claimed again.
        return ConcurrentWriteRetry.inTransaction(expiryTransactions, 5, status -> {
            List<Reservation> due = jdbc.sql("""
                    SELECT * FROM reservation WHERE status = 'HELD' AND expires_at <= :now ORDER BY expires_at LIMIT :n FOR UPDATE SKIP LOCKED""")
                    .param("now", SqlTime.of(clock.instant())).param("n", limit).query(StockReservations::reservation).list();
            if (due.isEmpty()) {
                return 0;
            }
            // Every row read is locked by this transaction and was HELD when read, so all of them change here.
            int ended = jdbc.sql("UPDATE reservation SET status = 'EXPIRED', closed_at = :now WHERE id IN (:ids) AND status = 'HELD'")
                    .param("now", SqlTime.of(clock.instant())).param("ids", due.stream().map(Reservation::id).toList()).update();
            // Levels in one order for every worker, so two batches never wait on each other's levels crosswise.
            java.util.SortedMap<List<String>, List<Reservation>> perLevel = new java.util.TreeMap<>(
                    java.util.Comparator.<List<String>, String>comparing(level -> level.get(0)).thenComparing(level -> level.get(1)));
            for (Reservation reservation : due) {
                perLevel.computeIfAbsent(List.of(reservation.sku(), reservation.location()), level -> new java.util.ArrayList<>()).add(reservation);
            }
            perLevel.forEach((level, holds) -> {
                long toLevel = 0;
                for (Reservation hold : holds) {
                    if (hold.bucket() != null) {
                        // The level first (HotBuckets' lock order): the units go back to their bucket only as far as
                        // the level still covers them; a till may have sold them meanwhile.
                        ledger.lock(hold.sku(), hold.location());
                        if (buckets.giveBack(hold.sku(), hold.location(), hold.bucket(), hold.quantity())) {
                            buckets.cover(hold.sku(), hold.location());
                            continue;
                        }
                    }
                    toLevel += hold.quantity();
                }
                if (toLevel > 0) {
                    jdbc.sql("UPDATE stock_level SET reserved = reserved - :q WHERE sku_code = :s AND location_code = :l")
                            .param("q", toLevel).param("s", level.get(0)).param("l", level.get(1)).update();
                }
            });
            return ended;
        });
    }

    /** Hot-SKU mode on: what is sellable now, less the location's largest channel buffer, is split across {@code buckets} rows. */
    public StockLedger.Level enableHotMode(String sku, String location, int bucketCount) {
        if (bucketCount < 2 || bucketCount > 64) {
            throw new InvalidRequestException("buckets", "must be between 2 and 64");
        }
        return transactions.execute(status -> {
            StockLedger.LockedLevel level = ledger.lock(sku, location);
            if (level.hotBuckets() > 0) {
                throw new ConflictException("hot-mode-on", sku + " at " + location + " is already in hot mode");
            }
            if (flashSaleOn(sku, location)) {
                throw new ConflictException("flash-sale-on", sku + " at " + location + " is in flash-sale mode: end it before splitting into buckets");
            }
            long largestBuffer = jdbc.sql("SELECT GREATEST(online_buffer, pickup_buffer) FROM location WHERE code = :l").param("l", location)
                    .query(Long.class).single();
            long sellable = HotBuckets.sellableIntoBuckets(level.onHand(), level.reserved(), level.safetyStock(), largestBuffer);
            buckets.split(sku, location, sellable, bucketCount);
            jdbc.sql("UPDATE stock_level SET reserved = reserved + :sellable, hot_buckets = :n WHERE sku_code = :s AND location_code = :l")
                    .param("sellable", sellable).param("n", bucketCount).param("s", sku).param("l", location).update();
            return ledger.level(sku, location).orElseThrow();
        });
    }

    /**
     * Flash-sale mode on or off ({@link FlashSaleHolds}); setting it as it is changes nothing. Not with hot-mode buckets:
     * a level takes its holds one way or the other.
     */
    public StockLedger.Level flashSale(String sku, String location, boolean on) {
        return transactions.execute(status -> {
            StockLedger.LockedLevel level = ledger.lock(sku, location);
            if (on && level.hotBuckets() > 0) {
                throw new ConflictException("hot-mode-on", sku + " at " + location + " is in hot mode: fold its buckets back first");
            }
            jdbc.sql("UPDATE stock_level SET flash_sale = :on WHERE sku_code = :s AND location_code = :l")
                    .param("on", on).param("s", sku).param("l", location).update();
            return ledger.level(sku, location).orElseThrow();
        });
    }

    private boolean flashSaleOn(String sku, String location) {
        return jdbc.sql("SELECT flash_sale FROM stock_level WHERE sku_code = :s AND location_code = :l").param("s", sku).param("l", location)
                .query(Boolean.class).optional().orElse(false);
    }

    /** Hot-SKU mode off: what is left in the buckets goes back to the level. */
    public StockLedger.Level disableHotMode(String sku, String location) {
        return transactions.execute(status -> {
            ledger.lock(sku, location);
            long left = buckets.drain(sku, location);
            jdbc.sql("UPDATE stock_level SET reserved = reserved - :left, hot_buckets = 0 WHERE sku_code = :s AND location_code = :l")
                    .param("left", left).param("s", sku).param("l", location).update();
            return ledger.level(sku, location).orElseThrow();
        });
    }

    /** Units still sellable in hot mode buckets (they count as reserved on the level). */
    public long inBuckets(String sku, String location) {
        return buckets.inBuckets(sku, location);
    }

    /** The holds still open on a level, the oldest first; the cursor is the last one's creation and id. */
    public dev.santong.platform.kit.web.Page<Reservation> openHolds(String sku, String location, String cursor, int limit) {
        dev.santong.platform.kit.web.Cursor.After after = dev.santong.platform.kit.web.Cursor.after(cursor);
        List<Reservation> fetched = jdbc.sql("""
                SELECT * FROM reservation WHERE sku_code = :sku AND location_code = :location AND status = 'HELD'
                AND (:afterAt IS NULL OR created_at > :afterAt OR (created_at = :afterAt AND id > :afterId))
                ORDER BY created_at, id LIMIT :n""")
                .param("sku", sku).param("location", location).param("afterAt", after.at()).param("afterId", after.key()).param("n", limit + 1)
                .query(StockReservations::reservation).list();
        return dev.santong.platform.kit.web.Page.of(fetched, limit, last -> dev.santong.platform.kit.web.Cursor.at(last.createdAt(), last.id()));
    }

    public Reservation find(String id) {
        return jdbc.sql("SELECT * FROM reservation WHERE id = :id").param("id", id).query(StockReservations::reservation).optional()
                .orElseThrow(() -> new ResourceNotFoundException("reservation", id));
    }

    /** Takes from the level if it still has the units and is still in the hot mode the hold saw. */
    private boolean takeFromLevel(String sku, String location, long quantity, long buffer, int hotBuckets) {
        return jdbc.sql("""
                UPDATE stock_level SET reserved = reserved + :q
                WHERE sku_code = :s AND location_code = :l AND on_hand - reserved - safety_stock - :buffer >= :q AND hot_buckets = :hot""")
                .param("q", quantity).param("s", sku).param("l", location).param("buffer", buffer).param("hot", hotBuckets).update() == 1;
    }

    /** Ends a hold and returns its units to where they came from; false when another worker ended it first. */
    private boolean giveBack(Reservation reservation, Status end) {
        if (!close(reservation, end)) {
            return false;
        }
        if (reservation.bucket() != null) {
            // The level first (HotBuckets' lock order): the units go back to their bucket only as far as the level
            // still covers them; a till may have sold them meanwhile.
            ledger.lock(reservation.sku(), reservation.location());
            if (buckets.giveBack(reservation.sku(), reservation.location(), reservation.bucket(), reservation.quantity())) {
                buckets.cover(reservation.sku(), reservation.location());
                return true;
            }
        }
        jdbc.sql("UPDATE stock_level SET reserved = reserved - :q WHERE sku_code = :s AND location_code = :l")
                .param("q", reservation.quantity()).param("s", reservation.sku()).param("l", reservation.location()).update();
        return true;
    }

    private boolean close(Reservation reservation, Status end) {
        return jdbc.sql("UPDATE reservation SET status = :end, closed_at = :now WHERE id = :id AND status = 'HELD'")
                .param("end", end.name()).param("now", SqlTime.of(clock.instant())).param("id", reservation.id()).update() == 1;
    }

    private Reservation lockReservation(String id) {
        return jdbc.sql("SELECT * FROM reservation WHERE id = :id FOR UPDATE").param("id", id).query(StockReservations::reservation).optional()
                .orElseThrow(() -> new ResourceNotFoundException("reservation", id));
    }

    private static void requireHeld(Reservation reservation) {
        if (reservation.status() != Status.HELD) {
            throw new ConflictException("reservation-" + reservation.status().name().toLowerCase(),
                    "Reservation " + reservation.id() + " is " + reservation.status().name().toLowerCase());
        }
    }

    private Optional<IdempotentWrite.Earlier<Held>> earlier(String key) {
        return jdbc.sql("SELECT * FROM reservation WHERE business_key = :k").param("k", key)
                .query((rs, n) -> new IdempotentWrite.Earlier<>(rs.getString("request_hash"), new Held(reservation(rs, n), true))).optional();
    }

    private static Reservation reservation(ResultSet rs, int n) throws SQLException {
        java.sql.Timestamp closed = rs.getTimestamp("closed_at");
        return new Reservation(rs.getString("id"), rs.getString("business_key"), rs.getString("sku_code"), rs.getString("location_code"),
                rs.getLong("quantity"), Channel.valueOf(rs.getString("channel")), rs.getString("holder"), Status.valueOf(rs.getString("status")),
                (Integer) rs.getObject("bucket_no", Integer.class), rs.getTimestamp("expires_at").toInstant(),
                rs.getTimestamp("created_at").toInstant(), closed == null ? null : closed.toInstant());
    }
}
