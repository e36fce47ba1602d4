package dev.santong.goods.stock;

import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * What a shop may promise, for many SKUs at once (one query for a page of a list) and for one SKU's pick-up places, by
 * the same rule as holds ({@link StockReservations.Channel#holdable}): never a location's online or pick-up buffer.
 */
@Component
public class ShelfStock {

    /** @param online units an online order may still be promised, all locations together; {@code pickupPlaces} where pick-up has some */
    public record Summary(long online, int pickupPlaces) {

        static final Summary NONE = new Summary(0, 0);
    }

    /** A place to pick a SKU up, with the units it may promise for pick-up and how far it is from the point asked about. */
    public record PickupPlace(String location, String name, long units, Double distanceKm) {
    }

    private final JdbcClient jdbc;
    private final Availability availability;

    ShelfStock(JdbcClient jdbc, Availability availability) {
        this.jdbc = jdbc;
        this.availability = availability;
    }

    /** Each SKU's summary; a SKU no location stocks has {@code online} 0. */
    public Map<String, Summary> summaries(Collection<String> skus) {
        Map<String, Summary> summaries = new HashMap<>();
        if (skus.isEmpty()) {
            return summaries;
        }
        skus.forEach(sku -> summaries.put(sku, Summary.NONE));
        jdbc.sql("""
                SELECT s.sku_code, l.pickup_enabled, l.online_buffer, l.pickup_buffer, s.on_hand - s.reserved - s.safety_stock AS level_sellable,
                       COALESCE((SELECT SUM(b.available) FROM stock_bucket b WHERE b.sku_code = s.sku_code AND b.location_code = s.location_code), 0)
                           AS in_buckets
                FROM stock_level s JOIN location l ON l.code = s.location_code
                WHERE s.sku_code IN (:skus)""")
                .param("skus", skus)
                .query(rs -> {
                    long levelSellable = rs.getLong("level_sellable");
                    long inBuckets = rs.getLong("in_buckets");
                    long online = StockReservations.Channel.holdable(levelSellable, inBuckets, rs.getLong("online_buffer"));
                    boolean pickup = rs.getBoolean("pickup_enabled")
                            && StockReservations.Channel.holdable(levelSellable, inBuckets, rs.getLong("pickup_buffer")) > 0;
                    summaries.merge(rs.getString("sku_code"), new Summary(online, pickup ? 1 : 0),
                            (a, b) -> new Summary(a.online() + b.online(), a.pickupPlaces() + b.pickupPlaces()));
                });
        return summaries;
    }

    /** Where the SKU can be picked up now, nearest first when {@code near} (lat,lon) is given. */
    public List<PickupPlace> pickupPlaces(String sku, String near, int limit) {
        return availability.of(sku, near, true, limit).stream()
                .map(place -> new PickupPlace(place.location(), place.name(), place.availablePickup(), place.distanceKm()))
                .toList();
    }
}
