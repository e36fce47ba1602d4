package dev.santong.goods.stock;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

import org.apache.commons.codec.digest.DigestUtils;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

import dev.santong.platform.kit.persistence.ConcurrentWriteRetry;
import dev.santong.platform.kit.persistence.SqlTime;
import dev.santong.platform.kit.problem.ConflictException;
import dev.santong.platform.kit.problem.InvalidRequestException;
import dev.santong.platform.kit.problem.ResourceNotFoundException;

/**
 * Holds for online orders and pick-up-in-store. A hold is taken by one conditional update, so the database refuses
 * to hold more than is available: {@code reserved = reserved + q WHERE on_hand - reserved - safety_stock >= q}.
 * <p>
 * <b>Hot-SKU mode</b> (flash sales): the level's sellable units are moved into N bucket rows (and counted as reserved on
 * the level); a hold takes from one bucket with the same kind of conditional update, so concurrent holds lock
 * different rows instead of queueing on one. Units in buckets never exceed what was sellable, so there is still no
 * oversell. When every bucket is empty a hold falls back to the level, which may have received new stock since.
 * <p>
 * Holds end by confirmation (the units leave on hand as an ONLINE_ORDER movement), release, or expiry. Expiry claims
 * due holds with {@code SKIP LOCKED} and ends each with a conditional status change, so any number of workers
 * release each hold exactly once.
 */
@Component
public class StockReservations {

    public enum Status { HELD, CONFIRMED, RELEASED, EXPIRED }

    public record Reservation(String id, String businessKey, String sku, String location, long quantity, String channel, String holder,
            Status status, Integer bucket, Instant expiresAt, Instant createdAt, Instant closedAt) {
    }

    public record Held(Reservation reservation, boolean replayed) {
    }

    static final Duration DEFAULT_TTL = Duration.ofMinutes(15);
    static final Duration MAX_TTL = Duration.ofDays(7);

    private final JdbcClient jdbc;
    private final TransactionTemplate transactions;
    private final TransactionTemplate expiryTransactions;
    private final StockLedger ledger;
    private final Clock clock;

    StockReservations(JdbcClient jdbc, TransactionTemplate transactions, StockLedger ledger, Clock clock) {
        this.jdbc = jdbc;
        this.transactions = transactions;
        this.expiryTransactions = new TransactionTemplate(transactions.getTransactionManager());
        this.expiryTransactions.setIsolationLevel(org.springframework.transaction.TransactionDefinition.ISOLATION_READ_COMMITTED);
        this.ledger = ledger;
        this.clock = clock;
    }

