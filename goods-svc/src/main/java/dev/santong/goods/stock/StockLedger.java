package dev.santong.goods.stock;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

import dev.santong.goods.catalogue.SkuCatalogue;
import dev.santong.goods.feed.ChangeFeed;
import dev.santong.platform.kit.idempotency.BusinessKeyReusedException;
import dev.santong.platform.kit.idempotency.Fingerprint;
import dev.santong.platform.kit.idempotency.IdempotentWrite;
import dev.santong.platform.kit.persistence.ConcurrentWriteRetry;
import dev.santong.platform.kit.persistence.SqlLike;
import dev.santong.platform.kit.persistence.SqlTime;
import dev.santong.platform.kit.problem.ConflictException;
import dev.santong.platform.kit.problem.InvalidRequestException;
import dev.santong.platform.kit.problem.ResourceNotFoundException;
import dev.santong.platform.kit.web.Cursor;
import dev.santong.platform.kit.web.Page;

/**
 * The stock ledger. Every change of on hand is a movement with its cause and business time, applied once by its
 * business key, and a level's on hand is always the sum of its movements' effective deltas.
 * <ul>
 * <li>A POS sale is a fact: it is applied even when the system thinks the shelf is empty; on hand may go negative and
 * the level is listed for reconciliation.</li>
 * <li>Late and out-of-order movements are placed by business time: one dated before the level's latest physical count
 * is already inside that count and changes nothing (effective delta 0).</li>
 * <li>A count sets on hand as of its time, with the shelf movements dated after it re-applied on top; a count older
 * than the latest one is history and changes nothing.</li>
 * <li>No movement is dated after it arrived, so no clock, however wrong, can put a count ahead of the sales that
 * follow it; a time beyond the tolerance is refused or, for a till's facts, kept at arrival and flagged.</li>
 * <li>In hot mode, whatever lowers what the level covers also shrinks its buckets ({@link HotBuckets}).</li>
 * </ul>
 */
@Component
class StockLedger {

@io.swagger.v3.oas.annotations.media.Schema(example = """
        {"id": 4711, "sku": "OX-BLU-M", "location": "9", "cause": "POS_SALE", "quantity": 1, "effectiveDelta": -1, \
        "businessTime": "2026-11-20T02:15:00Z", "recordedAt": "2026-11-20T02:15:03Z", "businessKey": "9-3-20261120-1041/1", \
        "reference": "9-3-20261120-1041", "declaredTime": null, "flag": null}""")
    public record Movement(long id, String sku, String location, Cause cause, long quantity, long effectiveDelta, Instant businessTime,
            Instant recordedAt, String businessKey, String reference, Instant declaredTime, TimeFlag flag) {
    }

@io.swagger.v3.oas.annotations.media.Schema(example = """
        {"sku": "OX-BLU-M", "location": "9", "onHand": 12, "reserved": 1, "safetyStock": 0, "available": 11, \
        "returnedPending": 0, "damaged": 0, "lastCountAt": "2026-11-20T13:00:00Z", "hotBuckets": 0, "flashSale": false}""")
    public record Level(String sku, String location, long onHand, long reserved, long safetyStock, long available, long returnedPending,
            long damaged, Instant lastCountAt, int hotBuckets, boolean flashSale) {
    }

@io.swagger.v3.oas.annotations.media.Schema(example = """
        {"movement": {"id": 4711, "sku": "OX-BLU-M", "location": "9", "cause": "POS_SALE", "quantity": 1, "effectiveDelta": -1, \
        "businessTime": "2026-11-20T02:15:00Z", "recordedAt": "2026-11-20T02:15:03Z", "businessKey": "9-3-20261120-1041/1", \
        "reference": "9-3-20261120-1041", "declaredTime": null, "flag": null}, \
        "level": {"sku": "OX-BLU-M", "location": "9", "onHand": 12, "reserved": 1, "safetyStock": 0, "available": 11, \
        "returnedPending": 0, "damaged": 0, "lastCountAt": "2026-11-20T13:00:00Z", "hotBuckets": 0, "flashSale": false}, "replayed": false}""")
    public record Applied(Movement movement, Level level, boolean replayed) {
    }

