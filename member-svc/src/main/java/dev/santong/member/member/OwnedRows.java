package dev.santong.member.member;

import java.util.Set;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The one way rows a member owns follow a merge: every such table has {@code member_id} (the owner now) and
 * {@code origin_member_id} (where the row came from, or the old id a later request addressed). A merge points the
 * merged member's rows at the survivor; an unmerge points back every row whose origin is the merged member.
 */
@Component
public class OwnedRows {

    // Table names go into SQL text: only the tables of member parts are accepted.
    private static final Set<String> TABLES = Set.of("member_identity", "consent_event", "member_tag", "voucher", "points_entry",
            "points_lot", "purchase_fact");

    private final JdbcClient jdbc;

    OwnedRows(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public void moveToSurvivor(String table, MemberPart.MergeContext merge) {
        jdbc.sql("UPDATE " + checked(table) + " SET member_id = :survivor WHERE member_id = :merged")
                .param("survivor", merge.survivorId()).param("merged", merge.mergedId()).update();
    }

    public void moveBack(String table, MemberPart.MergeContext merge) {
        jdbc.sql("UPDATE " + checked(table) + " SET member_id = :merged WHERE member_id = :survivor AND origin_member_id = :merged")
                .param("survivor", merge.survivorId()).param("merged", merge.mergedId()).update();
    }

    private static String checked(String table) {
        if (!TABLES.contains(table)) {
            throw new IllegalArgumentException("not a member-owned table: " + table);
        }
        return table;
    }
}
