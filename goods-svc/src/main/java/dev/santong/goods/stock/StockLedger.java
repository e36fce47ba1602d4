package dev.santong.goods.stock;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import org.apache.commons.codec.digest.DigestUtils;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

import dev.santong.goods.feed.ChangeFeed;
import dev.santong.platform.kit.persistence.ConcurrentWriteRetry;
import dev.santong.platform.kit.persistence.SqlLike;
import dev.santong.platform.kit.persistence.SqlTime;
import dev.santong.platform.kit.problem.ConflictException;
import dev.santong.platform.kit.problem.InvalidRequestException;
import dev.santong.platform.kit.problem.ResourceNotFoundException;

/**
 * The stock ledger. Every change of on hand is a movement with its cause and business time, applied once by its
 * business key, and a level's on hand is always the sum of its movements' effective deltas.
 * <ul>
 * <li>A POS sale is a fact: it is applied even when the system thinks the shelf is empty; on hand may go negative and
 * the level is listed for reconciliation.</li>
 * <li>Late and out-of-order movements are placed by business time: one dated before the level's latest physical count
 * is already inside that count and changes nothing (effective delta 0).</li>
 * <li>A count sets on hand as of its time, with the movements dated after it re-applied on top; a count older than
 * the latest one is history and changes nothing.</li>
 * </ul>
 */
@Component
public class StockLedger {

    public record Movement(long id, String sku, String location, Cause cause, long quantity, long effectiveDelta, Instant businessTime,
            Instant recordedAt, String businessKey, String reference) {
    }

    public record Level(String sku, String location, long onHand, long reserved, long safetyStock, long available, long returnedPending,
            long damaged, Instant lastCountAt, int hotBuckets) {
    }

    public record Applied(Movement movement, Level level, boolean replayed) {
    }

    private final JdbcClient jdbc;
    private final TransactionTemplate transactions;
    private final Clock clock;
    private final ChangeFeed feed;

    StockLedger(JdbcClient jdbc, TransactionTemplate transactions, Clock clock, ChangeFeed feed) {
        this.feed = feed;
        this.jdbc = jdbc;
        this.transactions = transactions;
        this.clock = clock;
    }

    public Applied apply(String sku, String location, Cause cause, long quantity, Instant businessTime, String businessKey,
            String reference, String actor) {
        if (!cause.accepts(quantity)) {
            throw new InvalidRequestException("quantity", cause == Cause.COUNT ? "is the counted level and must be 0 or more"
                    : "has the wrong sign or is zero for " + cause);
        }
        return ConcurrentWriteRetry.inTransaction(transactions, 5,
                status -> applyWithin(sku, location, cause, quantity, businessTime, businessKey, reference, actor));
    }

    /** One movement of a batch; {@code businessKey} makes each one apply once however often the batch is sent. */
    public record MovementCommand(String sku, String location, Cause cause, long quantity, Instant businessTime, String businessKey,
            String reference) {
    }

    /**
     * Several movements (a till receipt's lines) in one database transaction: all or none. Levels are locked in SKU and
     * location order, so two receipts touching the same SKUs wait for each other instead of deadlocking.
     */
    public List<Applied> applyAll(List<MovementCommand> commands, String actor) {
        for (int i = 0; i < commands.size(); i++) {
            MovementCommand command = commands.get(i);
            if (!command.cause().accepts(command.quantity())) {
                throw new InvalidRequestException("movements[" + i + "].quantity", command.cause() == Cause.COUNT
                        ? "is the counted level and must be 0 or more" : "has the wrong sign or is zero for " + command.cause());
            }
        }
        List<MovementCommand> ordered = new java.util.ArrayList<>(commands);
        ordered.sort(java.util.Comparator.comparing(MovementCommand::sku).thenComparing(MovementCommand::location)
                .thenComparing(MovementCommand::businessKey));
        return ConcurrentWriteRetry.inTransaction(transactions, 5, status -> ordered.stream()
                .map(c -> applyWithin(c.sku(), c.location(), c.cause(), c.quantity(), c.businessTime(), c.businessKey(), c.reference(), actor))
                .toList());
    }

