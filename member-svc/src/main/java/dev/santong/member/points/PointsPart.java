package dev.santong.member.points;

import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.springframework.core.annotation.Order;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import dev.santong.member.member.MemberPart;
import dev.santong.member.member.OwnedRows;
import dev.santong.platform.kit.persistence.SqlTime;

/**
 * The points ledger as a {@link MemberPart}. A merge moves the merged member's entries, lots and purchases to the
 * survivor: the survivor's balance becomes the sum of both ledgers. An unmerge gives back everything that came
 * from the merged member, also what was earned, spent or expired since through its old id. Points one side spent
 * from the other side's lots while merged are first returned to those lots and taken again from the spender's own
 * lots, so that each side ends with exactly its own ledger; a side whose own lots cannot cover what it spent owes
 * the difference (a negative balance), as after a return of points already spent.
 */
@Component
@Order(30)
class PointsPart implements MemberPart {

    private final JdbcClient jdbc;
    private final PointsLedger ledger;
    private final Clock clock;
    private final OwnedRows rows;

    private static final List<String> OWNED = List.of("points_entry", "points_lot", "purchase_fact");

    PointsPart(JdbcClient jdbc, PointsLedger ledger, Clock clock, OwnedRows rows) {
        this.jdbc = jdbc;
        this.ledger = ledger;
        this.clock = clock;
        this.rows = rows;
    }

    @Override
    public String name() {
        return "points";
    }

    @Override
    public Object preview(String survivorId, String mergedId) {
        Map<String, Object> preview = new LinkedHashMap<>();
        preview.put("survivorBalance", ledger.balanceAsOfNow(survivorId));
        preview.put("mergedBalance", ledger.balanceAsOfNow(mergedId));
        preview.put("balanceAfterMerge", ledger.balanceAsOfNow(survivorId) + ledger.balanceAsOfNow(mergedId));
        preview.put("movingEntries", jdbc.sql("SELECT COUNT(*) FROM points_entry WHERE member_id = :m").param("m", mergedId)
                .query(Long.class).single());
        return preview;
    }

    @Override
    public void merge(MergeContext merge) {
        lockBothInOrder(merge.survivorId(), merge.mergedId());
        ledger.expire(merge.survivorId());
        ledger.expire(merge.mergedId());
        OWNED.forEach(table -> rows.moveToSurvivor(table, merge));
        rebalance(merge.survivorId());
        rebalance(merge.mergedId());
        ledger.settleDebt(merge.survivorId());
    }

    @Override
    public void unmerge(MergeContext merge) {
        String survivor = merge.survivorId();
        String merged = merge.mergedId();
        lockBothInOrder(survivor, merged);
        // Points one side took from the other side's lots while merged go back to those lots first.
        Map<Long, Long> survivorOwes = returnCrossUses(survivor, merged, true);
        Map<Long, Long> mergedOwes = returnCrossUses(survivor, merged, false);
        OWNED.forEach(table -> rows.moveBack(table, merge));
        survivorOwes.forEach((entryId, points) -> ledger.takeFromLots(survivor, entryId, points, null));
        mergedOwes.forEach((entryId, points) -> ledger.takeFromLots(merged, entryId, points, null));
        rebalance(survivor);
        rebalance(merged);
        // Points handed back to lots that have expired since expire now, before anything may pay a debt with them.
        ledger.expire(survivor);
        ledger.expire(merged);
        ledger.settleDebt(survivor);
        ledger.settleDebt(merged);
    }

    /**
     * Undoes lot uses that crossed sides while merged and returns, per spending entry, how many points it must take
     * again from its own side's lots.
     *
     * @param survivorSpentMergedLots true: entries of the survivor's side that used lots of the merged side; false:
     *                                the other way round
     */
    private Map<Long, Long> returnCrossUses(String survivor, String merged, boolean survivorSpentMergedLots) {
        String condition = survivorSpentMergedLots
                ? "l.origin_member_id = :m AND e.origin_member_id <> :m"
                : "l.origin_member_id <> :m AND e.origin_member_id = :m";
        record LotUse(long id, long lotId, long entryId, long points) {
        }
        List<LotUse> uses = jdbc.sql("""
                SELECT u.id, u.lot_id, u.entry_id, u.points FROM points_lot_use u
                JOIN points_lot l ON l.id = u.lot_id JOIN points_entry e ON e.id = u.entry_id
                WHERE l.member_id = :s AND e.member_id = :s AND\s""" + condition)
                .param("s", survivor).param("m", merged)
                .query((rs, n) -> new LotUse(rs.getLong("id"), rs.getLong("lot_id"), rs.getLong("entry_id"), rs.getLong("points"))).list();
        Map<Long, Long> owed = new LinkedHashMap<>();
        for (LotUse use : uses) {
            jdbc.sql("UPDATE points_lot SET points_remaining = points_remaining + :p WHERE id = :id").param("p", use.points())
                    .param("id", use.lotId()).update();
            jdbc.sql("DELETE FROM points_lot_use WHERE id = :id").param("id", use.id()).update();
            owed.merge(use.entryId(), use.points(), Long::sum);
        }
        return owed;
    }

    /** The cached balance is re-derived from the ledger: it is a cache, never a second truth. */
    private void rebalance(String memberId) {
        jdbc.sql("""
                INSERT INTO points_account (member_id, balance, updated_at)
                VALUES (:m, (SELECT COALESCE(SUM(points), 0) FROM points_entry WHERE member_id = :m), :at)
                ON DUPLICATE KEY UPDATE balance = (SELECT COALESCE(SUM(points), 0) FROM points_entry WHERE member_id = :m), updated_at = :at""")
                .param("m", memberId).param("at", SqlTime.of(clock.instant())).update();
    }

    private void lockBothInOrder(String a, String b) {
        (a.compareTo(b) < 0 ? List.of(a, b) : List.of(b, a)).forEach(ledger::lockAccount);
    }

    @Override
    public Object export(String memberId) {
        Map<String, Object> export = new LinkedHashMap<>();
        export.put("balance", ledger.balanceAsOfNow(memberId));
        export.put("lots", ledger.openLots(memberId));
        export.put("entries", ledger.entries(memberId, 100_000));
        return export;
    }

    /** The ledger holds ids, amounts and stores, no personal data: it stays, balanced, under the member's pseudonymous id. */
    @Override
    public void erase(String memberId) {
        // Nothing personal to remove; the audit records that erasure ran.
    }
}
