package dev.santong.member.points;

import java.math.BigDecimal;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import dev.santong.member.member.Channel;
import dev.santong.platform.kit.persistence.SqlTime;

/**
 * One row per purchase, for HQ analytics: a member's purchase is recorded with its earn, a non-member's arrives on
 * its own (a till batch without a member). The same purchase from two paths is one row; a member identified later
 * is attached to it.
 */
@Component
public class PurchaseFacts {

    public record Purchase(String key, String memberId, Channel channel, String storeId, String reference, BigDecimal amount,
            String currency, Instant occurredAt, BigDecimal returnedAmount) {
    }

    /** One line of a purchase: {@code amount} is what was paid for all {@code quantity} units, after discounts. */
    public record Item(String sku, String category, BigDecimal quantity, BigDecimal amount) {
    }

    /** How part of a purchase was paid ({@code method} as the channel names it: CASH, CARD, WECHAT_PAY, ...). */
    public record Tender(String method, BigDecimal amount) {
    }

    /** A purchase with what it was made of and how it was paid (lines and tenders empty for purchases recorded without). */
    public record Bought(Purchase purchase, List<Item> items, List<Tender> tenders) {
    }

    /**
     * A period's purchases in one currency: by members and by guests, the members who bought, and how many of them
     * bought at least twice.
     */
    public record Totals(long memberOrders, BigDecimal memberRevenue, long guestOrders, BigDecimal guestRevenue, long activeMembers,
            long buyers, long repeatBuyers) {
    }

    private final JdbcClient jdbc;
    /** For row batches: the kit turns on Connector/J's rewriting of a batch into one multi-row INSERT. */
    private final JdbcTemplate batches;

    PurchaseFacts(JdbcClient jdbc, JdbcTemplate batches) {
        this.batches = batches;
        this.jdbc = jdbc;
    }

    public static String key(Channel channel, String storeId, String reference) {
        return channel + ":" + (storeId == null ? "-" : storeId) + ":" + reference;
    }

    public void record(String memberId, String originMemberId, Channel channel, String storeId, String reference, BigDecimal amount,
            String currency, Instant occurredAt) {
        jdbc.sql("""
                INSERT INTO purchase_fact (purchase_key, member_id, origin_member_id, channel, store_id, reference, amount, currency, occurred_at)
                VALUES (:key, :member, :origin, :channel, :store, :reference, :amount, :currency, :at)
                ON DUPLICATE KEY UPDATE member_id = COALESCE(member_id, VALUES(member_id)),
                    origin_member_id = COALESCE(origin_member_id, VALUES(origin_member_id))""")
                .param("key", key(channel, storeId, reference)).param("member", memberId).param("origin", originMemberId)
                .param("channel", channel.name())
                .param("store", storeId).param("reference", reference).param("amount", amount).param("currency", currency)
                .param("at", SqlTime.of(occurredAt))
                .update();
    }

    /** A purchase without a member, as a till day brings hundreds of them. */
    public record GuestPurchase(Channel channel, String storeId, String reference, BigDecimal amount, String currency, Instant occurredAt) {
    }

    /** Many guest purchases in one batch (one INSERT on the wire); each once by its key, as {@link #record} keeps them. */
    public void recordGuests(List<GuestPurchase> purchases) {
        // A guest purchase adds no member: what a purchase already has stays (a member's earn may have recorded it first).
        batches.batchUpdate("""
                INSERT INTO purchase_fact (purchase_key, member_id, origin_member_id, channel, store_id, reference, amount, currency, occurred_at)
                VALUES (?, NULL, NULL, ?, ?, ?, ?, ?, ?) ON DUPLICATE KEY UPDATE purchase_key = purchase_key""",
                purchases.stream().map(purchase -> new Object[] { key(purchase.channel(), purchase.storeId(), purchase.reference()),
                        purchase.channel().name(), purchase.storeId(), purchase.reference(), purchase.amount(), purchase.currency(),
                        SqlTime.of(purchase.occurredAt()) }).toList());
    }

