package dev.santong.goods.pricing;

import java.math.BigDecimal;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

import dev.santong.goods.catalogue.ChannelListings;
import dev.santong.goods.catalogue.SkuCatalogue;
import dev.santong.goods.feed.ChangeFeed;
import dev.santong.platform.kit.idempotency.Fingerprint;
import dev.santong.platform.kit.idempotency.IdempotentWrite;
import dev.santong.platform.kit.money.Money;
import dev.santong.platform.kit.money.MoneyInVersion1;
import dev.santong.platform.kit.persistence.ConcurrentWriteRetry;
import dev.santong.platform.kit.persistence.SqlTime;
import dev.santong.platform.kit.problem.ConflictException;
import dev.santong.platform.kit.problem.InvalidRequestException;
import dev.santong.platform.kit.problem.ResourceNotFoundException;

/**
 * Listings and prices. A price row applies from {@code validFrom} until {@code validUntil} (open-ended when null);
 * the price in force at time t for a channel, currency and member tier is the most specific row valid at t:
 * the tier's own price over the general one, then {@code STORE:<id>} over {@code STORE} over {@code ALL}
 * (online: {@code ONLINE} over {@code ALL}); among equals, the latest start. Rows are never edited: a new price is a
 * new row, so the price at any past moment stays answerable (a till's receipt, a return).
 */
@Component
class PriceLists implements ChannelListings {

    public static final String ANY_TIER = "*";

@io.swagger.v3.oas.annotations.media.Schema(example = """
        {"id": 17, "sku": "OX-BLU-M", "channel": "ALL", "tier": "*", "price": {"amount": "199.00", "currency": "CNY"}, \
        "validFrom": "2026-01-01T00:00:00Z", "validUntil": null}""")
    public record Price(long id, String sku, String channel, String tier,
            @MoneyInVersion1(amount = "amount", currency = "currency") Money price, Instant validFrom, Instant validUntil) {

        public BigDecimal amount() {
            return price.amount();
        }

        public String currency() {
            return price.currency();
        }
    }

    /** A price as the tills' change feed carries it: a protocol tills keep between syncs, so its fields stay as they are. */
    record FedPrice(long id, String sku, String channel, String currency, String tier, BigDecimal amount, Instant validFrom, Instant validUntil) {

        static FedPrice of(Price price) {
            return new FedPrice(price.id(), price.sku(), price.channel(), price.currency(), price.tier(), price.amount(), price.validFrom(),
                    price.validUntil());
        }
    }

    private final JdbcClient jdbc;
    private final TransactionTemplate transactions;
    private final ChangeFeed feed;
    private final Clock clock;
    private final SkuCatalogue catalogue;
    private final ShelfPrices shelf;

    PriceLists(JdbcClient jdbc, TransactionTemplate transactions, ChangeFeed feed, Clock clock, SkuCatalogue catalogue, ShelfPrices shelf) {
        this.jdbc = jdbc;
        this.shelf = shelf;
        this.catalogue = catalogue;
        this.transactions = transactions;
        this.feed = feed;
        this.clock = clock;
    }

    /** The same row again (a retried request) answers the stored one; another amount from the same start is a 409. */
    public Price add(String sku, String channel, String currency, String tier, BigDecimal amount, Instant from, Instant until, String by) {
        if (until != null && !until.isAfter(from)) {
            throw new InvalidRequestException("validUntil", "must be after validFrom");
        }
        String tierKey = tier == null ? ANY_TIER : tier;
        String terms = Fingerprint.of(new Terms(amount, until));
        // A concurrent add of the same start may win: the second attempt compares with what it stored.
        return ConcurrentWriteRetry.inTransaction(transactions, 2, status -> {
            catalogue.requireExists(sku);
            return IdempotentWrite.once(
                    startingAt(sku, channel, currency, tierKey, from).map(stored -> new IdempotentWrite.Earlier<>(
                            Fingerprint.of(new Terms(stored.amount(), stored.validUntil())), stored)),
                    terms,
                    () -> new ConflictException("price-exists", "A different " + channel + " " + currency + " price of " + sku + " starts at " + from),
                    () -> {
                        jdbc.sql("""
                                INSERT INTO price (sku_code, channel, currency, tier, amount, valid_from, valid_until, created_by, created_at)
                                VALUES (:s, :c, :cur, :t, :a, :from, :until, :by, :now)""")
                                .param("s", sku).param("c", channel).param("cur", currency).param("t", tierKey).param("a", amount)
                                .param("from", SqlTime.of(from)).param("until", SqlTime.of(until)).param("by", by)
                                .param("now", SqlTime.of(clock.instant()))
                                .update();
                        Price added = startingAt(sku, channel, currency, tierKey, from).orElseThrow();
                        feed.append(ChangeFeed.Kind.PRICE, sku, null, FedPrice.of(added));
                        return added;
                    }).result();
        });
    }

