package dev.santong.member.member;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import dev.santong.platform.kit.persistence.SqlTime;
import dev.santong.platform.kit.problem.ResourceNotFoundException;

/** Rows of member and member_identity, and how an id (also an old, merged one) resolves to a live member. */
@Repository
public class Members {

    public static final String ACTIVE = "ACTIVE";
    public static final String MERGED = "MERGED";
    public static final String ERASED = "ERASED";

    /** Longer chains than this would mean a cycle: merges only ever point at live members. */
    private static final int MAX_MERGE_HOPS = 16;

    public record MemberRow(String id, String displayName, String status, Channel enrolledChannel, String enrolledStore,
            Instant enrolledAt, String mergedInto) {
    }

    public record IdentityRow(long id, String memberId, String originMemberId, IdentityType type, String value,
            boolean verified, Channel sourceChannel, String sourceStore, Instant firstSeenAt) {
    }

    private static final String MEMBER_COLUMNS = "id, display_name, status, enrolled_channel, enrolled_store, enrolled_at, merged_into";
    private static final String IDENTITY_COLUMNS =
            "id, member_id, origin_member_id, type, value, verified, source_channel, source_store, first_seen_at";

    private final JdbcClient jdbc;

    Members(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    void insertMember(MemberRow member) {
        jdbc.sql("""
                INSERT INTO member (id, display_name, status, enrolled_channel, enrolled_store, enrolled_at, updated_at)
                VALUES (:id, :displayName, :status, :channel, :store, :at, :at)""")
                .param("id", member.id()).param("displayName", member.displayName()).param("status", member.status())
                .param("channel", member.enrolledChannel().name()).param("store", member.enrolledStore())
                .param("at", SqlTime.of(member.enrolledAt()))
                .update();
    }

    void insertIdentity(String memberId, String originMemberId, IdentityClaim claim, Channel channel, String store, Instant at) {
        jdbc.sql("""
                INSERT INTO member_identity (member_id, origin_member_id, type, value, verified, source_channel, source_store, first_seen_at)
                VALUES (:memberId, :origin, :type, :value, :verified, :channel, :store, :at)""")
                .param("memberId", memberId).param("origin", originMemberId).param("type", claim.type().name())
                .param("value", claim.value()).param("verified", claim.verified()).param("channel", channel.name())
                .param("store", store).param("at", SqlTime.of(at))
                .update();
    }

    void markVerified(long identityId) {
        jdbc.sql("UPDATE member_identity SET verified = TRUE WHERE id = :id").param("id", identityId).update();
    }

    /** Every active member, in id order. */
    public List<MemberRow> active() {
        return jdbc.sql("SELECT " + MEMBER_COLUMNS + " FROM member WHERE status = :s ORDER BY id").param("s", ACTIVE)
                .query(Members::member).list();
    }

    public Optional<MemberRow> findMember(String id) {
        return jdbc.sql("SELECT " + MEMBER_COLUMNS + " FROM member WHERE id = :id").param("id", id)
                .query(Members::member).optional();
    }

    /** Locks the row for the rest of the transaction (merges, profile changes, erasure). */
    public Optional<MemberRow> lockMember(String id) {
        return jdbc.sql("SELECT " + MEMBER_COLUMNS + " FROM member WHERE id = :id FOR UPDATE").param("id", id)
                .query(Members::member).optional();
    }

    /**
     * The live member an id stands for, share-locked with every member on the way for the rest of the transaction: a
     * merge (which locks both members exclusively) waits until this transaction ends, so whatever it writes for the
     * member is where the merge will find and move it. Empty when the id is unknown.
     */
    public Optional<MemberRow> lockLive(String id) {
        String current = id;
        for (int hop = 0; hop < MAX_MERGE_HOPS; hop++) {
            Optional<MemberRow> row = jdbc.sql("SELECT " + MEMBER_COLUMNS + " FROM member WHERE id = :id LOCK IN SHARE MODE").param("id", current)
                    .query(Members::member).optional();
            if (row.isEmpty() || !MERGED.equals(row.get().status()) || row.get().mergedInto() == null) {
                return row;
            }
            current = row.get().mergedInto();
        }
        throw new IllegalStateException("merge chain of member " + id + " is longer than " + MAX_MERGE_HOPS);
    }

    /** The live member an id stands for today: itself, or the survivor of the merges it went through. */
    public MemberRow resolve(String id) {
        String current = id;
        for (int hop = 0; hop < MAX_MERGE_HOPS; hop++) {
            String lookup = current;
            MemberRow row = findMember(lookup).orElseThrow(() -> new ResourceNotFoundException("member", id));
            if (!MERGED.equals(row.status()) || row.mergedInto() == null) {
                return row;
            }
            current = row.mergedInto();
        }
        throw new IllegalStateException("merge chain of member " + id + " is longer than " + MAX_MERGE_HOPS);
    }

    /** The ids of every member merged, directly or through others, into this one: old links and receipts. */
    public List<String> predecessors(String memberId) {
        List<String> found = new java.util.ArrayList<>();
        List<String> frontier = List.of(memberId);
        while (!frontier.isEmpty()) {
            frontier = jdbc.sql("SELECT id FROM member WHERE merged_into IN (:ids) AND status = :merged")
                    .param("ids", frontier).param("merged", MERGED).query(String.class).list();
            found.addAll(frontier);
        }
        return found;
    }

    public void markMerged(String mergedId, String survivorId, Instant at) {
        jdbc.sql("UPDATE member SET status = :status, merged_into = :survivor, updated_at = :at WHERE id = :merged")
                .param("status", MERGED).param("survivor", survivorId).param("at", SqlTime.of(at)).param("merged", mergedId).update();
    }

    public void markUnmerged(String mergedId, Instant at) {
        jdbc.sql("UPDATE member SET status = :status, merged_into = NULL, updated_at = :at WHERE id = :merged")
                .param("status", ACTIVE).param("at", SqlTime.of(at)).param("merged", mergedId).update();
    }

    /**
     * The erasure of a member and the ids merged into it: names gone, the time kept; the member itself becomes ERASED,
     * the merged ids stay pointers to it.
     */
    public void markErased(String memberId, List<String> family, Instant at) {
        for (String id : family) {
            jdbc.sql("UPDATE member SET display_name = NULL, erased_at = :at, updated_at = :at WHERE id = :id")
                    .param("at", SqlTime.of(at)).param("id", id).update();
        }
        jdbc.sql("UPDATE member SET status = :status WHERE id = :id").param("status", ERASED).param("id", memberId).update();
    }

    public Optional<Instant> erasedAt(String memberId) {
        return jdbc.sql("SELECT erased_at FROM member WHERE id = :id").param("id", memberId)
                .query((rs, n) -> rs.getTimestamp(1) == null ? null : rs.getTimestamp(1).toInstant()).optional();
    }

    public List<IdentityRow> identitiesOf(String memberId) {
        return jdbc.sql("SELECT " + IDENTITY_COLUMNS + " FROM member_identity WHERE member_id = :memberId ORDER BY first_seen_at, id")
                .param("memberId", memberId)
                .query(Members::identity)
                .list();
    }

    public Optional<IdentityRow> findIdentity(IdentityType type, String value) {
        return jdbc.sql("SELECT " + IDENTITY_COLUMNS + " FROM member_identity WHERE type = :type AND value = :value")
                .param("type", type.name()).param("value", value)
                .query(Members::identity)
                .optional();
    }

    private static MemberRow member(ResultSet rs, int row) throws SQLException {
        return new MemberRow(rs.getString("id"), rs.getString("display_name"), rs.getString("status"),
                Channel.valueOf(rs.getString("enrolled_channel")), rs.getString("enrolled_store"),
                rs.getTimestamp("enrolled_at").toInstant(), rs.getString("merged_into"));
    }

    private static IdentityRow identity(ResultSet rs, int row) throws SQLException {
        return new IdentityRow(rs.getLong("id"), rs.getString("member_id"), rs.getString("origin_member_id"),
                IdentityType.valueOf(rs.getString("type")), rs.getString("value"), rs.getBoolean("verified"),
                Channel.valueOf(rs.getString("source_channel")), rs.getString("source_store"),
                rs.getTimestamp("first_seen_at").toInstant());
    }
}
