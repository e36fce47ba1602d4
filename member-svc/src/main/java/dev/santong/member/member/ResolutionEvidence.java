package dev.santong.member.member;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import dev.santong.platform.kit.persistence.SqlTime;
import dev.santong.platform.kit.web.Cursor;
import dev.santong.platform.kit.web.Page;

/**
 * Why requests resolved to members, and the pairs of members one identity points to, queued for HQ review. Only
 * identity types and verification flags are kept here: the values stay on the identities, so erasing a member
 * erases them everywhere.
 */
@Component
public class ResolutionEvidence implements FreeTextAboutMembers {

    public enum Purpose { ENROLMENT, LOOKUP }

    public record Candidate(long id, String memberId, String otherMemberId, IdentityType identityType, Long holderIdentity,
            boolean claimVerified,
            boolean holderVerified, Channel channel, String storeId, Instant detectedAt, String status, String resolvedBy,
            Instant resolvedAt, String resolutionNote) {
    }

    /** One time a request resolved to the member: how, where and when; never the identity's value. */
    public record Recognition(IdentityType identityType, boolean verified, Purpose purpose, Channel channel, String storeId, Instant matchedAt) {
    }

    private static final String CANDIDATE_COLUMNS = """
            id, member_id, other_member_id, identity_type, holder_identity, claim_verified, holder_verified, channel, store_id, detected_at,
            status, resolved_by, resolved_at, resolution_note""";

    private final JdbcClient jdbc;
    private final Clock clock;

