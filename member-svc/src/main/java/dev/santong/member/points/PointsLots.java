package dev.santong.member.points;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import dev.santong.platform.kit.persistence.SqlTime;

/**
 * Earned points as lots ({@code points_lot}) with their expiry, and every debit's draw on them ({@code points_lot_use}),
 * so expiry is exact per lot and an unmerge can tell whose lot paid for what.
 */
@Component
class PointsLots {

    /** A lot due to expire, locked: what it still holds and whose side of a merge it belongs to. */
    record DueLot(long id, long remaining, String origin, Instant expiresAt) {
    }

    public record Lot(long id, long initial, long remaining, Instant earnedAt, Instant expiresAt) {
    }

    private final JdbcClient jdbc;
    private final Clock clock;

    PointsLots(JdbcClient jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    void open(String memberId, String origin, long entryId, long points, Instant earnedAt, Instant expiresAt) {
        jdbc.sql("""
                INSERT INTO points_lot (member_id, origin_member_id, entry_id, points_initial, points_remaining, earned_at, expires_at)
                VALUES (:m, :o, :e, :initial, :remaining, :earned, :expires)""")
                .param("m", memberId).param("o", origin).param("e", entryId).param("initial", points).param("remaining", points)
                .param("earned", SqlTime.of(earnedAt)).param("expires", SqlTime.of(expiresAt)).update();
    }

    /** The member's lots with points left, locked, in the order a debit draws on them (the preferred entry's own lot first). */
    List<LedgerRules.LotBalance> lockForDraw(String memberId, Long preferredEarnEntry) {
        return jdbc.sql("""
                SELECT id, points_remaining FROM points_lot WHERE member_id = :m AND points_remaining > 0
                ORDER BY CASE WHEN entry_id = :preferred THEN 0 ELSE 1 END, expires_at, id FOR UPDATE""")
                .param("m", memberId).param("preferred", preferredEarnEntry == null ? -1L : preferredEarnEntry)
                .query((rs, n) -> new LedgerRules.LotBalance(rs.getLong("id"), rs.getLong("points_remaining"))).list();
    }

    /** Records that an entry took points from a lot. */
    void use(long lotId, long entryId, long points) {
        jdbc.sql("UPDATE points_lot SET points_remaining = points_remaining - :p WHERE id = :id").param("p", points).param("id", lotId).update();
        jdbc.sql("INSERT INTO points_lot_use (lot_id, entry_id, points) VALUES (:lot, :entry, :p)")
                .param("lot", lotId).param("entry", entryId).param("p", points).update();
    }

    List<DueLot> lockDue(String memberId, Instant now) {
        // First without locks: a locking range read also waits for the row just past the range, another member's lot
        // being written, which made every earn queue behind its neighbours'. The member's account is locked already, so
        // their lots cannot change meanwhile; only the due ones (seldom any) are then locked, by their keys.
        List<Long> due = jdbc.sql("SELECT id FROM points_lot WHERE member_id = :m AND live_until <= :now")
                .param("m", memberId).param("now", SqlTime.of(now)).query(Long.class).list();
        if (due.isEmpty()) {
            return List.of();
        }
        return jdbc.sql("""
                SELECT id, points_remaining, origin_member_id, expires_at FROM points_lot
                WHERE id IN (:ids) AND points_remaining > 0 ORDER BY expires_at, id FOR UPDATE""")
                .param("ids", due)
                .query((rs, n) -> new DueLot(rs.getLong("id"), rs.getLong("points_remaining"), rs.getString("origin_member_id"),
                        rs.getTimestamp("expires_at").toInstant()))
                .list();
    }

    /** How often the lot expired already (more than once only after an unmerge handed points back to it). */
    long expiriesOf(long lotId) {
        return jdbc.sql("""
                SELECT COUNT(*) FROM points_lot_use u JOIN points_entry e ON e.id = u.entry_id WHERE u.lot_id = :lot AND e.kind = 'EXPIRE'""")
                .param("lot", lotId).query(Long.class).single();
    }

    List<String> membersWithDueLots(int limit) {
        return jdbc.sql("SELECT DISTINCT member_id FROM points_lot WHERE live_until <= :now LIMIT :limit")
                .param("now", SqlTime.of(clock.instant())).param("limit", limit).query(String.class).list();
    }

    /** Points in lots that expired and are not yet written off. */
    long dueNotWrittenOff(String memberId) {
        return jdbc.sql("""
                SELECT COALESCE(SUM(points_remaining), 0) FROM points_lot WHERE member_id = :m AND live_until <= :now""")
                .param("m", memberId).param("now", SqlTime.of(clock.instant())).query(Long.class).single();
    }

    long heldBy(String memberId) {
        return jdbc.sql("SELECT COALESCE(SUM(points_remaining), 0) FROM points_lot WHERE member_id = :m").param("m", memberId)
                .query(Long.class).single();
    }

    /** What each debit took beyond the lots it found: a reversal after spending, or what an unmerge handed back to a side. */
    List<LedgerRules.Uncovered> uncoveredDebits(String memberId) {
        return jdbc.sql("""
                SELECT e.id, -e.points - COALESCE(SUM(u.points), 0) AS uncovered
                FROM points_entry e LEFT JOIN points_lot_use u ON u.entry_id = e.id
                WHERE e.member_id = :m AND e.points < 0 GROUP BY e.id, e.points HAVING uncovered > 0 ORDER BY e.id""")
                .param("m", memberId).query((rs, n) -> new LedgerRules.Uncovered(rs.getLong("id"), rs.getLong("uncovered"))).list();
    }

    /** The latest expiry among the lots an entry drew on (where points it spent would have lived). */
    Optional<Instant> latestExpiryDrawnBy(long entryId) {
        Timestamp latest = jdbc.sql("""
                SELECT MAX(l.expires_at) FROM points_lot_use u JOIN points_lot l ON l.id = u.lot_id WHERE u.entry_id = :e""")
                .param("e", entryId).query(Timestamp.class).single();
        return Optional.ofNullable(latest).map(Timestamp::toInstant);
    }

    List<Lot> open(String memberId) {
        return jdbc.sql("""
                SELECT id, points_initial, points_remaining, earned_at, expires_at FROM points_lot
                WHERE member_id = :m AND points_remaining > 0 AND expires_at > :now ORDER BY expires_at, id""")
                .param("m", memberId).param("now", SqlTime.of(clock.instant()))
                .query((rs, n) -> new Lot(rs.getLong("id"), rs.getLong("points_initial"), rs.getLong("points_remaining"),
                        rs.getTimestamp("earned_at").toInstant(), rs.getTimestamp("expires_at").toInstant()))
                .list();
    }
}
