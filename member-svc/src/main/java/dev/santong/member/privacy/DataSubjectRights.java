package dev.santong.member.privacy;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

import dev.santong.member.member.ContactNormaliser;
import dev.santong.member.member.FreeTextAboutMembers;
import dev.santong.member.member.IdentityType;
import dev.santong.member.member.MemberAudit;
import dev.santong.member.member.MemberPart;
import dev.santong.member.member.Members;
import dev.santong.member.member.Members.MemberRow;
import dev.santong.member.member.ResolutionEvidence;
import dev.santong.member.merge.MemberMerge;
import dev.santong.platform.kit.idempotency.IdempotencyRecords;
import dev.santong.platform.kit.security.CallerIdentity;

/**
 * Data-subject rights (PIPL, GDPR): an export of everything member-svc holds on a member, and an erasure that
 * removes the personal data (identities, names, the member's own account id wherever it was recorded) while ids,
 * consent proof, ledgers and the audit trail stay, so balances still add up and who-did-what stays answerable.
 * Every {@link MemberPart} contributes to both, so a new part (points, vouchers) is covered by adding it.
 */
@Component
class DataSubjectRights {

    public static final int EXPORT_FORMAT = 1;
    static final String ERASED_ACTOR = "erased-member";
    private static final String ERASED_TEXT = "[erased]";

    private final List<MemberPart> parts;
    private final Members members;
    private final MemberAudit audit;
    private final ResolutionEvidence evidence;
    private final MemberMerge merges;
    private final List<FreeTextAboutMembers> freeText;
    private final TransactionTemplate transactions;
    private final Clock clock;
    private final ErasureRelay relay;

    private final ObjectProvider<IdempotencyRecords> keptAnswers;

    DataSubjectRights(List<MemberPart> parts, Members members, MemberAudit audit, ResolutionEvidence evidence, MemberMerge merges,
            List<FreeTextAboutMembers> freeText, TransactionTemplate transactions, Clock clock, ErasureRelay relay,
            ObjectProvider<IdempotencyRecords> keptAnswers) {
        this.relay = relay;
        this.keptAnswers = keptAnswers;
        this.parts = parts;
        this.members = members;
        this.audit = audit;
        this.evidence = evidence;
        this.merges = merges;
        this.freeText = freeText;
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
            export.put("formerMemberIds", members.predecessors(member.id()));
            Map<String, Object> parted = new LinkedHashMap<>();
            parts.forEach(part -> parted.put(part.name(), part.export(member.id())));
            export.put("parts", parted);
            // Export format 1 names these fields in snake case; who at HQ merged or unmerged stays out of it.
            export.put("recognitions", evidence.recognitionsOf(member.id()).stream().map(seen -> fields(
                    "identity_type", seen.identityType().name(), "verified", seen.verified(), "purpose", seen.purpose().name(),
                    "channel", seen.channel().name(), "store_id", seen.storeId(), "matched_at", seen.matchedAt())).toList());
            export.put("merges", merges.ofMember(member.id()).stream().map(merge -> fields(
                    "id", merge.id(), "survivor_id", merge.survivorId(), "merged_id", merge.mergedId(), "automatic", merge.automatic(),
                    "reason", merge.reason(), "merged_at", merge.mergedAt(), "status", merge.status(), "unmerged_at", merge.unmergedAt()))
                    .toList());
            audit.record(member.id(), null, "EXPORTED", caller, null);
            export.put("audit", audit.of(member.id()));
            return export;
        });
    }

    private static Map<String, Object> fields(Object... namesAndValues) {
        Map<String, Object> fields = new LinkedHashMap<>();
        for (int i = 0; i < namesAndValues.length; i += 2) {
            fields.put((String) namesAndValues[i], namesAndValues[i + 1]);
        }
        return fields;
    }

    /** Idempotent: erasing an erased member changes nothing and answers the same. */
    public Instant erase(String memberId, String reason, CallerIdentity caller) {
        return transactions.execute(status -> {
            MemberRow member = members.lockMember(memberId).orElseThrow();
            if (Members.ERASED.equals(member.status())) {
                return members.erasedAt(memberId).orElseThrow();
            }
            List<String> family = new ArrayList<>(members.predecessors(memberId));
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
            members.markErased(memberId, family, now);
            // Staff may have typed a phone or name into a reason or note: each owner cuts the member's values out.
            freeText.forEach(text -> text.scrub(family, personalValues, ERASED_TEXT));
            // An enrolment or earn answered under an Idempotency-Key is kept for replay and may carry the member's data.
            keptAnswers.ifAvailable(answers -> family.forEach(answers::forgetAnswersMentioning));
            // Committed with the erasure: the services that keep data about the member hear of it even if they are down now.
            relay.plan(memberId, family, personalValues);
            audit.forgetActors(accounts, ERASED_ACTOR);
            audit.record(memberId, null, "ERASED", caller.isShopper() ? selfActor(caller) : caller, reason);
            return now;
        });
    }

    private static CallerIdentity selfActor(CallerIdentity caller) {
        return new CallerIdentity(ERASED_ACTOR, caller.roles(), caller.storeId(), Map.of());
    }
}
