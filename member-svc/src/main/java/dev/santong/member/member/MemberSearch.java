package dev.santong.member.member;

import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import dev.santong.platform.kit.persistence.SqlLike;
import dev.santong.platform.kit.persistence.SqlTime;

/**
 * Active members newest first, found by part of their name, the last four digits of a phone, or the store that enrolled
 * them, a batch at a time. A position is the enrolment time and id of the last member read ({@link #keyOf}).
 */
@Component
public class MemberSearch {

    /** @param phone the first phone on record, masked the way a till shows it */
    public record Found(Members.MemberRow member, String phone) {
    }

    public record Criteria(String name, String phoneTail, String store) {
    }

    private final JdbcClient jdbc;

    MemberSearch(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public List<Found> find(Criteria criteria, Optional<String> afterKey, int count) {
        StringBuilder where = new StringBuilder(" WHERE m.status = :active");
        Map<String, Object> params = new HashMap<>();
        params.put("active", Members.ACTIVE);
        if (criteria.name() != null) {
            where.append(" AND m.display_name LIKE :name");
            params.put("name", SqlLike.containing(criteria.name()));
        }
        if (criteria.store() != null) {
            where.append(" AND m.enrolled_store = :store");
            params.put("store", criteria.store());
        }
        if (criteria.phoneTail() != null) {
            where.append(" AND EXISTS (SELECT 1 FROM member_identity i WHERE i.member_id = m.id AND i.type = :phone AND i.value_tail = :tail)");
            params.put("phone", IdentityType.PHONE.name());
            params.put("tail", criteria.phoneTail());
        }
        afterKey.ifPresent(key -> {
            int separator = key.indexOf('~');
            params.put("afterAt", SqlTime.of(Instant.parse(key.substring(0, separator))));
            params.put("afterId", key.substring(separator + 1));
            where.append(" AND (m.enrolled_at < :afterAt OR (m.enrolled_at = :afterAt AND m.id < :afterId))");
        });
        params.put("n", count);
        List<Members.MemberRow> rows = jdbc.sql("SELECT m.id, m.display_name, m.status, m.enrolled_channel, m.enrolled_store, m.enrolled_at, "
                + "m.merged_into FROM member m" + where + " ORDER BY m.enrolled_at DESC, m.id DESC LIMIT :n")
                .params(params)
                .query((rs, n) -> new Members.MemberRow(rs.getString("id"), rs.getString("display_name"), rs.getString("status"),
                        Channel.valueOf(rs.getString("enrolled_channel")), rs.getString("enrolled_store"),
                        rs.getTimestamp("enrolled_at").toInstant(), rs.getString("merged_into")))
                .list();
        Map<String, String> phones = new HashMap<>();
        if (!rows.isEmpty()) {
            jdbc.sql("SELECT member_id, value FROM member_identity WHERE type = :phone AND member_id IN (:ids) ORDER BY id")
                    .param("phone", IdentityType.PHONE.name()).param("ids", rows.stream().map(Members.MemberRow::id).toList())
                    .query(rs -> {
                        phones.putIfAbsent(rs.getString("member_id"), ContactNormaliser.maskPhone(rs.getString("value")));
                    });
        }
        return rows.stream().map(row -> new Found(row, phones.get(row.id()))).toList();
    }

    /** A found member's position in the order: microsecond enrolment time, then id. */
    public static String keyOf(Found found) {
        return found.member().enrolledAt() + "~" + found.member().id();
    }

    /** Whether a position read back from a cursor is one {@link #keyOf} could have made. */
    public static boolean isKey(String key) {
        int separator = key.indexOf('~');
        if (separator < 0 || key.length() - separator - 1 != 36) {
            return false;
        }
        try {
            Instant.parse(key.substring(0, separator));
            return true;
        } catch (java.time.format.DateTimeParseException e) {
            return false;
        }
    }
}
