package dev.santong.goods.stock;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Hot-SKU mode's bucket rows. Units in the buckets count as reserved on their level, and the level guards them:
 * <b>the units the buckets can still give never exceed on hand − held − safety − the location's largest channel
 * buffer</b> of the level. Every change that lowers that cover (a till sale, a transfer out, a count, a write-off, more
 * safety stock, a larger buffer) calls {@link #cover} with the level locked, which takes the excess out of the buckets.
 * Lock order is always level, then buckets in bucket order; a hold takes one bucket without the level.
 */
@Component
class HotBuckets {

    /** Buckets a hold tries before it falls back to the level: the ones it saw with stock are emptying under it. */
    static final int MAX_TRIES = 4;

    private final JdbcClient jdbc;

    HotBuckets(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** Splits {@code units} over {@code buckets} new rows. */
    void split(String sku, String location, long units, int buckets) {
        for (int bucket = 0; bucket < buckets; bucket++) {
            long share = units / buckets + (bucket < units % buckets ? 1 : 0);
            jdbc.sql("INSERT INTO stock_bucket (sku_code, location_code, bucket_no, available) VALUES (:s, :l, :b, :a)")
                    .param("s", sku).param("l", location).param("b", bucket).param("a", share).update();
        }
    }

    /**
     * Takes {@code quantity} from one of the buckets that had it when last read, tried in random order so concurrent
     * holds spread over them; the bucket's number, or null when none still has it. Only buckets seen with stock are
     * tried: a sold-out SKU costs no walk over empty rows.
     */
    Integer take(String sku, String location, long quantity, List<Integer> withStock) {
        List<Integer> order = new ArrayList<>(withStock);
        java.util.Collections.shuffle(order, ThreadLocalRandom.current());
        for (int bucket : order.subList(0, Math.min(order.size(), MAX_TRIES))) {
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

    /** Puts a hold's units back into its bucket; false when hot mode ended since (the units are then the level's). */
    boolean giveBack(String sku, String location, int bucket, long quantity) {
        return jdbc.sql("UPDATE stock_bucket SET available = available + :q WHERE sku_code = :s AND location_code = :l AND bucket_no = :b")
                .param("q", quantity).param("s", sku).param("l", location).param("b", bucket).update() == 1;
    }

    /** Removes the buckets and answers how many units they still had. The level must be locked. */
    long drain(String sku, String location) {
        long left = inBuckets(sku, location, true);
        jdbc.sql("DELETE FROM stock_bucket WHERE sku_code = :s AND location_code = :l").param("s", sku).param("l", location).update();
        return left;
    }

    long inBuckets(String sku, String location) {
        return inBuckets(sku, location, false);
    }

    private long inBuckets(String sku, String location, boolean lock) {
        return jdbc.sql("SELECT COALESCE(SUM(available), 0) FROM stock_bucket WHERE sku_code = :s AND location_code = :l"
                + (lock ? " FOR UPDATE" : "")).param("s", sku).param("l", location).query(Long.class).single();
    }

    /**
     * With the level locked: shrinks the buckets to what the level still covers, taking from the fullest first, and
     * releases the removed units from the level's reserved. Returns how many units it took out.
     */
    long cover(String sku, String location) {
        // A locking read: the level as it is now (hot mode may have begun since the caller looked).
        Cover level = jdbc.sql("""
                SELECT on_hand, reserved, safety_stock FROM stock_level
                WHERE sku_code = :s AND location_code = :l AND hot_buckets > 0 FOR UPDATE""")
                .param("s", sku).param("l", location)
                .query((rs, n) -> new Cover(rs.getLong("on_hand"), rs.getLong("reserved"), rs.getLong("safety_stock"), 0))
                .optional().orElse(null);
        if (level == null) {
            return 0;
        }
        level = level.withBuffer(jdbc.sql("SELECT GREATEST(online_buffer, pickup_buffer) FROM location WHERE code = :l").param("l", location)
                .query(Long.class).single());
        List<Bucket> buckets = new ArrayList<>(jdbc.sql("""
                SELECT bucket_no, available FROM stock_bucket WHERE sku_code = :s AND location_code = :l ORDER BY bucket_no FOR UPDATE""")
                .param("s", sku).param("l", location).query((rs, n) -> new Bucket(rs.getInt("bucket_no"), rs.getLong("available"))).list());
        long inBuckets = buckets.stream().mapToLong(Bucket::available).sum();
        long excess = inBuckets - level.coverFor(inBuckets);
        if (excess <= 0) {
            return 0;
        }
        buckets.sort(Comparator.comparingLong(Bucket::available).reversed());
        long left = excess;
        for (Bucket bucket : buckets) {
            long taken = Math.min(left, bucket.available());
            if (taken > 0) {
                jdbc.sql("UPDATE stock_bucket SET available = available - :t WHERE sku_code = :s AND location_code = :l AND bucket_no = :b")
                        .param("t", taken).param("s", sku).param("l", location).param("b", bucket.number()).update();
                left -= taken;
            }
        }
        jdbc.sql("UPDATE stock_level SET reserved = reserved - :e WHERE sku_code = :s AND location_code = :l")
                .param("e", excess).param("s", sku).param("l", location).update();
        return excess;
    }

    /** What a new or shrunk set of buckets may hold: never the units of holds, the safety stock or any channel's buffer. */
    static long sellableIntoBuckets(long onHand, long heldReserved, long safetyStock, long largestBuffer) {
        return Math.max(0, onHand - heldReserved - safetyStock - largestBuffer);
    }

    private record Bucket(int number, long available) {
    }

    private record Cover(long onHand, long reserved, long safetyStock, long buffer) {

        Cover withBuffer(long largestBuffer) {
            return new Cover(onHand, reserved, safetyStock, largestBuffer);
        }

        long coverFor(long inBuckets) {
            return sellableIntoBuckets(onHand, reserved - inBuckets, safetyStock, buffer);
        }
    }
}