    /** One movement; {@code businessKey} makes it apply once however often it is sent. */
    public record MovementCommand(String sku, String location, Cause cause, long quantity, Instant businessTime, String businessKey,
            String reference) {
    }

    /**
     * What to do with a business time the server's clock says has not happened yet. A movement is never dated after it
     * arrived (the table refuses it): within the tolerance the time is taken as the arrival (a slightly fast clock).
     */
    public enum FutureTime {
        /** Beyond the tolerance: 400 naming the field. For callers who can correct and resend. */
        REFUSE,
        /** Beyond the tolerance: kept, dated at arrival and flagged. For facts a till recorded that must be applied anyway. */
        CLAMP_AND_FLAG
    }

    /** Why a movement's business time is not the one its sender declared. */
    public enum TimeFlag { FUTURE_BUSINESS_TIME, PAST_BUSINESS_TIME }

    /** No till or warehouse recorded anything before this; earlier times are clocks that lost their setting. */
    static final Instant EARLIEST_BUSINESS_TIME = Instant.parse("2000-01-01T00:00:00Z");

    private final JdbcClient jdbc;
    /** For row batches: the kit turns on Connector/J's rewriting of a batch into one multi-row INSERT. */
    private final JdbcTemplate batches;
    private final TransactionTemplate transactions;
    private final Clock clock;
    private final ChangeFeed feed;
    private final HotBuckets buckets;
    private final Duration futureTolerance;
    private final SkuCatalogue catalogue;

    StockLedger(JdbcClient jdbc, JdbcTemplate batches, TransactionTemplate transactions, Clock clock,
            ChangeFeed feed, HotBuckets buckets, SkuCatalogue catalogue,
            @Value("${santong.stock.future-tolerance:PT5M}") Duration futureTolerance) {
        this.batches = batches;
        this.feed = feed;
        this.catalogue = catalogue;
        this.jdbc = jdbc;
        this.transactions = transactions;
        this.clock = clock;
        this.buckets = buckets;
        this.futureTolerance = futureTolerance;
    }

    public Applied apply(MovementCommand command, String actor, FutureTime futureTime) {
        check(command, "", futureTime);
        return ConcurrentWriteRetry.inTransaction(transactions, 5, status -> applyWithin(command, actor));
    }

    /** What a batch did: movements applied now, and movements that had been applied before (replays). */
    public record BatchOutcome(int applied, int replayed) {
    }

    /**
     * Several movements (a till receipt's lines, or a till's run of receipts) in one database transaction: all or none,
     * each once by its business key. Levels are locked in SKU and location order, so two batches touching the same SKUs
     * wait for each other instead of deadlocking. A till's day arrives as thousands of movements, so the batch reads
     * its replays, SKUs and locations in one query each and locks each level once; the plain shelf movements of a level
     * are then written together (one UPDATE of the level, one INSERT of the movements, one of the feed), and the rest
     * (counts, returned goods, hot levels) one at a time as {@link #apply} does.
     */
    public BatchOutcome applyAll(List<MovementCommand> commands, String actor, FutureTime futureTime) {
        for (int i = 0; i < commands.size(); i++) {
            check(commands.get(i), "movements[" + i + "].", futureTime);
        }
        List<MovementCommand> ordered = new ArrayList<>(commands);
        ordered.sort(Comparator.comparing(MovementCommand::sku).thenComparing(MovementCommand::location)
                .thenComparing(MovementCommand::businessKey));
        return ConcurrentWriteRetry.inTransaction(transactions, 5, status -> applyInOrder(ordered, actor));
    }