    /** What makes two prices from the same start the same price: the amount (whatever its scale) and the end. */
    private record Terms(String amount, Instant until) {

        Terms(BigDecimal amount, Instant until) {
            this(amount.stripTrailingZeros().toPlainString(), until);
        }
    }

    /** The price a till or the shop charges at {@code at}; 404 when none is set for that channel and currency. */
    public Price inForce(String sku, String channel, String currency, String tier, Instant at) {
        List<String> channels = fallbacks(channel);
        List<Price> candidates = jdbc.sql("""
                SELECT * FROM price WHERE sku_code = :s AND currency = :cur AND channel IN (:channels) AND tier IN (:tiers)
                AND valid_from <= :at AND (valid_until IS NULL OR valid_until > :at)""")
                .param("s", sku).param("cur", currency).param("channels", channels)
                .param("tiers", tier == null ? List.of(ANY_TIER) : List.of(tier, ANY_TIER)).param("at", SqlTime.of(at))
                .query(PriceLists::price).list();
        return candidates.stream()
                .min(java.util.Comparator.<Price>comparingInt(p -> ANY_TIER.equals(p.tier()) ? 1 : 0)
                        .thenComparingInt(p -> channels.indexOf(p.channel()))
                        .thenComparing(Price::validFrom, java.util.Comparator.reverseOrder()))
                .orElseThrow(() -> new ResourceNotFoundException("price of " + sku + " in " + channel + " " + currency, at));
    }

    public List<Price> all(String sku) {
        return jdbc.sql("SELECT * FROM price WHERE sku_code = :s ORDER BY channel, currency, tier, valid_from").param("s", sku)
                .query(PriceLists::price).list();
    }

    public void list(String sku, String channel, boolean listed) {
        transactions.executeWithoutResult(status -> {
            catalogue.requireExists(sku);
            jdbc.sql("""
                    INSERT INTO listing (sku_code, channel, listed, updated_at) VALUES (:s, :c, :l, :now)
                    ON DUPLICATE KEY UPDATE listed = VALUES(listed), updated_at = VALUES(updated_at)""")
                    .param("s", sku).param("c", channel).param("l", listed).param("now", SqlTime.of(clock.instant())).update();
            feed.append(ChangeFeed.Kind.LISTING, sku, null, Map.of("channel", channel, "listed", listed));
        });
    }

    /** Whether a channel lists the SKU: the channel's own listing, else its wider one (STORE:9 → STORE → ALL). */
    @Override
    public boolean isListed(String sku, String channel) {
        for (String candidate : fallbacks(channel)) {
            Optional<Boolean> listed = jdbc.sql("SELECT listed FROM listing WHERE sku_code = :s AND channel = :c")
                    .param("s", sku).param("c", candidate).query(Boolean.class).optional();
            if (listed.isPresent()) {
                return listed.get();
            }
        }
        return false;
    }

    @Override
    public java.util.Set<String> listedAmong(java.util.Collection<String> skus, String channel) {
        return shelf.listedAmong(skus, channel);
    }

    static List<String> fallbacks(String channel) {
        List<String> chain = new ArrayList<>();
        chain.add(channel);
        if (channel.startsWith("STORE:")) {
            chain.add("STORE");
        }
        if (!channel.equals("ALL")) {
            chain.add("ALL");
        }
        return chain;
    }


    private Optional<Price> startingAt(String sku, String channel, String currency, String tier, Instant from) {
        return jdbc.sql("SELECT * FROM price WHERE sku_code = :s AND channel = :c AND currency = :cur AND tier = :t AND valid_from = :from")
                .param("s", sku).param("c", channel).param("cur", currency).param("t", tier).param("from", SqlTime.of(from))
                .query(PriceLists::price).optional();
    }

    private static Price price(ResultSet rs, int n) throws SQLException {
        java.sql.Timestamp until = rs.getTimestamp("valid_until");
        return new Price(rs.getLong("id"), rs.getString("sku_code"), rs.getString("channel"), rs.getString("tier"),
                Money.of(rs.getBigDecimal("amount"), rs.getString("currency")), rs.getTimestamp("valid_from").toInstant(), until == null ? null : until.toInstant());
    }
}
