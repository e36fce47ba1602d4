package dev.santong.aftersales.cases;

import java.time.Clock;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import org.apache.commons.codec.digest.DigestUtils;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

import dev.santong.platform.kit.idempotency.IdempotencyRecords;
import dev.santong.platform.kit.persistence.SqlTime;

/**
 * A member's erasure, relayed by member-svc: the cases of the member (and of the members merged into them) keep their
 * facts, lose the free-text reason (staff may have typed a phone or a name into it), and a shopper account that opened
 * a case (found by the digest of its id) is replaced by a pseudonym of the case wherever it acted, the notes on the
 * cases' steps go, and answers kept for Idempotency-Key
 * retries that mention the member are dropped. Applying it again changes nothing.
 */
@Component
class CaseErasure {

    static final String ERASED = "[erased]";

    private final JdbcClient jdbc;
    private final TransactionTemplate transactions;
    private final Clock clock;
    private final ObjectProvider<IdempotencyRecords> keptAnswers;
    private final CaseAttachments attachments;

    CaseErasure(JdbcClient jdbc, TransactionTemplate transactions, Clock clock, ObjectProvider<IdempotencyRecords> keptAnswers,
            CaseAttachments attachments) {
        this.jdbc = jdbc;
        this.attachments = attachments;
        this.keptAnswers = keptAnswers;
        this.transactions = transactions;
        this.clock = clock;
    }

    int erase(String memberId, Collection<String> memberIds, Collection<String> digests) {
        return transactions.execute(status -> {
            Set<String> members = new HashSet<>(memberIds);
            members.add(memberId);
            int cases = jdbc.sql("UPDATE aftersales_case SET reason = :erased WHERE member_id IN (:ids) AND reason <> :erased")
                    .param("erased", ERASED).param("ids", members).update();
            // Staff write notes on the steps of a case (what the customer said, what the inspection found).
            jdbc.sql("""
                    UPDATE case_event SET note = :erased
                    WHERE note IS NOT NULL AND note <> :erased AND case_id IN (SELECT id FROM aftersales_case WHERE member_id IN (:ids))""")
                    .param("erased", ERASED).param("ids", members).update();
            if (!digests.isEmpty()) {
                Set<String> wanted = new HashSet<>(digests);
                List<String> openers = jdbc.sql("SELECT DISTINCT opened_by FROM aftersales_case WHERE member_id IN (:ids)")
                        .param("ids", members).query(String.class).list();
                for (String opener : openers) {
                    if (wanted.contains(DigestUtils.sha256Hex(opener.trim()))) {
                        // Unique per case, so two erased shoppers' retried requests never collide on one opener.
                        cases += jdbc.sql("UPDATE aftersales_case SET opened_by = CONCAT('erased-', id) WHERE opened_by = :opener")
                                .param("opener", opener).update();
                        jdbc.sql("UPDATE case_event SET actor = CONCAT('erased-', case_id) WHERE actor = :opener")
                                .param("opener", opener).update();
                    }
                }
            }
            // Photos and documents may show a face, an address or a phone number.
            attachments.deleteOf(members);
            // A case opened under an Idempotency-Key is kept for replay with its reason: it goes with the erasure.
            keptAnswers.ifAvailable(answers -> members.forEach(answers::forgetAnswersMentioning));
            jdbc.sql("INSERT IGNORE INTO member_erasure (member_id, received_at, cases) VALUES (:id, :at, :cases)")
                    .param("id", memberId).param("at", SqlTime.of(clock.instant())).param("cases", cases).update();
            return cases;
        });
    }
}
