package dev.santong.member.member;

import java.util.regex.Pattern;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The one way rows a member owns follow a merge: every such table has {@code member_id} (the owner now) and
 * {@code origin_member_id} (where the row came from, or the old id a later request addressed). A merge points the
 * merged member's rows at the survivor; an unmerge points back every row whose origin is the merged member.
 */
@Component
public class OwnedRows {

    // Table names go into SQL text: each part passes its own table's name from code, never from a request.
    private static final Pattern TABLE_NAME = Pattern.compile("[a-z][a-z0-9_]{0,63}");

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
        if (!TABLE_NAME.matcher(table).matches()) {
            throw new IllegalArgumentException("not a table name: " + table);
        }
        return table;
    }
}
