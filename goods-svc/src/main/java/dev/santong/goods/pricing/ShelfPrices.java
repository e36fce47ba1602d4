package dev.santong.goods.pricing;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import dev.santong.platform.kit.persistence.SqlTime;

/**
 * Listings and prices for many SKUs at once, by the same rules as one SKU's ({@link PriceLists}): what a page of a
 * shop's list needs in one query each, never one per SKU.
 */
@Component
public class ShelfPrices {

    /** The general price (no member tier) in force for a channel and currency, and until when it holds. */
    public record ShelfPrice(String sku, BigDecimal amount, String currency, Instant validUntil) {
    }

    private final JdbcClient jdbc;

    ShelfPrices(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** The SKUs among {@code skus} that the channel lists: its own listing decides, else its wider one. */
    public Set<String> listedAmong(Collection<String> skus, String channel) {
        if (skus.isEmpty()) {
            return Set.of();
        }
        List<String> channels = PriceLists.fallbacks(channel);
        Map<String, Map<String, Boolean>> bySku = new HashMap<>();
        jdbc.sql("SELECT sku_code, channel, listed FROM listing WHERE sku_code IN (:skus) AND channel IN (:channels)")
                .param("skus", skus).param("channels", channels)
                .query((rs, n) -> bySku.computeIfAbsent(rs.getString("sku_code"), sku -> new HashMap<>())
                        .put(rs.getString("channel"), rs.getBoolean("listed")))
                .list();
        Set<String> listed = new HashSet<>();
        bySku.forEach((sku, listings) -> channels.stream().filter(listings::containsKey).findFirst()
                .filter(listings::get).ifPresent(decisive -> listed.add(sku)));
        return listed;
    }

    /** The price in force at {@code at} for each SKU that has one (tier prices aside). */
    public Map<String, ShelfPrice> inForceAmong(Collection<String> skus, String channel, String currency, Instant at) {
        if (skus.isEmpty()) {
            return Map.of();
        }
        List<String> channels = PriceLists.fallbacks(channel);
        record Row(String sku, String channel, BigDecimal amount, Instant from, Instant until) {
        }
        List<Row> rows = jdbc.sql("""
                SELECT sku_code, channel, amount, valid_from, valid_until FROM price
                WHERE sku_code IN (:skus) AND currency = :cur AND channel IN (:channels) AND tier = :anyTier
                AND valid_from <= :at AND (valid_until IS NULL OR valid_until > :at)""")
                .param("skus", skus).param("cur", currency).param("channels", channels).param("anyTier", PriceLists.ANY_TIER)
                .param("at", SqlTime.of(at))
                .query((rs, n) -> new Row(rs.getString("sku_code"), rs.getString("channel"), rs.getBigDecimal("amount"),
                        rs.getTimestamp("valid_from").toInstant(),
                        rs.getTimestamp("valid_until") == null ? null : rs.getTimestamp("valid_until").toInstant()))
                .list();
        // The same order as PriceLists.inForce: the most specific channel, then the latest start.
        Comparator<Row> specificFirst = Comparator.<Row>comparingInt(row -> channels.indexOf(row.channel()))
                .thenComparing(Row::from, Comparator.reverseOrder());
        return rows.stream().collect(Collectors.groupingBy(Row::sku)).entrySet().stream()
                .collect(Collectors.toMap(Map.Entry::getKey, entry -> {
                    Row chosen = entry.getValue().stream().min(specificFirst).orElseThrow();
                    return new ShelfPrice(chosen.sku(), chosen.amount(), currency, chosen.until());
                }));
    }
}