    private BatchOutcome applyInOrder(List<MovementCommand> ordered, String actor) {
        java.util.Map<String, String> fingerprints = new java.util.HashMap<>();
        jdbc.sql("SELECT business_key, request_hash FROM stock_movement WHERE business_key IN (:keys)")
                .param("keys", ordered.stream().map(MovementCommand::businessKey).distinct().toList())
                .query((rs, n) -> fingerprints.put(rs.getString(1), rs.getString(2))).list();
        requireAllKnown(ordered);
        int applied = 0;
        int replayed = 0;
        LevelWrites writes = null;
        for (MovementCommand command : ordered) {
            String fingerprint = Fingerprint.of(new Content(command.sku(), command.location(), command.cause(), command.quantity(),
                    command.businessTime(), command.reference()));
            String earlier = fingerprints.putIfAbsent(command.businessKey(), fingerprint);
            if (earlier != null) {
                if (!earlier.equals(fingerprint)) {
                    throw new BusinessKeyReusedException("Movement " + command.businessKey() + " was already applied with other content");
                }
                replayed++;
                continue;
            }
            applied++;
            if (writes == null || !writes.isOf(command)) {
                if (writes != null) {
                    writes.flush();
                }
                writes = new LevelWrites(command.sku(), command.location(), actor);
            }
            if (!writes.add(command, fingerprint)) {
                // Counts, returned goods and hot levels read and move more than the shelf: after what is queued, alone.
                writes.flush();
                applyFirst(command, actor, fingerprint);
                writes = new LevelWrites(command.sku(), command.location(), actor);
            }
        }
        if (writes != null) {
            writes.flush();
        }
        return new BatchOutcome(applied, replayed);
    }

    /** Every SKU and location the batch names exists: one query each, instead of two per movement. */
    private void requireAllKnown(List<MovementCommand> commands) {
        catalogue.requireAllExist(commands.stream().map(MovementCommand::sku).distinct().toList());
        List<String> locations = commands.stream().map(MovementCommand::location).distinct().toList();
        java.util.Set<String> knownLocations = new java.util.HashSet<>(jdbc.sql("SELECT code FROM location WHERE code IN (:codes)")
                .param("codes", locations).query(String.class).list());
        locations.stream().filter(location -> !knownLocations.contains(location)).findFirst().ifPresent(location -> {
            throw new ResourceNotFoundException("location", location);
        });
    }

    /** A level's plain shelf movements of one batch, locked once and written together. */
    private final class LevelWrites {

        private final String sku;
        private final String location;
        private final String actor;
        private final LockedLevel locked;
        private final List<Object[]> movements = new ArrayList<>();
        private final List<Object> feedPayloads = new ArrayList<>();
        private long onHand;
        private long delta;

        LevelWrites(String sku, String location, String actor) {
            this.sku = sku;
            this.location = location;
            this.actor = actor;
            this.locked = lock(sku, location);
            this.onHand = locked.onHand();
        }

        boolean isOf(MovementCommand command) {
            return command.sku().equals(sku) && command.location().equals(location);
        }

        /** Queues a plain shelf movement as {@link #applyFirst} would apply it; false for anything else. */
        boolean add(MovementCommand command, String fingerprint) {
            Cause cause = command.cause();
            boolean movesStates = cause == Cause.RETURN_RECEIVED || cause == Cause.INSPECTED_RESTOCK || cause == Cause.INSPECTED_DAMAGED;
            if (cause == Cause.COUNT || movesStates || locked.hotBuckets() > 0) {
                return false;
            }
            Instant arrival = clock.instant().truncatedTo(ChronoUnit.MICROS);
            Instant declared = command.businessTime().truncatedTo(ChronoUnit.MICROS);
            TimeFlag flag = flagFor(declared, arrival);
            Instant businessTime = flag != null || declared.isAfter(arrival) ? arrival : declared;
            Instant lastCount = locked.lastCountAt();
            long effective = !cause.changesOnHand() || lastCount != null && !businessTime.isAfter(lastCount) ? 0 : command.quantity();
            onHand += effective;
            delta += effective;
            movements.add(new Object[] { sku, location, cause.name(), command.quantity(), effective, SqlTime.of(businessTime), SqlTime.of(arrival),
                    command.businessKey(), fingerprint, command.reference(), actor, businessTime.equals(declared) ? null : SqlTime.of(declared),
                    flag == null ? null : flag.name() });
            feedPayloads.add(java.util.Map.of("onHand", onHand, "available", onHand - locked.reserved() - locked.safetyStock(), "cause",
                    cause.name(), "businessTime", businessTime.toString()));
            return true;
        }