    ResolutionEvidence(JdbcClient jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    void recordMatch(String memberId, IdentityType type, boolean verified, Purpose purpose, Channel channel, String store) {
        jdbc.sql("""
                INSERT INTO identity_match (member_id, identity_type, verified, purpose, channel, store_id, matched_at)
                VALUES (:member, :type, :verified, :purpose, :channel, :store, :at)""")
                .param("member", memberId).param("type", type.name()).param("verified", verified)
                .param("purpose", purpose.name()).param("channel", channel.name()).param("store", store)
                .param("at", SqlTime.of(clock.instant()))
                .update();
    }

    /**
     * Identities the member claimed (typed online) that another member holds, still waiting for HQ: the shopper's own view
     * shows them as unverified, exactly as a typed identity nobody else holds, so it cannot reveal that someone else
     * is a member.
     */
    List<MemberView.IdentityView> pendingClaims(String memberId) {
        return jdbc.sql("""
                SELECT i.type, i.value, c.detected_at FROM duplicate_candidate c JOIN member_identity i ON i.id = c.holder_identity
                WHERE c.member_id = :m AND c.status = 'OPEN' AND c.channel = 'ONLINE' AND NOT c.claim_verified ORDER BY c.id""")
                .param("m", memberId)
                .query((rs, n) -> new MemberView.IdentityView(IdentityType.valueOf(rs.getString("type")), rs.getString("value"), false,
                        Channel.ONLINE, null, rs.getTimestamp("detected_at").toInstant()))
                .list();
    }

    /** Queues the pair once; the same pair seen again (a till retrying) keeps its first evidence. */
    void queueCandidate(String memberId, Members.IdentityRow held, boolean claimVerified, Channel channel, String store) {
        jdbc.sql("""
                INSERT INTO duplicate_candidate (member_id, other_member_id, identity_type, holder_identity, claim_verified,
                    holder_verified, channel, store_id, detected_at, status)
                VALUES (:member, :other, :type, :holderIdentity, :claimVerified, :holderVerified, :channel, :store, :at, 'OPEN')
                ON DUPLICATE KEY UPDATE detected_at = detected_at""")
                .param("member", memberId).param("other", held.memberId()).param("type", held.type().name())
                .param("holderIdentity", held.id()).param("holderVerified", held.verified())
                .param("claimVerified", claimVerified)
                .param("channel", channel.name()).param("store", store).param("at", SqlTime.of(clock.instant()))
                .update();
    }

    /** Candidates in a status, the first detected first, a page at a time; the cursor is the last one's detection and id. */
    public Page<Candidate> candidates(String status, String cursor, int limit) {
        Cursor.After after = Cursor.after(cursor);
        List<Candidate> fetched = jdbc.sql("SELECT " + CANDIDATE_COLUMNS + """
                 FROM duplicate_candidate WHERE status = :status
                AND (:afterAt IS NULL OR detected_at > :afterAt OR (detected_at = :afterAt AND id > :afterId))
                ORDER BY detected_at, id LIMIT :limit""")
                .param("status", status).param("limit", limit + 1)
                .param("afterAt", after.at()).param("afterId", after.keyAsNumber())
                .query(ResolutionEvidence::candidate).list();
        return Page.of(fetched, limit, last -> Cursor.at(last.detectedAt(), last.id()));
    }

    public Optional<String> identityValue(Long identityId) {
        if (identityId == null) {
            return Optional.empty();
        }
        return jdbc.sql("SELECT value FROM member_identity WHERE id = :id").param("id", identityId).query(String.class).optional();
    }

    public List<Candidate> candidatesOf(String memberId) {
        return jdbc.sql("SELECT " + CANDIDATE_COLUMNS + " FROM duplicate_candidate WHERE member_id = :m OR other_member_id = :m ORDER BY id")
                .param("m", memberId).query(ResolutionEvidence::candidate).list();
    }

    public Optional<Candidate> candidate(long id) {
        return jdbc.sql("SELECT " + CANDIDATE_COLUMNS + " FROM duplicate_candidate WHERE id = :id").param("id", id)
                .query(ResolutionEvidence::candidate).optional();
    }

    public List<Recognition> recognitionsOf(String memberId) {
        return jdbc.sql("""
                SELECT identity_type, verified, purpose, channel, store_id, matched_at FROM identity_match
                WHERE member_id = :m ORDER BY matched_at, id""")
                .param("m", memberId)
                .query((rs, n) -> new Recognition(IdentityType.valueOf(rs.getString("identity_type")), rs.getBoolean("verified"),
                        Purpose.valueOf(rs.getString("purpose")), Channel.valueOf(rs.getString("channel")), rs.getString("store_id"),
                        rs.getTimestamp("matched_at").toInstant()))
                .list();
    }

    /** The channels the member was recognised in, each with the last time. */
    public java.util.Map<Channel, Instant> lastRecognisedPerChannel(String memberId) {
        java.util.Map<Channel, Instant> last = new java.util.EnumMap<>(Channel.class);
        jdbc.sql("SELECT channel, MAX(matched_at) AS last_at FROM identity_match WHERE member_id = :m GROUP BY channel").param("m", memberId)
                .query((rs, n) -> last.put(Channel.valueOf(rs.getString("channel")), rs.getTimestamp("last_at").toInstant())).list();
        return last;
    }

    /** Closes every open candidate of the pair (in either direction) with the way HQ resolved it. */
    public void resolvePair(String memberId, String otherMemberId, String status, String by, String note) {
        jdbc.sql("""
                UPDATE duplicate_candidate SET status = :status, resolved_by = :by, resolved_at = :at, resolution_note = :note
                WHERE status = 'OPEN' AND ((member_id = :a AND other_member_id = :b) OR (member_id = :b AND other_member_id = :a))""")
                .param("status", status).param("by", by).param("at", SqlTime.of(clock.instant())).param("note", note)
                .param("a", memberId).param("b", otherMemberId)
                .update();
    }

    @Override
    public void scrub(java.util.Collection<String> memberIds, java.util.Collection<String> values, String replacement) {
        for (String value : values) {
            jdbc.sql("""
                    UPDATE duplicate_candidate SET resolution_note = REPLACE(resolution_note, :v, :x)
                    WHERE member_id IN (:ids) OR other_member_id IN (:ids)""")
                    .param("v", value).param("x", replacement).param("ids", memberIds).update();
        }
    }

    private static Candidate candidate(java.sql.ResultSet rs, int n) throws java.sql.SQLException {
        Timestamp resolvedAt = rs.getTimestamp("resolved_at");
        return new Candidate(rs.getLong("id"), rs.getString("member_id"), rs.getString("other_member_id"),
                IdentityType.valueOf(rs.getString("identity_type")), (Long) rs.getObject("holder_identity", Long.class),
                rs.getBoolean("claim_verified"),
                rs.getBoolean("holder_verified"), Channel.valueOf(rs.getString("channel")), rs.getString("store_id"),
                rs.getTimestamp("detected_at").toInstant(), rs.getString("status"), rs.getString("resolved_by"),
                resolvedAt == null ? null : resolvedAt.toInstant(), rs.getString("resolution_note"));
    }
}
