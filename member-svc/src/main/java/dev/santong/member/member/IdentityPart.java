package dev.santong.member.member;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.springframework.core.annotation.Order;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/** A member's channel identities as a {@link MemberPart}: they move with a merge and go back with an unmerge. */
@Component
@Order(0)
class IdentityPart implements MemberPart {

    private final JdbcClient jdbc;
    private final Members members;
    private final OwnedRows rows;

    IdentityPart(JdbcClient jdbc, Members members, OwnedRows rows) {
        this.jdbc = jdbc;
        this.members = members;
        this.rows = rows;
    }

    @Override
    public String name() {
        return "identities";
    }

    @Override
    public Object preview(String survivorId, String mergedId) {
        List<Members.IdentityRow> moving = members.identitiesOf(mergedId);
        Map<String, Object> preview = new LinkedHashMap<>();
        preview.put("moving", moving.stream().map(identity -> identity.type().name()).toList());
        preview.put("survivorKeeps", members.identitiesOf(survivorId).size());
        return preview;
    }

    @Override
    public void merge(MergeContext merge) {
        rows.moveToSurvivor("member_identity", merge);
    }

    @Override
    public void unmerge(MergeContext merge) {
        rows.moveBack("member_identity", merge);
    }

    @Override
    public Object export(String memberId) {
        return members.identitiesOf(memberId).stream().map(identity -> {
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("type", identity.type());
            row.put("value", identity.value());
            row.put("verified", identity.verified());
            row.put("sourceChannel", identity.sourceChannel());
            row.put("sourceStore", identity.sourceStore());
            row.put("firstSeenAt", identity.firstSeenAt());
            return row;
        }).toList();
    }

    @Override
    public void erase(String memberId) {
        jdbc.sql("DELETE FROM member_identity WHERE member_id = :m").param("m", memberId).update();
    }
}
