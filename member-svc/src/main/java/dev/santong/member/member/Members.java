package dev.santong.member.member;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Rows of member and member_identity. */
@Repository
class Members {

    record MemberRow(String id, String displayName, String status, Channel enrolledChannel, String enrolledStore, Instant enrolledAt) {
    }

    record IdentityRow(String memberId, IdentityType type, String value, boolean verified, Channel sourceChannel,
            String sourceStore, Instant firstSeenAt) {
    }

    private final JdbcClient jdbc;

    Members(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    void insertMember(MemberRow member) {
        jdbc.sql("""
                INSERT INTO member (id, display_name, status, enrolled_channel, enrolled_store, enrolled_at)
                VALUES (:id, :displayName, :status, :channel, :store, :at)""")
                .param("id", member.id()).param("displayName", member.displayName()).param("status", member.status())
                .param("channel", member.enrolledChannel().name()).param("store", member.enrolledStore())
                .param("at", Timestamp.from(member.enrolledAt()))
                .update();
    }

    void insertIdentity(IdentityRow identity) {
        jdbc.sql("""
                INSERT INTO member_identity (member_id, type, value, verified, source_channel, source_store, first_seen_at)
                VALUES (:memberId, :type, :value, :verified, :channel, :store, :at)""")
                .param("memberId", identity.memberId()).param("type", identity.type().name()).param("value", identity.value())
                .param("verified", identity.verified()).param("channel", identity.sourceChannel().name())
                .param("store", identity.sourceStore()).param("at", Timestamp.from(identity.firstSeenAt()))
                .update();
    }

    Optional<MemberRow> findMember(String id) {
        return jdbc.sql("SELECT id, display_name, status, enrolled_channel, enrolled_store, enrolled_at FROM member WHERE id = :id")
                .param("id", id)
                .query((rs, n) -> new MemberRow(rs.getString("id"), rs.getString("display_name"), rs.getString("status"),
                        Channel.valueOf(rs.getString("enrolled_channel")), rs.getString("enrolled_store"),
                        rs.getTimestamp("enrolled_at").toInstant()))
                .optional();
    }

    List<IdentityRow> identitiesOf(String memberId) {
        return jdbc.sql("""
                SELECT member_id, type, value, verified, source_channel, source_store, first_seen_at
                FROM member_identity WHERE member_id = :memberId ORDER BY first_seen_at, id""")
                .param("memberId", memberId)
                .query(Members::identity)
                .list();
    }

    Optional<IdentityRow> findIdentity(IdentityType type, String value) {
        return jdbc.sql("""
                SELECT member_id, type, value, verified, source_channel, source_store, first_seen_at
                FROM member_identity WHERE type = :type AND value = :value""")
                .param("type", type.name()).param("value", value)
                .query(Members::identity)
                .optional();
    }

    private static IdentityRow identity(java.sql.ResultSet rs, int row) throws java.sql.SQLException {
        return new IdentityRow(rs.getString("member_id"), IdentityType.valueOf(rs.getString("type")), rs.getString("value"),
                rs.getBoolean("verified"), Channel.valueOf(rs.getString("source_channel")), rs.getString("source_store"),
                rs.getTimestamp("first_seen_at").toInstant());
    }
}
