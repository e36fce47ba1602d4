package dev.santong.member.merge;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.jdbc.support.KeyHolder;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

import dev.santong.member.member.FreeTextAboutMembers;
import dev.santong.member.member.MemberAudit;
import dev.santong.member.member.MemberPart;
import dev.santong.member.member.MemberPart.MergeContext;
import dev.santong.member.member.Members;
import dev.santong.member.member.Members.MemberRow;
import dev.santong.member.member.ResolutionEvidence;
import dev.santong.platform.kit.persistence.ConcurrentWriteRetry;
import dev.santong.platform.kit.persistence.SqlTime;
import dev.santong.platform.kit.problem.ConflictException;
import dev.santong.platform.kit.problem.InvalidRequestException;
import dev.santong.platform.kit.problem.ResourceNotFoundException;
import dev.santong.platform.kit.security.CallerIdentity;

import io.swagger.v3.oas.annotations.media.Schema;

/**
 * Merges one member into another and undoes it. The survivor gets everything every {@link MemberPart} holds; the
 * merged member stays as a pointer, so its id keeps resolving to the survivor. An unmerge gives each part back,
 * including what was written since through the merged member's old id. Both are audited on both members.
 */
@Component
public class MemberMerge implements FreeTextAboutMembers {

    @Schema(example = """
            {"id": 58, "survivorId": "01a20bc5-f360-7b8a-b1b7-947ef07e36c8", "mergedId": "01a20c11-2b7e-7c4d-8e0f-5a61d2e9b303", \
            "automatic": false, "reason": "same phone confirmed by the member at store 9", "mergedBy": "hq-admin", \
            "mergedAt": "2026-11-22T03:00:00Z", "status": "ACTIVE", "unmergedBy": null, "unmergedAt": null, "unmergeReason": null}""")
    public record MergeView(long id, String survivorId, String mergedId, boolean automatic, String reason, String mergedBy,
            Instant mergedAt, String status, String unmergedBy, Instant unmergedAt, String unmergeReason) {
    }

    @Schema(example = """
            {"survivorId": "01a20bc5-f360-7b8a-b1b7-947ef07e36c8", "mergedId": "01a24cb0-69ec-78d9-847d-3ead14d1eab5", "parts": {\
            "identities": {"moving": ["LOYALTY_CARD"], "survivorKeeps": 3}, "consents": {"movingEvents": 0, \
            "inForceAfterMerge": {"PERSONALISED_OFFERS/*": "GIVEN"}}, "tags": {"after": ["VIP"]}, "points": {"survivorBalance": 2388, \
            "mergedBalance": 59, "balanceAfterMerge": 2447, "movingEntries": 1}, "tier": {"survivorTier": "SILVER", "mergedTier": "MEMBER", \
            "tierAfterMerge": "SILVER"}, "vouchers": {"moving": ["birthday-2026"]}}, "blockers": []}""")
    public record Preview(String survivorId, String mergedId, Map<String, Object> parts, List<String> blockers) {
    }

    private static final String COLUMNS = """
            id, survivor_id, merged_id, automatic, reason, merged_by, merged_at, status, unmerged_by, unmerged_at, unmerge_reason""";

    private final List<MemberPart> parts;
    private final Members members;
    private final MemberAudit audit;
    private final ResolutionEvidence evidence;
    private final JdbcClient jdbc;
    private final TransactionTemplate transactions;
    private final Clock clock;

    MemberMerge(List<MemberPart> parts, Members members, MemberAudit audit, ResolutionEvidence evidence, JdbcClient jdbc,
            TransactionTemplate transactions, Clock clock) {
        this.parts = parts;
        this.members = members;
        this.audit = audit;
        this.evidence = evidence;
        this.jdbc = jdbc;
        this.transactions = transactions;
        this.clock = clock;
    }

    public Preview preview(String survivorId, String mergedId) {
        MemberRow survivor = members.findMember(survivorId).orElseThrow(() -> new ResourceNotFoundException("member", survivorId));
        MemberRow merged = members.findMember(mergedId).orElseThrow(() -> new ResourceNotFoundException("member", mergedId));
        Map<String, Object> previews = new LinkedHashMap<>();
        parts.forEach(part -> previews.put(part.name(), part.preview(survivor.id(), merged.id())));
        return new Preview(survivor.id(), merged.id(), previews, blockers(survivor, merged));
    }

