package dev.santong.member.points;

import java.util.List;
import java.util.Map;

import org.springframework.stereotype.Component;

import dev.santong.member.member.PosLookup;
import dev.santong.member.member.TillCacheSource;

/** The points balance a till shows beside the member it looked up; a store's buyers of the last year are its regulars. */
@Component
class PointsTillFacts implements PosLookup.TillFacts, TillCacheSource {

    private final PointsLedger ledger;

    PointsTillFacts(PointsLedger ledger) {
        this.ledger = ledger;
    }

    @Override
    public void addTo(String memberId, Map<String, Object> facts) {
        facts.put("pointsBalance", ledger.balanceAsOfNow(memberId));
    }

    @Override
    public String changedSince() {
        return "SELECT member_id, updated_at AS changed_at FROM points_account WHERE updated_at >= :afterTime";
    }

    @Override
    public List<StoreTie> storeTies() {
        String boughtThere = "store_id = :store AND occurred_at >= :since";
        return List.of(new StoreTie("purchase_fact", "member_id", boughtThere), new StoreTie("purchase_fact", "origin_member_id", boughtThere));
    }
}