    private Applied applyWithin(String sku, String location, Cause cause, long quantity, Instant businessTime, String businessKey,
            String reference, String actor) {
        String hash = DigestUtils.sha256Hex(String.join("|", sku, location, cause.name(), Long.toString(quantity), businessTime.toString(),
                String.valueOf(reference)));
        Optional<Movement> earlier = byKey(businessKey);
        if (earlier.isPresent()) {
            String storedHash = jdbc.sql("SELECT request_hash FROM stock_movement WHERE business_key = :k").param("k", businessKey)
                    .query(String.class).single();
            if (!storedHash.equals(hash)) {
                throw new ConflictException("business-key-reused", "Movement " + businessKey + " was already applied with other content");
            }
            return new Applied(earlier.get(), level(sku, location).orElseThrow(), true);
        }
        LockedLevel locked = lock(sku, location);
        long effective;
        Instant lastCount = locked.lastCountAt();
        if (cause == Cause.COUNT) {
            if (lastCount != null && businessTime.isBefore(lastCount)) {
                effective = 0;
            } else {
                long after = jdbc.sql("""
                        SELECT COALESCE(SUM(quantity), 0) FROM stock_movement
                        WHERE sku_code = :s AND location_code = :l AND cause <> 'COUNT' AND business_time > :t""")
                        .param("s", sku).param("l", location).param("t", SqlTime.of(businessTime)).query(Long.class).single();
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
                    .param("d", effective).param("now", SqlTime.of(clock.instant())).param("s", sku).param("l", location).update();
        }
        jdbc.sql("""
                INSERT INTO stock_movement (sku_code, location_code, cause, quantity, effective_delta, business_time, recorded_at,
                    business_key, request_hash, reference, actor)
                VALUES (:s, :l, :cause, :q, :e, :t, :now, :key, :hash, :ref, :actor)""")
                .param("s", sku).param("l", location).param("cause", cause.name()).param("q", quantity).param("e", effective)
                .param("t", SqlTime.of(businessTime)).param("now", SqlTime.of(clock.instant())).param("key", businessKey)
                .param("hash", hash).param("ref", reference).param("actor", actor).update();
        Level after = level(sku, location).orElseThrow();
        feed.append(ChangeFeed.Kind.STOCK, sku, location, java.util.Map.of("onHand", after.onHand(), "available", after.available(),
                "cause", cause.name(), "businessTime", businessTime.toString()));
        return new Applied(byKey(businessKey).orElseThrow(), after, false);
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
    public List<Level> negative() {
        return jdbc.sql("SELECT * FROM stock_level WHERE on_hand < 0 ORDER BY location_code, sku_code").query(StockLedger::level).list();
    }

    public long sumOfEffectiveDeltas(String sku, String location) {
        return jdbc.sql("SELECT COALESCE(SUM(effective_delta), 0) FROM stock_movement WHERE sku_code = :s AND location_code = :l")
                .param("s", sku).param("l", location).query(Long.class).single();
    }

    public List<Movement> movements(String sku, String location, int limit) {
        return jdbc.sql("SELECT * FROM stock_movement WHERE sku_code = :s AND location_code = :l ORDER BY business_time DESC, id DESC LIMIT :n")
                .param("s", sku).param("l", location).param("n", limit).query(StockLedger::movement).list();
    }

    /** Net quantity per SKU and cause of a location's movements whose reference starts with {@code prefix}. */
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
        if (jdbc.sql("SELECT COUNT(*) FROM sku WHERE code = :s").param("s", sku).query(Long.class).single() == 0) {
            throw new ResourceNotFoundException("SKU", sku);
        }
        if (jdbc.sql("SELECT COUNT(*) FROM location WHERE code = :l").param("l", location).query(Long.class).single() == 0) {
            throw new ResourceNotFoundException("location", location);
        }
    }

    private Optional<Movement> byKey(String key) {
        return jdbc.sql("SELECT * FROM stock_movement WHERE business_key = :k").param("k", key).query(StockLedger::movement).optional();
    }

    static Level level(ResultSet rs, int n) throws SQLException {
        long onHand = rs.getLong("on_hand");
        long reserved = rs.getLong("reserved");
        long safety = rs.getLong("safety_stock");
        return new Level(rs.getString("sku_code"), rs.getString("location_code"), onHand, reserved, safety, onHand - reserved - safety,
                rs.getLong("returned_pending"), rs.getLong("damaged"), instant(rs.getTimestamp("last_count_at")), rs.getInt("hot_buckets"));
    }

    private static Movement movement(ResultSet rs, int n) throws SQLException {
        return new Movement(rs.getLong("id"), rs.getString("sku_code"), rs.getString("location_code"), Cause.valueOf(rs.getString("cause")),
                rs.getLong("quantity"), rs.getLong("effective_delta"), rs.getTimestamp("business_time").toInstant(),
                rs.getTimestamp("recorded_at").toInstant(), rs.getString("business_key"), rs.getString("reference"));
    }

    private static Instant instant(Timestamp timestamp) {
        return timestamp == null ? null : timestamp.toInstant();
    }
}