    public MergeView merge(String survivorId, String mergedId, String reason, boolean automatic, CallerIdentity actor) {
        if (survivorId.equals(mergedId)) {
            throw new InvalidRequestException("mergedMemberId", "must be another member than the survivor");
        }
        return ConcurrentWriteRetry.inTransaction(transactions, 3, status -> {
            // Lock in id order: two merges of the same pair in opposite directions cannot deadlock.
            List<String> order = survivorId.compareTo(mergedId) < 0 ? List.of(survivorId, mergedId) : List.of(mergedId, survivorId);
            order.forEach(id -> members.lockMember(id).orElseThrow(() -> new ResourceNotFoundException("member", id)));
            MemberRow survivor = members.findMember(survivorId).orElseThrow();
            MemberRow merged = members.findMember(mergedId).orElseThrow();
            List<String> blockers = blockers(survivor, merged);
            if (!blockers.isEmpty()) {
                throw new ConflictException("merge-not-possible", String.join("; ", blockers));
            }
            Instant now = clock.instant();
            KeyHolder key = new GeneratedKeyHolder();
            jdbc.sql("""
                    INSERT INTO member_merge (survivor_id, merged_id, automatic, reason, merged_by, merged_at, status)
                    VALUES (:survivor, :merged, :automatic, :reason, :by, :at, 'ACTIVE')""")
                    .param("survivor", survivorId).param("merged", mergedId).param("automatic", automatic)
                    .param("reason", reason).param("by", actor.subject()).param("at", SqlTime.of(now))
                    .update(key);
            long mergeId = key.getKey().longValue();
            MergeContext context = new MergeContext(mergeId, survivorId, mergedId, now, actor.subject());
            parts.forEach(part -> part.merge(context));
            members.markMerged(mergedId, survivorId, now);
            evidence.resolvePair(survivorId, mergedId, "MERGED", actor.subject(), reason);
            audit.record(mergedId, survivorId, "MERGED_INTO", actor, reason);
            audit.record(survivorId, mergedId, "MERGED_FROM", actor, reason);
            return find(mergeId);
        });
    }

    public MergeView unmerge(long mergeId, String reason, CallerIdentity actor) {
        return ConcurrentWriteRetry.inTransaction(transactions, 3, status -> {
            MergeView merge = find(mergeId);
            List<String> order = merge.survivorId().compareTo(merge.mergedId()) < 0
                    ? List.of(merge.survivorId(), merge.mergedId()) : List.of(merge.mergedId(), merge.survivorId());
            order.forEach(id -> members.lockMember(id).orElseThrow());
            merge = find(mergeId);
            if (!"ACTIVE".equals(merge.status())) {
                throw new ConflictException("merge-already-undone", "Merge " + mergeId + " was already undone");
            }
            MemberRow survivor = members.findMember(merge.survivorId()).orElseThrow();
            if (!Members.ACTIVE.equals(survivor.status())) {
                throw new ConflictException("unmerge-later-merge-first",
                        "The survivor was itself " + survivor.status().toLowerCase() + " since; undo that first");
            }
            Instant now = clock.instant();
            MergeContext context = new MergeContext(mergeId, merge.survivorId(), merge.mergedId(), now, actor.subject());
            // Parts run in their order both ways: later parts (the tier) re-qualify on what earlier ones (points) moved.
            parts.forEach(part -> part.unmerge(context));
            members.markUnmerged(merge.mergedId(), now);
            jdbc.sql("""
                    UPDATE member_merge SET status = 'UNDONE', unmerged_by = :by, unmerged_at = :at, unmerge_reason = :reason
                    WHERE id = :id""")
                    .param("by", actor.subject()).param("at", SqlTime.of(now)).param("reason", reason).param("id", mergeId)
                    .update();
            audit.record(merge.mergedId(), merge.survivorId(), "UNMERGED", actor, reason);
            audit.record(merge.survivorId(), merge.mergedId(), "UNMERGED", actor, reason);
            return find(mergeId);
        });
    }

    public MergeView find(long mergeId) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM member_merge WHERE id = :id").param("id", mergeId)
                .query(MemberMerge::view).optional().orElseThrow(() -> new ResourceNotFoundException("merge", mergeId));
    }

    @Override
    public void scrub(java.util.Collection<String> memberIds, java.util.Collection<String> values, String replacement) {
        for (String value : values) {
            jdbc.sql("""
                    UPDATE member_merge SET reason = REPLACE(reason, :v, :x), unmerge_reason = REPLACE(unmerge_reason, :v, :x)
                    WHERE survivor_id IN (:ids) OR merged_id IN (:ids)""")
                    .param("v", value).param("x", replacement).param("ids", memberIds).update();
        }
    }

    public List<MergeView> ofMember(String memberId) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM member_merge WHERE survivor_id = :m OR merged_id = :m ORDER BY merged_at, id")
                .param("m", memberId).query(MemberMerge::view).list();
    }

    private static List<String> blockers(MemberRow survivor, MemberRow merged) {
        List<String> blockers = new ArrayList<>();
        if (!Members.ACTIVE.equals(survivor.status())) {
            blockers.add("survivor " + survivor.id() + " is " + survivor.status().toLowerCase());
        }
        if (!Members.ACTIVE.equals(merged.status())) {
            blockers.add("member " + merged.id() + " is " + merged.status().toLowerCase());
        }
        return blockers;
    }

    private static MergeView view(ResultSet rs, int n) throws SQLException {
        Timestamp unmergedAt = rs.getTimestamp("unmerged_at");
        return new MergeView(rs.getLong("id"), rs.getString("survivor_id"), rs.getString("merged_id"), rs.getBoolean("automatic"),
                rs.getString("reason"), rs.getString("merged_by"), rs.getTimestamp("merged_at").toInstant(), rs.getString("status"),
                rs.getString("unmerged_by"), unmergedAt == null ? null : unmergedAt.toInstant(), rs.getString("unmerge_reason"));
    }
}
