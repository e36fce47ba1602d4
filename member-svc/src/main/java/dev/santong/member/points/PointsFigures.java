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
        return jdbc.sql("SELECT COALESCE(SUM(points_remaining), 0) FROM points_lot WHERE expires_at > :now AND points_remaining > 0")
                .param("now", SqlTime.of(at)).query(Long.class).single();
    }
}