    /** The lines and tenders of a purchase, after any recorded earlier for it (a receipt earned line by line). */
    void recordContents(String key, List<Item> items, List<Tender> tenders) {
        // Numbered after what earlier line-by-line earns of the purchase recorded; nothing to number, nothing to ask.
        if (!items.isEmpty()) {
            int lastLine = jdbc.sql("SELECT COALESCE(MAX(line_no), 0) FROM purchase_line WHERE purchase_key = :key")
                    .param("key", key).query(Integer.class).single();
            batches.batchUpdate("INSERT INTO purchase_line (purchase_key, line_no, sku, category, quantity, amount) VALUES (?, ?, ?, ?, ?, ?)",
                    java.util.stream.IntStream.range(0, items.size()).mapToObj(i -> new Object[] { key, lastLine + i + 1, items.get(i).sku(),
                            items.get(i).category(), items.get(i).quantity(), items.get(i).amount() }).toList());
        }
        if (!tenders.isEmpty()) {
            int lastTender = jdbc.sql("SELECT COALESCE(MAX(tender_no), 0) FROM purchase_tender WHERE purchase_key = :key")
                    .param("key", key).query(Integer.class).single();
            batches.batchUpdate("INSERT INTO purchase_tender (purchase_key, tender_no, method, amount) VALUES (?, ?, ?, ?)",
                    java.util.stream.IntStream.range(0, tenders.size()).mapToObj(i -> new Object[] { key, lastTender + i + 1,
                            tenders.get(i).method(), tenders.get(i).amount() }).toList());
        }
    }

    /** The purchase by where it was made and its reference, with its lines and tenders. */
    public Optional<Bought> bought(Channel channel, String storeId, String reference) {
        String key = key(channel, storeId, reference);
        return jdbc.sql("SELECT * FROM purchase_fact WHERE purchase_key = :key").param("key", key).query(PurchaseFacts::purchase).optional()
                .map(this::withLinesAndTenders);
    }

    private Bought withLinesAndTenders(Purchase purchase) {
        return new Bought(purchase,
                jdbc.sql("SELECT sku, category, quantity, amount FROM purchase_line WHERE purchase_key = :key ORDER BY line_no")
                        .param("key", purchase.key()).query((rs, n) -> new Item(rs.getString("sku"), rs.getString("category"),
                                rs.getBigDecimal("quantity").stripTrailingZeros(), rs.getBigDecimal("amount"))).list(),
                jdbc.sql("SELECT method, amount FROM purchase_tender WHERE purchase_key = :key ORDER BY tender_no")
                        .param("key", purchase.key()).query((rs, n) -> new Tender(rs.getString("method"), rs.getBigDecimal("amount"))).list());
    }

    /** A member's purchases in every channel, the latest first; the cursor is the last one's moment and key. */
    public dev.santong.platform.kit.web.Page<Bought> ofMember(String memberId, String cursor, int limit) {
        dev.santong.platform.kit.web.Cursor.After after = dev.santong.platform.kit.web.Cursor.after(cursor);
        List<Purchase> fetched = jdbc.sql("""
                SELECT * FROM purchase_fact WHERE member_id = :member
                AND (:afterAt IS NULL OR occurred_at < :afterAt OR (occurred_at = :afterAt AND purchase_key < :afterKey))
                ORDER BY occurred_at DESC, purchase_key DESC LIMIT :n""")
                .param("member", memberId).param("afterAt", after.at()).param("afterKey", after.key()).param("n", limit + 1)
                .query(PurchaseFacts::purchase).list();
        return dev.santong.platform.kit.web.Page.of(fetched, limit, last -> dev.santong.platform.kit.web.Cursor.at(last.occurredAt(), last.key()))
                .map(purchase -> withLinesAndTenders(purchase));
    }

    Optional<Purchase> lockForReturn(String key) {
        return jdbc.sql("SELECT * FROM purchase_fact WHERE purchase_key = :key FOR UPDATE").param("key", key).query(PurchaseFacts::purchase)
                .optional();
    }

    private static Purchase purchase(java.sql.ResultSet rs, int n) throws java.sql.SQLException {
        return new Purchase(rs.getString("purchase_key"), rs.getString("member_id"), Channel.valueOf(rs.getString("channel")),
                rs.getString("store_id"), rs.getString("reference"), rs.getBigDecimal("amount"), rs.getString("currency"),
                rs.getTimestamp("occurred_at").toInstant(), rs.getBigDecimal("returned_amount"));
    }