        void flush() {
            if (movements.isEmpty()) {
                return;
            }
            if (delta != 0) {
                jdbc.sql("UPDATE stock_level SET on_hand = on_hand + :d, updated_at = :now WHERE sku_code = :s AND location_code = :l")
                        .param("d", delta).param("now", SqlTime.of(clock.instant())).param("s", sku).param("l", location).update();
            }
            batches.batchUpdate("""
                    INSERT INTO stock_movement (sku_code, location_code, cause, quantity, effective_delta, business_time, recorded_at,
                        business_key, request_hash, reference, actor, declared_time, flag) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""",
                    movements);
            feed.appendAll(ChangeFeed.Kind.STOCK, sku, location, feedPayloads);
            movements.clear();
            feedPayloads.clear();
            delta = 0;
        }
    }

    private void check(MovementCommand command, String prefix, FutureTime futureTime) {
        if (!command.cause().accepts(command.quantity())) {
            throw new InvalidRequestException(prefix + "quantity", command.cause() == Cause.COUNT ? "is the counted level and must be 0 or more"
                    : "has the wrong sign or is zero for " + command.cause());
        }
        if (futureTime == FutureTime.REFUSE && flagFor(command.businessTime(), clock.instant()) != null) {
            throw new InvalidRequestException(prefix + "businessTime", command.businessTime().isBefore(EARLIEST_BUSINESS_TIME)
                    ? "is before " + EARLIEST_BUSINESS_TIME + "; send when the movement happened, in UTC"
                    : "is more than " + futureTolerance.toSeconds() + " s ahead of the server clock; send when the movement happened, in UTC");
        }
    }

    private TimeFlag flagFor(Instant businessTime, Instant arrival) {
        if (businessTime.isBefore(EARLIEST_BUSINESS_TIME)) {
            return TimeFlag.PAST_BUSINESS_TIME;
        }
        return businessTime.isAfter(arrival.plus(futureTolerance)) ? TimeFlag.FUTURE_BUSINESS_TIME : null;
    }

    private Applied applyWithin(MovementCommand command, String actor) {
        String sku = command.sku();
        String location = command.location();
        Cause cause = command.cause();
        long quantity = command.quantity();
        String businessKey = command.businessKey();
        // The fingerprint covers the time as declared, so a resend of the same fact replays whatever the server made of it.
        String fingerprint = Fingerprint.of(new Content(sku, location, cause, quantity, command.businessTime(), command.reference()));
        return IdempotentWrite.once(
                earlier(businessKey).map(e -> new IdempotentWrite.Earlier<>(e.fingerprint(),
                        new Applied(e.result(), level(sku, location).orElseThrow(), true))),
                fingerprint, () -> new BusinessKeyReusedException("Movement " + businessKey + " was already applied with other content"),
                () -> applyFirst(command, actor, fingerprint)).result();
    }

    /** What makes two movements with one business key the same fact. */
    private record Content(String sku, String location, Cause cause, long quantity, Instant businessTime, String reference) {
    }

