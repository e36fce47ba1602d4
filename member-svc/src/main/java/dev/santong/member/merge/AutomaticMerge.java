package dev.santong.member.merge;

import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.event.TransactionPhase;
import org.springframework.transaction.event.TransactionalEventListener;
import org.springframework.transaction.support.TransactionTemplate;

import dev.santong.member.member.Members;
import dev.santong.member.member.Members.MemberRow;
import dev.santong.member.member.ProvenDuplicateFound;
import dev.santong.platform.kit.problem.ConflictException;
import dev.santong.platform.kit.security.CallerIdentity;

/**
 * Merges two members as soon as an enrolment proved they are one person (its identity provider verified an identity
 * the other member holds). The member enrolled first survives. Runs once the enrolment is committed, in a
 * transaction of its own, so a failed merge never loses the enrolment: the pair then stays in HQ's review queue.
 */
@Component
class AutomaticMerge {

    private static final Logger log = LoggerFactory.getLogger(AutomaticMerge.class);
    static final CallerIdentity SYSTEM = new CallerIdentity("system:automatic-merge", Set.of(), Optional.empty(), Map.of());

    private final MemberMerge merge;
    private final Members members;
    private final TransactionTemplate ownTransaction;

    AutomaticMerge(MemberMerge merge, Members members, PlatformTransactionManager transactions) {
        this.merge = merge;
        this.members = members;
        this.ownTransaction = new TransactionTemplate(transactions);
        this.ownTransaction.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
    }

    @TransactionalEventListener(phase = TransactionPhase.AFTER_COMMIT)
    void onProvenDuplicate(ProvenDuplicateFound found) {
        try {
            ownTransaction.executeWithoutResult(status -> {
                MemberRow one = members.resolve(found.memberId());
                MemberRow other = members.resolve(found.otherMemberId());
                if (one.id().equals(other.id())) {
                    return;
                }
                boolean oneFirst = one.enrolledAt().isBefore(other.enrolledAt())
                        || (one.enrolledAt().equals(other.enrolledAt()) && one.id().compareTo(other.id()) < 0);
                MemberRow survivor = oneFirst ? one : other;
                MemberRow merged = oneFirst ? other : one;
                merge.merge(survivor.id(), merged.id(), "automatic: a verified " + found.provenBy() + " proves one person", true, SYSTEM);
            });
        } catch (ConflictException | org.springframework.dao.DataAccessException notNow) {
            log.warn("Automatic merge of {} and {} left for HQ review: {}", found.memberId(), found.otherMemberId(), notNow.getMessage());
        }
    }
}