    public Held reserve(String sku, String location, long quantity, String channel, String holder, String businessKey, Duration ttl) {
        if (quantity < 1) {
            throw new InvalidRequestException("quantity", "must be at least 1");
        }
        Duration lifetime = ttl == null ? DEFAULT_TTL : ttl;
        if (lifetime.isNegative() || lifetime.isZero() || lifetime.compareTo(MAX_TTL) > 0) {
            throw new InvalidRequestException("ttlSeconds", "must be between 1 second and 7 days");
        }
        String hash = DigestUtils.sha256Hex(String.join("|", sku, location, Long.toString(quantity), channel, holder));
        return ConcurrentWriteRetry.inTransaction(transactions, 5, status -> {
            Optional<Reservation> earlier = byKey(businessKey);
            if (earlier.isPresent()) {
                String storedHash = jdbc.sql("SELECT request_hash FROM reservation WHERE business_key = :k").param("k", businessKey)
                        .query(String.class).single();
                if (!storedHash.equals(hash)) {
                    throw new ConflictException("business-key-reused", "Reservation " + businessKey + " exists with other content");
                }
                return new Held(earlier.get(), true);
            }
            int buckets = jdbc.sql("SELECT hot_buckets FROM stock_level WHERE sku_code = :s AND location_code = :l")
                    .param("s", sku).param("l", location).query(Integer.class).optional()
                    .orElseThrow(() -> new ConflictException("out-of-stock", "No stock of " + sku + " at " + location));
            Integer bucket = buckets > 0 ? takeFromBucket(sku, location, quantity, buckets) : null;
            if (bucket == null && !takeFromLevel(sku, location, quantity)) {
                throw new ConflictException("out-of-stock", "Fewer than " + quantity + " of " + sku + " available at " + location);
            }
            Instant now = clock.instant();
            String id = UUID.randomUUID().toString();
            jdbc.sql("""
                    INSERT INTO reservation (id, business_key, request_hash, sku_code, location_code, quantity, channel, holder, status,
                        bucket_no, expires_at, created_at)
                    VALUES (:id, :key, :hash, :s, :l, :q, :channel, :holder, 'HELD', :bucket, :expires, :now)""")
                    .param("id", id).param("key", businessKey).param("hash", hash).param("s", sku).param("l", location).param("q", quantity)
                    .param("channel", channel).param("holder", holder).param("bucket", bucket)
                    .param("expires", SqlTime.of(now.plus(lifetime))).param("now", SqlTime.of(now)).update();
            return new Held(find(id), false);
        });
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
            ledger.apply(reservation.sku(), reservation.location(), Cause.ONLINE_ORDER, -reservation.quantity(), clock.instant(),
                    "reservation:" + id, reservation.businessKey(), actor);
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

    /** Expires due holds, at most {@code limit}; safe with any number of workers at once. Returns how many this call ended. */
    public int expireDue(int limit) {
        // Read committed: no gap locks on the expiry index, so competing workers do not deadlock on each other's
        // status changes; a deadlock that still happens rolls back and the batch is claimed again.
        return ConcurrentWriteRetry.inTransaction(expiryTransactions, 5, status -> {
            List<Reservation> due = jdbc.sql("""
                    SELECT * FROM reservation WHERE status = 'HELD' AND expires_at <= :now ORDER BY expires_at LIMIT :n FOR UPDATE SKIP LOCKED""")
                    .param("now", SqlTime.of(clock.instant())).param("n", limit).query(StockReservations::reservation).list();
            int ended = 0;
            for (Reservation reservation : due) {
                ended += giveBack(reservation, Status.EXPIRED) ? 1 : 0;
            }
            return ended;
        });
    }

    /** Hot-SKU mode on: what is sellable now is split across {@code buckets} rows. */
    public StockLedger.Level enableHotMode(String sku, String location, int buckets) {
        if (buckets < 2 || buckets > 64) {
            throw new InvalidRequestException("buckets", "must be between 2 and 64");
        }
        return transactions.execute(status -> {
            StockLedger.LockedLevel level = ledger.lock(sku, location);
            if (level.hotBuckets() > 0) {
                throw new ConflictException("hot-mode-on", sku + " at " + location + " is already in hot mode");
            }
            long sellable = Math.max(0, level.onHand() - level.reserved() - level.safetyStock());
            for (int bucket = 0; bucket < buckets; bucket++) {
                long share = sellable / buckets + (bucket < sellable % buckets ? 1 : 0);
                jdbc.sql("INSERT INTO stock_bucket (sku_code, location_code, bucket_no, available) VALUES (:s, :l, :b, :a)")
                        .param("s", sku).param("l", location).param("b", bucket).param("a", share).update();
            }
            jdbc.sql("UPDATE stock_level SET reserved = reserved + :sellable, hot_buckets = :n WHERE sku_code = :s AND location_code = :l")
                    .param("sellable", sellable).param("n", buckets).param("s", sku).param("l", location).update();
            return ledger.level(sku, location).orElseThrow();
        });
    }

    /** Hot-SKU mode off: what is left in the buckets goes back to the level. */
    public StockLedger.Level disableHotMode(String sku, String location) {
        return transactions.execute(status -> {
            ledger.lock(sku, location);
            long left = jdbc.sql("SELECT COALESCE(SUM(available), 0) FROM stock_bucket WHERE sku_code = :s AND location_code = :l FOR UPDATE")
                    .param("s", sku).param("l", location).query(Long.class).single();
            jdbc.sql("DELETE FROM stock_bucket WHERE sku_code = :s AND location_code = :l").param("s", sku).param("l", location).update();
            jdbc.sql("UPDATE stock_level SET reserved = reserved - :left, hot_buckets = 0 WHERE sku_code = :s AND location_code = :l")
                    .param("left", left).param("s", sku).param("l", location).update();
            return ledger.level(sku, location).orElseThrow();
        });
    }

    /** Units still sellable in hot mode buckets (they count as reserved on the level). */
    public long inBuckets(String sku, String location) {
        return jdbc.sql("SELECT COALESCE(SUM(available), 0) FROM stock_bucket WHERE sku_code = :s AND location_code = :l")
                .param("s", sku).param("l", location).query(Long.class).single();
    }

    public Reservation find(String id) {
        return jdbc.sql("SELECT * FROM reservation WHERE id = :id").param("id", id).query(StockReservations::reservation).optional()
                .orElseThrow(() -> new ResourceNotFoundException("reservation", id));
    }

    private Integer takeFromBucket(String sku, String location, long quantity, int buckets) {
        int start = ThreadLocalRandom.current().nextInt(buckets);
        for (int i = 0; i < buckets; i++) {
            int bucket = (start + i) % buckets;
            int taken = jdbc.sql("""
                    UPDATE stock_bucket SET available = available - :q
                    WHERE sku_code = :s AND location_code = :l AND bucket_no = :b AND available >= :q""")
                    .param("q", quantity).param("s", sku).param("l", location).param("b", bucket).update();
            if (taken == 1) {
                return bucket;
            }
        }
        return null;
    }

    private boolean takeFromLevel(String sku, String location, long quantity) {
        return jdbc.sql("""
                UPDATE stock_level SET reserved = reserved + :q
                WHERE sku_code = :s AND location_code = :l AND on_hand - reserved - safety_stock >= :q""")
                .param("q", quantity).param("s", sku).param("l", location).update() == 1;
    }

    /** Ends a hold and returns its units to where they came from; false when another worker ended it first. */
    private boolean giveBack(Reservation reservation, Status end) {
        if (!close(reservation, end)) {
            return false;
        }
        boolean bucketStillThere = reservation.bucket() != null && jdbc.sql("""
                UPDATE stock_bucket SET available = available + :q WHERE sku_code = :s AND location_code = :l AND bucket_no = :b""")
                .param("q", reservation.quantity()).param("s", reservation.sku()).param("l", reservation.location())
                .param("b", reservation.bucket()).update() == 1;
        if (!bucketStillThere) {
            jdbc.sql("UPDATE stock_level SET reserved = reserved - :q WHERE sku_code = :s AND location_code = :l")
                    .param("q", reservation.quantity()).param("s", reservation.sku()).param("l", reservation.location()).update();
        }
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

    private Optional<Reservation> byKey(String key) {
        return jdbc.sql("SELECT * FROM reservation WHERE business_key = :k").param("k", key).query(StockReservations::reservation).optional();
    }

    private static Reservation reservation(ResultSet rs, int n) throws SQLException {
        java.sql.Timestamp closed = rs.getTimestamp("closed_at");
        return new Reservation(rs.getString("id"), rs.getString("business_key"), rs.getString("sku_code"), rs.getString("location_code"),
                rs.getLong("quantity"), rs.getString("channel"), rs.getString("holder"), Status.valueOf(rs.getString("status")),
                (Integer) rs.getObject("bucket_no", Integer.class), rs.getTimestamp("expires_at").toInstant(),
                rs.getTimestamp("created_at").toInstant(), closed == null ? null : closed.toInstant());
    }
}