    private Applied applyFirst(MovementCommand command, String actor, String hash) {
        String sku = command.sku();
        String location = command.location();
        Cause cause = command.cause();
        long quantity = command.quantity();
        String businessKey = command.businessKey();
        Instant arrival = clock.instant().truncatedTo(ChronoUnit.MICROS);
        Instant declared = command.businessTime().truncatedTo(ChronoUnit.MICROS);
        TimeFlag flag = flagFor(declared, arrival);
        // Nothing is dated after it arrived: a later-dated count would otherwise swallow every sale until that date.
        Instant businessTime = flag != null || declared.isAfter(arrival) ? arrival : declared;
        LockedLevel locked = lock(sku, location);
        long effective;
        Instant lastCount = locked.lastCountAt();
        if (cause == Cause.COUNT) {
            if (lastCount != null && businessTime.isBefore(lastCount)) {
                effective = 0;
            } else {
                // Only what changed the shelf after the count is re-applied on top of it.
                long after = jdbc.sql("""
                        SELECT COALESCE(SUM(quantity), 0) FROM stock_movement
                        WHERE sku_code = :s AND location_code = :l AND cause IN (:shelf) AND business_time > :t""")
                        .param("s", sku).param("l", location).param("shelf", Cause.shelfCauses()).param("t", SqlTime.of(businessTime))
                        .query(Long.class).single();
                effective = quantity + after - locked.onHand();
                jdbc.sql("UPDATE stock_level SET last_count_at = :t WHERE sku_code = :s AND location_code = :l")
                        .param("t", SqlTime.of(businessTime)).param("s", sku).param("l", location).update();
            }
        } else if (!cause.changesOnHand()) {
            effective = 0;
        } else {
            effective = lastCount != null && !businessTime.isAfter(lastCount) ? 0 : quantity;
        }
        moveBetweenStates(sku, location, cause, quantity);
        if (effective != 0) {
            jdbc.sql("UPDATE stock_level SET on_hand = on_hand + :d, updated_at = :now WHERE sku_code = :s AND location_code = :l")
                    .param("d", effective).param("now", SqlTime.of(arrival)).param("s", sku).param("l", location).update();
        }
        if (effective < 0 && locked.hotBuckets() > 0) {
            buckets.cover(sku, location);
        }
        jdbc.sql("""
                INSERT INTO stock_movement (sku_code, location_code, cause, quantity, effective_delta, business_time, recorded_at,
                    business_key, request_hash, reference, actor, declared_time, flag)
                VALUES (:s, :l, :cause, :q, :e, :t, :now, :key, :hash, :ref, :actor, :declared, :flag)""")
                .param("s", sku).param("l", location).param("cause", cause.name()).param("q", quantity).param("e", effective)
                .param("t", SqlTime.of(businessTime)).param("now", SqlTime.of(arrival)).param("key", businessKey)
                .param("hash", hash).param("ref", command.reference()).param("actor", actor)
                .param("declared", businessTime.equals(declared) ? null : SqlTime.of(declared)).param("flag", flag == null ? null : flag.name())
                .update();
        Level after = level(sku, location).orElseThrow();
        feed.append(ChangeFeed.Kind.STOCK, sku, location, java.util.Map.of("onHand", after.onHand(), "available", after.available(),
                "cause", cause.name(), "businessTime", businessTime.toString()));
        return new Applied(byKey(businessKey).orElseThrow(), after, false);
    }

    /** Units kept back from every hold at the level; hot-mode buckets shrink when it grows. */
    public Level setSafetyStock(String sku, String location, long safetyStock) {
        return transactions.execute(status -> {
            LockedLevel locked = lock(sku, location);
            jdbc.sql("UPDATE stock_level SET safety_stock = :safety, updated_at = :now WHERE sku_code = :s AND location_code = :l")
                    .param("safety", safetyStock).param("now", SqlTime.of(clock.instant())).param("s", sku).param("l", location).update();
            if (locked.hotBuckets() > 0) {
                buckets.cover(sku, location);
            }
            return level(sku, location).orElseThrow();
        });
    }

    /** After a location's buffers changed: each hot level there gives up what its buckets no longer cover. */
    public void coverHotLevels(String location) {
        for (String sku : jdbc.sql("SELECT sku_code FROM stock_level WHERE location_code = :l AND hot_buckets > 0 ORDER BY sku_code")
                .param("l", location).query(String.class).list()) {
            transactions.executeWithoutResult(status -> {
                lock(sku, location);
                buckets.cover(sku, location);
            });
        }
    }

    /** Movements whose declared time could not be believed: the store or HQ checks them against the till. */
    /** Movements whose declared time was flagged, the latest recorded first, a page at a time. */
    public Page<Movement> flagged(String location, String cursor, int limit) {
        Cursor.After after = Cursor.after(cursor);
        List<Movement> fetched = jdbc.sql("""
                SELECT * FROM stock_movement WHERE location_code = :l AND flag IS NOT NULL
                AND (:afterAt IS NULL OR recorded_at < :afterAt OR (recorded_at = :afterAt AND id < :afterId))
                ORDER BY recorded_at DESC, id DESC LIMIT :n""")
                .param("l", location).param("n", limit + 1)
                .param("afterAt", after.at()).param("afterId", after.keyAsNumber())
                .query(StockLedger::movement).list();
        return Page.of(fetched, limit, last -> Cursor.at(last.recordedAt(), last.id()));
    }

