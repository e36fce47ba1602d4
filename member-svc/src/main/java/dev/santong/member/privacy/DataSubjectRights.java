package dev.santong.member.privacy;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

import dev.santong.member.member.ContactNormaliser;
import dev.santong.member.member.IdentityType;
import dev.santong.member.member.MemberAudit;
import dev.santong.member.member.MemberPart;
import dev.santong.member.member.Members;
import dev.santong.member.member.Members.MemberRow;
import dev.santong.platform.kit.idempotency.IdempotencyRecords;
import dev.santong.platform.kit.persistence.SqlTime;
import dev.santong.platform.kit.security.CallerIdentity;

/**
 * Data-subject rights (PIPL, GDPR): an export of everything member-svc holds on a member, and an erasure that
 * removes the personal data (identities, names, the member's own account id wherever it was recorded) while ids,
 * consent proof, ledgers and the audit trail stay, so balances still add up and who-did-what stays answerable.
 * Every {@link MemberPart} contributes to both, so a new part (points, vouchers) is covered by adding it.
 */
@Component
public class DataSubjectRights {

    public static final int EXPORT_FORMAT = 1;
    static final String ERASED_ACTOR = "erased-member";
    private static final String ERASED_TEXT = "[erased]";

    private final List<MemberPart> parts;
    private final Members members;
    private final MemberAudit audit;
    private final JdbcClient jdbc;
    private final TransactionTemplate transactions;
    private final Clock clock;
    private final ErasureRelay relay;

    private final ObjectProvider<IdempotencyRecords> keptAnswers;

    DataSubjectRights(List<MemberPart> parts, Members members, MemberAudit audit, JdbcClient jdbc, TransactionTemplate transactions,
            Clock clock, ErasureRelay relay, ObjectProvider<IdempotencyRecords> keptAnswers) {
        this.relay = relay;
        this.keptAnswers = keptAnswers;
        this.parts = parts;
        this.members = members;
        this.audit = audit;
        this.jdbc = jdbc;
        this.transactions = transactions;
        this.clock = clock;
    }

    public Map<String, Object> export(MemberRow member, CallerIdentity caller) {
        return transactions.execute(status -> {
            Map<String, Object> export = new LinkedHashMap<>();
            export.put("format", EXPORT_FORMAT);
            export.put("exportedAt", clock.instant());
            export.put("service", "member-svc");
            Map<String, Object> profile = new LinkedHashMap<>();
            profile.put("id", member.id());
            profile.put("displayName", member.displayName());
            profile.put("status", member.status());
            profile.put("enrolledChannel", member.enrolledChannel());
            profile.put("enrolledStore", member.enrolledStore());
            profile.put("enrolledAt", member.enrolledAt());
            export.put("member", profile);
            export.put("formerMemberIds", predecessors(member.id()));
            Map<String, Object> parted = new LinkedHashMap<>();
            parts.forEach(part -> parted.put(part.name(), part.export(member.id())));
            export.put("parts", parted);
            export.put("recognitions", rows("""
                    SELECT identity_type, verified, purpose, channel, store_id, matched_at FROM identity_match
                    WHERE member_id = :m ORDER BY matched_at""", member.id()));
            export.put("merges", rows("""
                    SELECT id, survivor_id, merged_id, automatic, reason, merged_at, status, unmerged_at FROM member_merge
                    WHERE survivor_id = :m OR merged_id = :m ORDER BY merged_at""", member.id()));
            audit.record(member.id(), null, "EXPORTED", caller, null);
            export.put("audit", audit.of(member.id()));
            return export;
        });
    }

    /** Rows as plain maps, times as UTC instants like everywhere else on the wire. */
    private List<Map<String, Object>> rows(String sql, String memberId) {
        return jdbc.sql(sql).param("m", memberId).query().listOfRows().stream().map(row -> {
            Map<String, Object> copy = new LinkedHashMap<>();
            row.forEach((column, value) -> copy.put(column.toLowerCase(java.util.Locale.ROOT),
                    value instanceof Timestamp timestamp ? timestamp.toInstant() : value));
            return copy;
        }).toList();
    }