    void setReturned(String key, BigDecimal returned) {
        jdbc.sql("UPDATE purchase_fact SET returned_amount = :r WHERE purchase_key = :key").param("r", returned).param("key", key).update();
    }

    /** @param channel null for every channel */
    public Totals totals(Instant from, Instant to, String currency, Channel channel) {
        return totals(from, to, currency, channel, null);
    }

    /** @param channel null for every channel; @param storeId null for every store (a store implies the STORE channel) */
    public Totals totals(Instant from, Instant to, String currency, Channel channel, String storeId) {
        String channelFilter = (channel == null ? "" : " AND channel = :channel") + (storeId == null ? "" : " AND store_id = :store");
        java.util.Map<String, Object> params = new java.util.HashMap<>(java.util.Map.of("currency", currency, "from", SqlTime.of(from),
                "to", SqlTime.of(to)));
        if (channel != null) {
            params.put("channel", channel.name());
        }
        if (storeId != null) {
            params.put("store", storeId);
        }
        java.util.Map<String, Object> totals = jdbc.sql("""
                SELECT COALESCE(SUM(CASE WHEN member_id IS NOT NULL THEN 1 ELSE 0 END), 0) AS member_orders,
                       COALESCE(SUM(CASE WHEN member_id IS NOT NULL THEN amount ELSE 0 END), 0) AS member_revenue,
                       COALESCE(SUM(CASE WHEN member_id IS NULL THEN 1 ELSE 0 END), 0) AS guest_orders,
                       COALESCE(SUM(CASE WHEN member_id IS NULL THEN amount ELSE 0 END), 0) AS guest_revenue,
                       COUNT(DISTINCT member_id) AS active_members
                FROM purchase_fact WHERE currency = :currency AND occurred_at >= :from AND occurred_at < :to""" + channelFilter)
                .params(params).query().singleRow();
        java.util.Map<String, Object> repeat = jdbc.sql("""
                SELECT COUNT(*) AS buyers, COALESCE(SUM(CASE WHEN purchases >= 2 THEN 1 ELSE 0 END), 0) AS repeaters FROM (
                    SELECT member_id, COUNT(*) AS purchases FROM purchase_fact
                    WHERE member_id IS NOT NULL AND currency = :currency AND occurred_at >= :from AND occurred_at < :to""" + channelFilter + """

                    GROUP BY member_id) per_member""")
                .params(params).query().singleRow();
        return new Totals(count(totals.get("member_orders")), amount(totals.get("member_revenue")), count(totals.get("guest_orders")),
                amount(totals.get("guest_revenue")), count(totals.get("active_members")), count(repeat.get("buyers")),
                count(repeat.get("repeaters")));
    }

    /** What the member bought in (from, to], net of returns, in one currency. */
    public BigDecimal netSpend(String memberId, String currency, Instant from, Instant to) {
        return jdbc.sql("""
                SELECT COALESCE(SUM(amount - returned_amount), 0) FROM purchase_fact
                WHERE member_id = :m AND currency = :c AND occurred_at > :from AND occurred_at <= :at""")
                .param("m", memberId).param("c", currency).param("from", SqlTime.of(from)).param("at", SqlTime.of(to))
                .query(BigDecimal.class).single();
    }

    /** The channels the member bought in, each with the last purchase. */
    public java.util.Map<Channel, Instant> lastPurchasePerChannel(String memberId) {
        java.util.Map<Channel, Instant> last = new java.util.EnumMap<>(Channel.class);
        jdbc.sql("SELECT channel, MAX(occurred_at) AS last_at FROM purchase_fact WHERE member_id = :m GROUP BY channel").param("m", memberId)
                .query((rs, n) -> last.put(Channel.valueOf(rs.getString("channel")), rs.getTimestamp("last_at").toInstant())).list();
        return last;
    }

    private static long count(Object value) {
        return ((Number) value).longValue();
    }

    private static BigDecimal amount(Object value) {
        return value instanceof BigDecimal decimal ? decimal : new BigDecimal(value.toString());
    }
}