    /** Returned units wait for inspection, then go back on the shelf or to damaged; never more than are waiting. */
    private void moveBetweenStates(String sku, String location, Cause cause, long quantity) {
        String change = switch (cause) {
            case RETURN_RECEIVED -> "returned_pending = returned_pending + :q";
            case INSPECTED_RESTOCK -> "returned_pending = returned_pending - :q";
            case INSPECTED_DAMAGED -> "returned_pending = returned_pending - :q, damaged = damaged + :q";
            default -> null;
        };
        if (change == null) {
            return;
        }
        String guard = cause == Cause.RETURN_RECEIVED ? "" : " AND returned_pending >= :q";
        int changed = jdbc.sql("UPDATE stock_level SET " + change + " WHERE sku_code = :s AND location_code = :l" + guard)
                .param("q", quantity).param("s", sku).param("l", location).update();
        if (changed == 0) {
            throw new ConflictException("nothing-awaiting-inspection", "Fewer than " + quantity + " of " + sku + " await inspection at " + location);
        }
    }

    record LockedLevel(long onHand, long reserved, long safetyStock, Instant lastCountAt, int hotBuckets) {
    }

    /** Creates the level at zero if the SKU never had stock here, then locks it for this transaction. */
    LockedLevel lock(String sku, String location) {
        requireKnown(sku, location);
        jdbc.sql("""
                INSERT INTO stock_level (sku_code, location_code, on_hand, reserved, safety_stock, returned_pending, damaged, hot_buckets, updated_at)
                VALUES (:s, :l, 0, 0, 0, 0, 0, 0, :now) ON DUPLICATE KEY UPDATE sku_code = sku_code""")
                .param("s", sku).param("l", location).param("now", SqlTime.of(clock.instant())).update();
        return jdbc.sql("""
                SELECT on_hand, reserved, safety_stock, last_count_at, hot_buckets FROM stock_level
                WHERE sku_code = :s AND location_code = :l FOR UPDATE""")
                .param("s", sku).param("l", location)
                .query((rs, n) -> new LockedLevel(rs.getLong("on_hand"), rs.getLong("reserved"), rs.getLong("safety_stock"),
                        instant(rs.getTimestamp("last_count_at")), rs.getInt("hot_buckets")))
                .single();
    }

    public Optional<Level> level(String sku, String location) {
        return jdbc.sql("SELECT * FROM stock_level WHERE sku_code = :s AND location_code = :l").param("s", sku).param("l", location)
                .query(StockLedger::level).optional();
    }

    public List<Level> levels(String sku) {
        return jdbc.sql("SELECT * FROM stock_level WHERE sku_code = :s ORDER BY location_code").param("s", sku).query(StockLedger::level).list();
    }

    /** Levels a POS sale took below zero: the store or HQ reconciles them (a count, a found delivery). */
    /** Levels below zero, of one location or all, by location and SKU, a page at a time. */
    public Page<Level> negative(Optional<String> location, String cursor, int limit) {
        Optional<Cursor> after = Cursor.parse(cursor, 2);
        List<Level> fetched = jdbc.sql("SELECT * FROM stock_level WHERE on_hand < 0" + (location.isPresent() ? " AND location_code = :l" : "")
                        + " AND (:afterLocation IS NULL OR location_code > :afterLocation OR (location_code = :afterLocation AND sku_code > :afterSku))"
                        + " ORDER BY location_code, sku_code LIMIT :n")
                .param("l", location.orElse(null)).param("n", limit + 1)
                .param("afterLocation", after.map(position -> position.key(0)).orElse(null))
                .param("afterSku", after.map(position -> position.key(1)).orElse(null))
                .query(StockLedger::level).list();
        return Page.of(fetched, limit, last -> Cursor.of(last.location(), last.sku()));
    }