    /** Idempotent: erasing an erased member changes nothing and answers the same. */
    public Instant erase(String memberId, String reason, CallerIdentity caller) {
        return transactions.execute(status -> {
            MemberRow member = members.lockMember(memberId).orElseThrow();
            if (Members.ERASED.equals(member.status())) {
                return jdbc.sql("SELECT erased_at FROM member WHERE id = :id").param("id", memberId).query(Timestamp.class).single().toInstant();
            }
            List<String> family = new ArrayList<>(predecessors(memberId));
            family.add(memberId);
            Set<String> personalValues = new LinkedHashSet<>();
            Set<String> accounts = new LinkedHashSet<>();
            for (String id : family) {
                members.identitiesOf(id).forEach(identity -> {
                    personalValues.addAll(identity.type() == IdentityType.PHONE
                            ? ContactNormaliser.spellings(identity.value()) : Set.of(identity.value()));
                    if (identity.type() == IdentityType.ONLINE_ACCOUNT) {
                        accounts.add(identity.value());
                    }
                });
                members.findMember(id).map(MemberRow::displayName).filter(name -> name != null && !name.isBlank()).ifPresent(name -> {
                    personalValues.add(name);
                    // A name may be quoted in part ("Ms Zhang"): each word of it goes too.
                    java.util.Arrays.stream(name.split("\\s+")).filter(word -> word.length() >= 2).forEach(personalValues::add);
                });
            }
            parts.forEach(part -> part.erase(memberId));
            Instant now = clock.instant();
            for (String id : family) {
                jdbc.sql("UPDATE member SET display_name = NULL, erased_at = :at, updated_at = :at WHERE id = :id")
                        .param("at", SqlTime.of(now)).param("id", id).update();
            }
            jdbc.sql("UPDATE member SET status = :status WHERE id = :id").param("status", Members.ERASED).param("id", memberId).update();
            scrubFreeText(family, personalValues);
            // An enrolment or earn answered under an Idempotency-Key is kept for replay and may carry the member's data.
            keptAnswers.ifAvailable(answers -> family.forEach(answers::forgetAnswersMentioning));
            // Committed with the erasure: the services that keep data about the member hear of it even if they are down now.
            relay.plan(memberId, family, personalValues);
            if (!accounts.isEmpty()) {
                jdbc.sql("UPDATE member_audit SET actor = :erased WHERE actor IN (:accounts)")
                        .param("erased", ERASED_ACTOR).param("accounts", accounts).update();
            }
            audit.record(memberId, null, "ERASED", caller.isShopper() ? selfActor(caller) : caller, reason);
            return now;
        });
    }

    /** Staff may have typed a phone or name into a reason; the member's own values are cut out of every such text. */
    private void scrubFreeText(List<String> family, Set<String> values) {
        for (String value : values) {
            jdbc.sql("UPDATE member_audit SET reason = REPLACE(reason, :v, :x) WHERE member_id IN (:ids) OR other_member_id IN (:ids)")
                    .param("v", value).param("x", ERASED_TEXT).param("ids", family).update();
            jdbc.sql("""
                    UPDATE member_merge SET reason = REPLACE(reason, :v, :x), unmerge_reason = REPLACE(unmerge_reason, :v, :x)
                    WHERE survivor_id IN (:ids) OR merged_id IN (:ids)""")
                    .param("v", value).param("x", ERASED_TEXT).param("ids", family).update();
            jdbc.sql("""
                    UPDATE duplicate_candidate SET resolution_note = REPLACE(resolution_note, :v, :x)
                    WHERE member_id IN (:ids) OR other_member_id IN (:ids)""")
                    .param("v", value).param("x", ERASED_TEXT).param("ids", family).update();
        }
    }

    /** The ids of every member merged, directly or through others, into this one: old links and receipts. */
    private List<String> predecessors(String memberId) {
        List<String> found = new ArrayList<>();
        List<String> frontier = List.of(memberId);
        while (!frontier.isEmpty()) {
            frontier = jdbc.sql("SELECT id FROM member WHERE merged_into IN (:ids) AND status = :merged")
                    .param("ids", frontier).param("merged", Members.MERGED).query(String.class).list();
            found.addAll(frontier);
        }
        return found;
    }

    private static CallerIdentity selfActor(CallerIdentity caller) {
        return new CallerIdentity(ERASED_ACTOR, caller.roles(), caller.storeId(), Map.of());
    }
}
