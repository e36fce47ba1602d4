package dev.santong.goods.stock;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import dev.santong.platform.kit.problem.InvalidRequestException;

/** Where a SKU can be had, per location and channel, what the channel's holds could take; nearest first when asked. */
@Component
class Availability {

    /**
     * @param available      what may still be promised at this location (hot-mode buckets included)
     * @param availableOnline what an online order may be promised from here: never the location's online buffer
     * @param availablePickup what may be promised for pick-up here: never its pick-up buffer; 0 where pick-up is not offered
     * @param distanceKm     from the point asked about, when one was given
     */
@io.swagger.v3.oas.annotations.media.Schema(example = """
        {"location": "9", "name": "Store 9, Nanjing Road", "kind": "STORE", "available": 11, "availableOnline": 9, \
        "availablePickup": 11, "pickup": true, "distanceKm": 0.54}""")
    record LocationAvailability(String location, String name, Locations.Kind kind, long available, long availableOnline, long availablePickup,
            boolean pickup, Double distanceKm) {
    }

    private final JdbcClient jdbc;

    Availability(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * Where a SKU can be had: per location what may be promised, what the online shop may promise, whether it can be
     * picked up there; with {@code near=lat,lon}, nearest first.
     */
    List<LocationAvailability> of(String sku, String near, boolean pickupOnly, int limit) {
        double[] point = near == null ? null : point(near);
        // One query for every location: shoppers ask this on every product page.
        List<LocationAvailability> result = new ArrayList<>();
        for (java.util.Map<String, Object> row : jdbc.sql("""
                SELECT l.code, l.name, l.kind, l.latitude, l.longitude, l.pickup_enabled, l.online_buffer, l.pickup_buffer,
                       COALESCE(s.on_hand - s.reserved - s.safety_stock, 0) AS level_sellable,
                       COALESCE((SELECT SUM(b.available) FROM stock_bucket b WHERE b.sku_code = :sku AND b.location_code = l.code), 0) AS in_buckets
                FROM location l LEFT JOIN stock_level s ON s.location_code = l.code AND s.sku_code = :sku
                ORDER BY l.code""").param("sku", sku).query().listOfRows()) {
            long levelSellable = ((Number) row.get("level_sellable")).longValue();
            long inBuckets = ((Number) row.get("in_buckets")).longValue();
            boolean pickup = (Boolean) row.get("pickup_enabled");
            long available = StockReservations.Channel.holdable(levelSellable, inBuckets, 0);
            long availableOnline = StockReservations.Channel.holdable(levelSellable, inBuckets, ((Number) row.get("online_buffer")).longValue());
            long availablePickup = pickup ? StockReservations.Channel.holdable(levelSellable, inBuckets, ((Number) row.get("pickup_buffer")).longValue())
                    : 0;
            if (pickupOnly && availablePickup <= 0) {
                continue;
            }
            BigDecimal latitude = (BigDecimal) row.get("latitude");
            BigDecimal longitude = (BigDecimal) row.get("longitude");
            Double distance = point == null || latitude == null ? null
                    : haversineKm(point[0], point[1], latitude.doubleValue(), longitude.doubleValue());
            result.add(new LocationAvailability((String) row.get("code"), (String) row.get("name"), Locations.Kind.valueOf((String) row.get("kind")),
                    available, availableOnline, availablePickup, pickup, distance));
        }
        Comparator<LocationAvailability> order = point == null ? Comparator.comparing(LocationAvailability::location)
                : Comparator.comparing(LocationAvailability::distanceKm, Comparator.nullsLast(Comparator.naturalOrder()));
        return result.stream().sorted(order).limit(limit).toList();
    }

    static double[] point(String near) {
        String[] parts = near.split(",");
        try {
            double lat = Double.parseDouble(parts[0]);
            double lon = Double.parseDouble(parts[1]);
            // NaN passes a range check by comparing false to everything: it is refused as not a number of degrees.
            if (parts.length != 2 || !Double.isFinite(lat) || !Double.isFinite(lon) || Math.abs(lat) > 90 || Math.abs(lon) > 180) {
                throw new NumberFormatException();
            }
            return new double[] { lat, lon };
        } catch (RuntimeException e) {
            throw new InvalidRequestException("near", "must be latitude,longitude in degrees, e.g. 31.2304,121.4737");
        }
    }

    static double haversineKm(double lat1, double lon1, double lat2, double lon2) {
        double dLat = Math.toRadians(lat2 - lat1);
        double dLon = Math.toRadians(lon2 - lon1);
        double a = Math.pow(Math.sin(dLat / 2), 2) + Math.cos(Math.toRadians(lat1)) * Math.cos(Math.toRadians(lat2)) * Math.pow(Math.sin(dLon / 2), 2);
        return 6371.0088 * 2 * Math.atan2(Math.sqrt(a), Math.sqrt(1 - a));
    }
}
