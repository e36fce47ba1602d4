package dev.santong.member.segment;

import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import org.springframework.core.annotation.Order;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import dev.santong.member.member.MemberPart;
import dev.santong.member.member.OwnedRows;
import dev.santong.platform.kit.persistence.SqlTime;
import dev.santong.platform.kit.problem.InvalidRequestException;

/** Tags on members, and the same tags as a {@link MemberPart}: a merge unions them, an unmerge gives them back. */
@Component
@Order(20)
class Tags implements MemberPart {

    private static final java.util.regex.Pattern TAG = java.util.regex.Pattern.compile("[a-z0-9][a-z0-9_-]{0,39}");

    private final JdbcClient jdbc;
    private final Clock clock;
    private final OwnedRows rows;

    Tags(JdbcClient jdbc, Clock clock, OwnedRows rows) {
        this.jdbc = jdbc;
        this.clock = clock;
        this.rows = rows;
    }

    public static String normalise(String tag) {
        String normalised = tag == null ? "" : tag.strip().toLowerCase(java.util.Locale.ROOT);
        if (!TAG.matcher(normalised).matches()) {
            throw new InvalidRequestException("tag", "must be 1-40 lower-case letters, digits, '-' or '_', starting with a letter or digit");
        }
        return normalised;
    }

    /** Idempotent: tagging twice keeps one tag. */
    public void tag(String memberId, String originMemberId, String tag, String by) {
        jdbc.sql("""
                INSERT INTO member_tag (member_id, origin_member_id, tag, tagged_by, tagged_at) VALUES (:m, :o, :t, :by, :at)
                ON DUPLICATE KEY UPDATE tag = tag""")
                .param("m", memberId).param("o", originMemberId).param("t", tag).param("by", by)
                .param("at", SqlTime.of(clock.instant())).update();
    }

    public void untag(String memberId, String tag) {
        jdbc.sql("DELETE FROM member_tag WHERE member_id = :m AND tag = :t").param("m", memberId).param("t", tag).update();
    }

    public Set<String> of(String memberId) {
        return new TreeSet<>(jdbc.sql("SELECT DISTINCT tag FROM member_tag WHERE member_id = :m").param("m", memberId)
                .query(String.class).list());
    }

    @Override
    public String name() {
        return "tags";
    }

    @Override
    public Object preview(String survivorId, String mergedId) {
        Set<String> after = new TreeSet<>(of(survivorId));
        after.addAll(of(mergedId));
        Map<String, Object> preview = new LinkedHashMap<>();
        preview.put("after", after);
        return preview;
    }

    @Override
    public void merge(MergeContext merge) {
        rows.moveToSurvivor("member_tag", merge);
    }

    @Override
    public void unmerge(MergeContext merge) {
        rows.moveBack("member_tag", merge);
    }

    @Override
    public Object export(String memberId) {
        return List.copyOf(of(memberId));
    }

    /** Tags describe HQ's view of a member, not the person: erasure removes them with the rest of the profile. */
    @Override
    public void erase(String memberId) {
        jdbc.sql("DELETE FROM member_tag WHERE member_id = :m").param("m", memberId).update();
    }
}
