package dev.santong.channelsync.apply;

import java.time.Clock;
import java.util.List;
import java.util.Optional;

import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

import dev.santong.channelsync.upload.Conflicts;
import dev.santong.platform.kit.persistence.ConcurrentWriteRetry;
import dev.santong.platform.kit.problem.ConflictException;
import dev.santong.platform.kit.problem.ResourceNotFoundException;

/**
 * HQ closes a conflict. Rejected, the stored version stays. Accepted, the conflict's version becomes the
 * transaction's and the difference to what was applied is planned as durable work in the till's lane, once: the
 * decision and its work rows commit together, and a repeated decision is answered from what was decided.
 */
@Component
class ConflictDecisions {

    public enum Verdict { ACCEPT, REJECT }

    /** @param corrections the targets an accepted version's difference is applied in */
    @io.swagger.v3.oas.annotations.media.Schema(example = """
            {"conflict": {"id": 12, "storeId": "9", "workstationId": "3", "businessDay": "2026-11-21", "sequenceNumber": 118, \
            "reference": "9-20261121-3-118", "stored": {"batchId": "e13bb9a8-4855-43bb-8b29-39b7c76ed78a", "receivedAt": "2026-11-21T16:35:00Z", \
            "type": "SALE", "businessTime": "2026-11-21T06:42:10Z", "payload": {"lines": [{"sku": "OX-BLU-M", "quantity": 1, "amount": "199.00"}]}}, \
            "conflicting": {"batchId": "af3fe823-f503-4709-b955-b4485e14f883", "receivedAt": "2026-11-24T09:02:14Z", "type": "SALE", \
            "businessTime": "2026-11-21T06:42:10Z", "payload": {"lines": [{"sku": "OX-BLU-M", "quantity": 2, "amount": "398.00"}]}}, \
            "timesSent": 1, "status": "ACCEPTED", "decidedBy": "hq-admin", "decidedAt": "2026-11-24T10:00:00Z", "decisionNote": "the till corrected the quantity"}, \
            "corrections": ["points", "stock"], "replayed": false}""")
    public record Decided(Conflicts.Conflict conflict, List<String> corrections, boolean replayed) {
    }

    private final Conflicts conflicts;
    private final ApplyWork work;
    private final List<ApplyTarget> targets;
    private final TransactionTemplate transactions;
    private final Clock clock;

    ConflictDecisions(Conflicts conflicts, ApplyWork work, List<ApplyTarget> targets, TransactionTemplate transactions, Clock clock) {
        this.conflicts = conflicts;
        this.work = work;
        this.targets = targets;
        this.transactions = transactions;
        this.clock = clock;
    }

    public Decided decide(long conflictId, Verdict verdict, String note, String actor) {
        return ConcurrentWriteRetry.inTransaction(transactions, 5, status -> {
            Conflicts.ToDecide conflict = conflicts.lockForDecision(conflictId)
                    .orElseThrow(() -> new ResourceNotFoundException("conflict", Long.toString(conflictId)));
            Conflicts.Status wanted = verdict == Verdict.ACCEPT ? Conflicts.Status.ACCEPTED : Conflicts.Status.REJECTED;
            if (conflict.status() == wanted) {
                return new Decided(view(conflictId), corrections(conflict.transactionId(), conflictId), true);
            }
            if (conflict.status() != Conflicts.Status.OPEN) {
                throw new ConflictException("conflict-decided", "Conflict " + conflictId + " on " + conflict.reference() + " was already "
                        + conflict.status().name().toLowerCase() + "; a decision is final");
            }
            if (verdict == Verdict.REJECT) {
                conflicts.reject(conflict, actor, note, clock.instant());
                return new Decided(view(conflictId), List.of(), false);
            }
            requireApplied(conflict);
            StoredTransaction applied = readable(conflict, conflict.storedContent(), "stored");
            StoredTransaction corrected = readable(conflict, conflict.conflictingContent(), "conflicting");
            for (ApplyTarget target : targets) {
                if (target.concerns(applied) || target.concerns(corrected)) {
                    Optional<String> reason = target.uncorrectable(applied, corrected);
                    if (reason.isPresent()) {
                        throw new ConflictException("correction-not-applicable", "Conflict " + conflictId + " on " + conflict.reference()
                                + " cannot be accepted in " + target.name() + ": " + reason.get());
                    }
                }
            }
            conflicts.accept(conflict, actor, note, clock.instant());
            List<String> planned = work.planCorrection(applied, corrected, conflictId);
            return new Decided(view(conflictId), planned, false);
        });
    }

    /** A difference is only defined against what was applied: the stored version's own work must be done. */
    private void requireApplied(Conflicts.ToDecide conflict) {
        List<ApplyWork.Item> rows = work.ofTransaction(conflict.transactionId());
        List<String> unfinished = rows.stream().filter(row -> row.status() != ApplyWork.Status.DONE)
                .map(row -> row.target() + (row.correctionId() == 0 ? "" : " (correction " + row.correctionId() + ")") + ": "
                        + row.status().name().toLowerCase())
                .toList();
        if (!unfinished.isEmpty() || work.awaitsPlanning(conflict.transactionId())) {
            throw new ConflictException("stored-version-not-applied", "The stored version of " + conflict.reference()
                    + " is not applied yet (" + (unfinished.isEmpty() ? "not planned" : String.join(", ", unfinished))
                    + "); an accepted version is applied as its difference to what was applied, so decide once that work is done");
        }
    }

    private StoredTransaction readable(Conflicts.ToDecide conflict, String content, String which) {
        try {
            return work.read(conflict.transactionId(), conflict.storeId(), content);
        } catch (RuntimeException unreadable) {
            throw new ConflictException("correction-not-applicable", "The " + which + " version of " + conflict.reference()
                    + " does not read as a transaction; it cannot be applied");
        }
    }

    private List<String> corrections(long transactionId, long conflictId) {
        return work.ofTransaction(transactionId).stream().filter(row -> row.correctionId() == conflictId).map(ApplyWork.Item::target).toList();
    }

    private Conflicts.Conflict view(long conflictId) {
        return conflicts.find(conflictId).orElseThrow();
    }
}
