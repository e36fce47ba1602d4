package dev.santong.member.points;

import java.util.Map;

import org.springframework.stereotype.Component;

import dev.santong.member.member.PosLookup;

/** The points balance a till shows beside the member it looked up. */
@Component
class PointsTillFacts implements PosLookup.TillFacts {

    private final PointsLedger ledger;

    PointsTillFacts(PointsLedger ledger) {
        this.ledger = ledger;
    }

    @Override
    public void addTo(String memberId, Map<String, Object> facts) {
        facts.put("pointsBalance", ledger.balanceAsOfNow(memberId));
    }
}
