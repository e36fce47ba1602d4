package dev.santong.member.points;

import java.math.BigDecimal;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Optional;

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

    private final JdbcClient jdbc;

    PurchaseFacts(JdbcClient jdbc) {
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

    Optional<Purchase> lockForReturn(String key) {
        return jdbc.sql("SELECT * FROM purchase_fact WHERE purchase_key = :key FOR UPDATE").param("key", key)
                .query((rs, n) -> new Purchase(rs.getString("purchase_key"), rs.getString("member_id"), Channel.valueOf(rs.getString("channel")),
                        rs.getString("store_id"), rs.getString("reference"), rs.getBigDecimal("amount"), rs.getString("currency"),
                        rs.getTimestamp("occurred_at").toInstant(), rs.getBigDecimal("returned_amount")))
                .optional();
    }

    void setReturned(String key, BigDecimal returned) {
        jdbc.sql("UPDATE purchase_fact SET returned_amount = :r WHERE purchase_key = :key").param("r", returned).param("key", key).update();
    }
}