    public long sumOfEffectiveDeltas(String sku, String location) {
        return jdbc.sql("SELECT COALESCE(SUM(effective_delta), 0) FROM stock_movement WHERE sku_code = :s AND location_code = :l")
                .param("s", sku).param("l", location).query(Long.class).single();
    }

    /** The movements behind a level, the latest business time first, a page at a time. */
    public Page<Movement> movements(String sku, String location, String cursor, int limit) {
        Cursor.After after = Cursor.after(cursor);
        List<Movement> fetched = jdbc.sql("""
                SELECT * FROM stock_movement WHERE sku_code = :s AND location_code = :l
                AND (:afterAt IS NULL OR business_time < :afterAt OR (business_time = :afterAt AND id < :afterId))
                ORDER BY business_time DESC, id DESC LIMIT :n""")
                .param("s", sku).param("l", location).param("n", limit + 1)
                .param("afterAt", after.at()).param("afterId", after.keyAsNumber())
                .query(StockLedger::movement).list();
        return Page.of(fetched, limit, last -> Cursor.at(last.businessTime(), last.id()));
    }

    /** Net quantity per SKU and cause of a location's movements whose reference starts with {@code prefix}. */
@io.swagger.v3.oas.annotations.media.Schema(example = """
        {"sku": "OX-BLU-M", "cause": "POS_SALE", "quantity": -3, "movements": 3}""")
    public record ReferenceTotal(String sku, Cause cause, long quantity, long movements) {
    }

    public List<ReferenceTotal> totalsByReferencePrefix(String location, String prefix) {
        String like = SqlLike.startingWith(prefix);
        return jdbc.sql("""
                SELECT sku_code, cause, SUM(quantity) AS quantity, COUNT(*) AS movements FROM stock_movement
                WHERE location_code = :l AND reference LIKE :prefix GROUP BY sku_code, cause ORDER BY sku_code, cause""")
                .param("l", location).param("prefix", like)
                .query((rs, n) -> new ReferenceTotal(rs.getString("sku_code"), Cause.valueOf(rs.getString("cause")), rs.getLong("quantity"),
                        rs.getLong("movements")))
                .list();
    }

    private void requireKnown(String sku, String location) {
        catalogue.requireExists(sku);
        if (jdbc.sql("SELECT COUNT(*) FROM location WHERE code = :l").param("l", location).query(Long.class).single() == 0) {
            throw new ResourceNotFoundException("location", location);
        }
    }

    private Optional<Movement> byKey(String key) {
        return jdbc.sql("SELECT * FROM stock_movement WHERE business_key = :k").param("k", key).query(StockLedger::movement).optional();
    }

    private Optional<IdempotentWrite.Earlier<Movement>> earlier(String key) {
        return jdbc.sql("SELECT * FROM stock_movement WHERE business_key = :k").param("k", key)
                .query((rs, n) -> new IdempotentWrite.Earlier<>(rs.getString("request_hash"), movement(rs, n))).optional();
    }

    static Level level(ResultSet rs, int n) throws SQLException {
        long onHand = rs.getLong("on_hand");
        long reserved = rs.getLong("reserved");
        long safety = rs.getLong("safety_stock");
        return new Level(rs.getString("sku_code"), rs.getString("location_code"), onHand, reserved, safety, onHand - reserved - safety,
                rs.getLong("returned_pending"), rs.getLong("damaged"), instant(rs.getTimestamp("last_count_at")), rs.getInt("hot_buckets"),
                rs.getBoolean("flash_sale"));
    }

    private static Movement movement(ResultSet rs, int n) throws SQLException {
        String flag = rs.getString("flag");
        return new Movement(rs.getLong("id"), rs.getString("sku_code"), rs.getString("location_code"), Cause.valueOf(rs.getString("cause")),
                rs.getLong("quantity"), rs.getLong("effective_delta"), rs.getTimestamp("business_time").toInstant(),
                rs.getTimestamp("recorded_at").toInstant(), rs.getString("business_key"), rs.getString("reference"),
                instant(rs.getTimestamp("declared_time")), flag == null ? null : TimeFlag.valueOf(flag));
    }

    private static Instant instant(Timestamp timestamp) {
        return timestamp == null ? null : timestamp.toInstant();
    }
}
