package dev.santong.member.points;

import java.time.Instant;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import dev.santong.platform.kit.persistence.SqlTime;

/** Figures of the ledger that other modules need: a member's qualifying points for tiers, the points liability for HQ. */
@Component
public class PointsFigures {

    private final JdbcClient jdbc;

    PointsFigures(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** Points the member earned in (from, to], net of earns taken back by returns. */
    public long earned(String memberId, Instant from, Instant to) {
        return jdbc.sql("""
                SELECT COALESCE(SUM(points), 0) FROM points_entry
                WHERE member_id = :m AND kind IN ('EARN', 'REVERSE_EARN') AND occurred_at > :from AND occurred_at <= :at""")
                .param("m", memberId).param("from", SqlTime.of(from)).param("at", SqlTime.of(to))
                .query(Long.class).single();
    }

    /** Points every member holds at {@code at} that have not expired. */
    public long outstanding(Instant at) {
        return jdbc.sql("SELECT COALESCE(SUM(points_remaining), 0) FROM points_lot WHERE live_until > :now")
                .param("now", SqlTime.of(at)).query(Long.class).single();
    }

    /** Points given (earned, given back) and taken (redeemed, reversed, expired) in [from, to), where they were posted. */
    public record Flow(long given, long taken) {
    }

    /** @param channel null for every channel; @param storeId null for every store */
    public Flow flow(Instant from, Instant to, String channel, String storeId) {
        java.util.Map<String, Object> row = jdbc.sql("""
                SELECT COALESCE(SUM(CASE WHEN points > 0 THEN points ELSE 0 END), 0) AS given,
                       COALESCE(SUM(CASE WHEN points < 0 THEN -points ELSE 0 END), 0) AS taken
                FROM points_entry WHERE occurred_at >= :from AND occurred_at < :to
                AND (:channel IS NULL OR channel = :channel) AND (:store IS NULL OR store_id = :store)""")
                .param("from", SqlTime.of(from)).param("to", SqlTime.of(to)).param("channel", channel).param("store", storeId)
                .query().singleRow();
        return new Flow(((Number) row.get("given")).longValue(), ((Number) row.get("taken")).longValue());
    }

    /** Every member's balance added up as the ledger stood before {@code at} (what members held then, expiries posted). */
    public long heldBefore(Instant at) {
        return jdbc.sql("SELECT COALESCE(SUM(points), 0) FROM points_entry WHERE occurred_at < :at").param("at", SqlTime.of(at))
                .query(Long.class).single();
    }
}
