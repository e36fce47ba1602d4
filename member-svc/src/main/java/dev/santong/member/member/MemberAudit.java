package dev.santong.member.member;

import java.sql.Timestamp;
import java.time.Clock;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import dev.santong.platform.kit.persistence.SqlTime;
import dev.santong.platform.kit.security.CallerIdentity;
import dev.santong.platform.kit.web.Cursor;
import dev.santong.platform.kit.web.Page;

/** The audit trail of a member: who did what, when, why. Ids, roles and reasons only, never personal data. */
@Component
public class MemberAudit implements FreeTextAboutMembers {

    @io.swagger.v3.oas.annotations.media.Schema(name = "AuditEntry", example = """
            {"id": 5120, "memberId": "01a20bc5-f360-7b8a-b1b7-947ef07e36c8", "otherMemberId": "01a24cb0-69ec-78d9-847d-3ead14d1eab5", \
            "action": "MERGED", "actor": "hq-admin", "actorRoles": "hq-admin", "reason": "same phone confirmed by the member at store 9", \
            "at": "2026-11-22T03:00:00Z"}""")
    public record Entry(long id, String memberId, String otherMemberId, String action, String actor, String actorRoles,
            String reason, java.time.Instant at) {
    }

    private final JdbcClient jdbc;
    private final Clock clock;

    MemberAudit(JdbcClient jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    public void record(String memberId, String otherMemberId, String action, CallerIdentity actor, String reason) {
        jdbc.sql("""
                INSERT INTO member_audit (member_id, other_member_id, action, actor, actor_roles, reason, at)
                VALUES (:member, :other, :action, :actor, :roles, :reason, :at)""")
                .param("member", memberId).param("other", otherMemberId).param("action", action)
                .param("actor", actor.subject())
                .param("roles", actor.roles().stream().sorted().collect(Collectors.joining(",")))
                .param("reason", reason).param("at", SqlTime.of(clock.instant()))
                .update();
    }

    public List<Entry> of(String memberId) {
        return of(memberId, Optional.empty(), Integer.MAX_VALUE);
    }

    /** The member's trail, oldest first (the id follows the time written), a page at a time. */
    public Page<Entry> of(String memberId, String cursor, int limit) {
        Optional<Long> after = Cursor.parse(cursor, 1).map(position -> Cursor.number(position.key(0)));
        return Page.of(of(memberId, after, limit + 1), limit, last -> Cursor.of(Long.toString(last.id())));
    }

    private List<Entry> of(String memberId, Optional<Long> afterId, int limit) {
        return jdbc.sql("""
                SELECT id, member_id, other_member_id, action, actor, actor_roles, reason, at FROM member_audit
                WHERE member_id = :member AND (:after IS NULL OR id > :after) ORDER BY id LIMIT :n""")
                .param("member", memberId).param("after", afterId.orElse(null)).param("n", limit)
                .query((rs, n) -> new Entry(rs.getLong("id"), rs.getString("member_id"), rs.getString("other_member_id"), rs.getString("action"),
                        rs.getString("actor"), rs.getString("actor_roles"), rs.getString("reason"), rs.getTimestamp("at").toInstant()))
                .list();
    }

    @Override
    public void scrub(Collection<String> memberIds, Collection<String> values, String replacement) {
        for (String value : values) {
            jdbc.sql("UPDATE member_audit SET reason = REPLACE(reason, :v, :x) WHERE member_id IN (:ids) OR other_member_id IN (:ids)")
                    .param("v", value).param("x", replacement).param("ids", memberIds).update();
        }
    }

    /** An erased shopper's own account ids, where they acted for themselves, become {@code replacement}. */
    public void forgetActors(Collection<String> accounts, String replacement) {
        if (!accounts.isEmpty()) {
            jdbc.sql("UPDATE member_audit SET actor = :erased WHERE actor IN (:accounts)")
                    .param("erased", replacement).param("accounts", accounts).update();
        }
    }
}
