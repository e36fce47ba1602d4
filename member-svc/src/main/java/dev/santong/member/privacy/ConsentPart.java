package dev.santong.member.privacy;

import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

import org.springframework.core.annotation.Order;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import dev.santong.member.member.Channel;
import dev.santong.member.member.MemberPart;
import dev.santong.member.member.OwnedRows;
import dev.santong.member.privacy.Consents.Action;
import dev.santong.member.privacy.Consents.State;

/**
 * Consents as a {@link MemberPart}. A merge keeps the stricter consent: for every purpose and channel scope either
 * side has, the survivor's consent is in force only if both sides had given it; a merge event written after both
 * histories makes that the latest word. An unmerge removes the merge's events and moves the merged side's history
 * back, including consents recorded since through its old id.
 */
@Component
@Order(10)
class ConsentPart implements MemberPart {

    private final Consents consents;
    private final JdbcClient jdbc;
    private final OwnedRows rows;

    ConsentPart(Consents consents, JdbcClient jdbc, OwnedRows rows) {
        this.consents = consents;
        this.jdbc = jdbc;
        this.rows = rows;
    }

    @Override
    public String name() {
        return "consents";
    }

    @Override
    public Object preview(String survivorId, String mergedId) {
        Map<String, State> survivor = consents.inForce(survivorId);
        Map<String, State> merged = consents.inForce(mergedId);
        Map<String, Object> after = new LinkedHashMap<>();
        for (String key : keys(survivor, merged)) {
            after.put(key, stricter(survivor.get(key), merged.get(key)).name());
        }
        Map<String, Object> preview = new LinkedHashMap<>();
        preview.put("movingEvents", consents.history(mergedId).size());
        preview.put("inForceAfterMerge", after);
        return preview;
    }

    @Override
    public void merge(MergeContext merge) {
        Map<String, State> survivor = consents.inForce(merge.survivorId());
        Map<String, State> merged = consents.inForce(merge.mergedId());
        rows.moveToSurvivor("consent_event", merge);
        for (String key : keys(survivor, merged)) {
            State s = survivor.get(key);
            State m = merged.get(key);
            State any = s != null ? s : m;
            Action result = stricter(s, m);
            Integer version = result == Action.GIVEN ? olderVersion(s, m) : null;
            consents.insert(merge.survivorId(), merge.survivorId(), any.purpose(), any.channelScope(), result, version,
                    Channel.HQ, null, merge.actor(), merge.at(), merge.mergeId());
        }
    }

    @Override
    public void unmerge(MergeContext merge) {
        jdbc.sql("DELETE FROM consent_event WHERE merge_id = :merge").param("merge", merge.mergeId()).update();
        rows.moveBack("consent_event", merge);
    }

    @Override
    public Object export(String memberId) {
        Map<String, Object> export = new LinkedHashMap<>();
        export.put("inForce", consents.inForceList(memberId));
        export.put("history", consents.history(memberId));
        return export;
    }

    /** Consent events hold purposes, times and stores, no personal data: they stay as proof of what was agreed. */
    @Override
    public void erase(String memberId) {
        jdbc.sql("UPDATE consent_event SET recorded_by = 'erased-member' WHERE member_id = :m AND recorded_by = 'self'")
                .param("m", memberId).update();
    }

    private static Set<String> keys(Map<String, State> survivor, Map<String, State> merged) {
        Set<String> keys = new LinkedHashSet<>(survivor.keySet());
        keys.addAll(merged.keySet());
        return keys;
    }

    static Action stricter(State survivor, State merged) {
        boolean bothGiven = survivor != null && merged != null
                && survivor.action() == Action.GIVEN && merged.action() == Action.GIVEN;
        return bothGiven ? Action.GIVEN : Action.WITHDRAWN;
    }

    /** Both gave consent: the member agreed to the older notice for certain. */
    private static Integer olderVersion(State survivor, State merged) {
        return List.of(survivor.noticeVersion(), merged.noticeVersion()).stream().filter(Objects::nonNull)
                .min(Integer::compare).orElse(null);
    }
}
