package dev.santong.channelsync.upload;

import java.sql.Date;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

import jakarta.validation.ConstraintViolation;
import jakarta.validation.Validator;

import dev.santong.platform.kit.tracing.TraceParents;
import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

import dev.santong.channelsync.receipt.Receipt;
import dev.santong.channelsync.upload.UploadBatchRequest.PosTransaction;
import dev.santong.platform.kit.idempotency.Fingerprint;
import dev.santong.platform.kit.persistence.ConcurrentWriteRetry;
import dev.santong.platform.kit.persistence.SqlTime;
import dev.santong.platform.kit.problem.ApiProblemAdvice;
import dev.santong.platform.kit.problem.InvalidField;
import dev.santong.platform.kit.problem.InvalidRequestException;
import dev.santong.platform.kit.problem.ResourceNotFoundException;
import dev.santong.platform.kit.security.CallerIdentity;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.json.JsonMapper;

/**
 * Receives a store's batch: kept as sent and split into transactions in one database transaction before the
 * store gets its 202, so an acknowledged upload is never lost. Each transaction is stored once by its natural key;
 * a resend is counted as a duplicate, other content under a known key is kept as a conflict and never applied.
 */
@Component
class BatchUpload {

    public record Received(BatchView batch, boolean replayed) {
    }

    private record Counts(int fresh, int duplicates, int conflicts) {
    }

    // Kept as sent in a MEDIUMTEXT (16 MB of bytes); 8 M characters fit even when all are multi-byte.
    private static final int MAX_BODY_CHARS = 8 * 1024 * 1024;

    private final JdbcClient jdbc;
    private final TransactionTemplate transactions;
    private final JsonMapper json;
    private final Validator validator;
    private final Clock clock;
    private final StoreContacts contacts;
    private final MemberErasure erasure;
    private final MeterRegistry meters;
    private final TraceParents traces;

    BatchUpload(JdbcClient jdbc, TransactionTemplate transactions, JsonMapper json, Validator validator, Clock clock, StoreContacts contacts,
            MemberErasure erasure, MeterRegistry meters, TraceParents traces) {
        this.erasure = erasure;
        this.traces = traces;
        this.meters = meters;
        this.contacts = contacts;
        this.jdbc = jdbc;
        this.transactions = transactions;
        this.json = json;
        this.validator = validator;
        this.clock = clock;
    }

    public Received receive(String storeId, String rawBody, CallerIdentity caller) {
        if (!caller.actsForStore(storeId) && !caller.hasRole("hq-admin")) {
            throw new AccessDeniedException("a store uploads for itself only");
        }
        if (rawBody == null || rawBody.length() > MAX_BODY_CHARS) {
            throw new InvalidRequestException("body", "must be a JSON batch of at most 8 MB; split larger uploads");
        }
        UploadBatchRequest request = parse(rawBody);
        // The same batch however it is spelled (a POS that pretty-prints on a resend, properties in another order).
        String bodyHash = Fingerprint.of(request);
        // The same batch may arrive twice at once (a POS retrying on a timeout); the second attempt finds the first.
        Received received = ConcurrentWriteRetry.inTransaction(transactions, 5, status -> receiveOnce(storeId, request, rawBody, bodyHash, caller));
        touch(storeId, caller);
        count("json", received);
        return received;
    }

    /**
     * The same upload as ARTS POSLog XML: kept as sent, split into the same transactions, deduplicated the same way.
     * A resent document is the same batch; the batch id is the document's hash unless the POS names one.
     */
    public Received receivePosLog(String storeId, String rawXml, String batchId, String installation, ZoneId storeZone, CallerIdentity caller) {
        if (!caller.actsForStore(storeId) && !caller.hasRole("hq-admin")) {
            throw new AccessDeniedException("a store uploads for itself only");
        }
        if (rawXml == null || rawXml.length() > MAX_BODY_CHARS) {
            throw new InvalidRequestException("body", "must be a POSLog document of at most 8 MB; split larger uploads");
        }
        PosLogParser.Parsed parsed = new PosLogParser(json).parse(rawXml, storeZone);
        if (!parsed.storeId().equals(storeId)) {
            throw new InvalidRequestException("Transaction[0].RetailStoreID", "is " + parsed.storeId() + ", not this upload's store " + storeId);
        }
        // The document as sent is its own canonical form; a resent document has the same batch id.
        String bodyHash = Fingerprint.ofCanonical(rawXml);
        UploadBatchRequest request = new UploadBatchRequest(batchId != null ? batchId : "poslog-" + bodyHash.substring(0, 32),
                parsed.transactions(), installation);
        validate(request);
        Received received = ConcurrentWriteRetry.inTransaction(transactions, 5, status -> receiveOnce(storeId, request, rawXml, bodyHash, caller));
        touch(storeId, caller);
        count("poslog", received);
        return received;
    }

    /** Uploads by format and whether they were new, and their transactions by what became of them (counted once). */
    private void count(String format, Received received) {
        String store = received.batch().storeId();
        meters.counter("santong.sync.uploads", "format", format, "outcome", received.replayed() ? "replayed" : "new", "store", store).increment();
        if (received.replayed()) {
            return;
        }
        meters.counter("santong.sync.transactions.received", "outcome", "new", "store", store).increment(received.batch().newTransactions());
        meters.counter("santong.sync.transactions.received", "outcome", "duplicate", "store", store).increment(received.batch().duplicates());
        meters.counter("santong.sync.transactions.received", "outcome", "conflict", "store", store).increment(received.batch().conflicts());
    }

    /** Only the store's own tills count as its contact; HQ uploading on its behalf does not show the store alive. */
    private void touch(String storeId, CallerIdentity caller) {
        if (caller.storeId().filter(storeId::equals).isPresent()) {
            contacts.touch(storeId, StoreContacts.Kind.UPLOAD);
        }
    }

    public BatchView read(String storeId, String id, CallerIdentity caller) {
        if (!caller.actsForStore(storeId) && !caller.isHq()) {
            throw new AccessDeniedException("a store reads its own batches only");
        }
        return find(storeId, id);
    }

    private BatchView find(String storeId, String id) {
        return jdbc.sql("SELECT * FROM pos_batch WHERE id = :id AND store_id = :store")
                .param("id", id).param("store", storeId).query(BatchUpload::view).optional()
                .orElseThrow(() -> new ResourceNotFoundException("batch", id));
    }

    private Received receiveOnce(String storeId, UploadBatchRequest request, String rawBody, String bodyHash, CallerIdentity caller) {
        Optional<BatchView> earlier = jdbc.sql("""
                SELECT * FROM pos_batch WHERE store_id = :store AND client_batch_id = :batch AND body_hash = :hash""")
                .param("store", storeId).param("batch", request.batchId()).param("hash", bodyHash)
                .query(BatchUpload::view).optional();
        if (earlier.isPresent()) {
            return new Received(earlier.get(), true);
        }
        String id = UUID.randomUUID().toString();
        Instant now = clock.instant();
        jdbc.sql("""
                INSERT INTO pos_batch (id, store_id, client_batch_id, body_hash, raw_body, uploaded_by, received_at,
                    transaction_count, new_count, duplicate_count, conflict_count, status)
                VALUES (:id, :store, :batch, :hash, :raw, :by, :at, :count, 0, 0, 0, 'RECEIVING')""")
                .param("id", id).param("store", storeId).param("batch", request.batchId()).param("hash", bodyHash)
                .param("raw", rawBody).param("by", caller.subject()).param("at", SqlTime.of(now))
                .param("count", request.transactions().size())
                .update();
        Counts counts = store(storeId, id, request.transactions(), request.posInstallationId(), now);
        erasure.index(id, request.transactions());
        jdbc.sql("""
                UPDATE pos_batch SET new_count = :fresh, duplicate_count = :duplicates, conflict_count = :conflicts,
                    status = 'RECEIVED' WHERE id = :id""")
                .param("fresh", counts.fresh()).param("duplicates", counts.duplicates()).param("conflicts", counts.conflicts())
                .param("id", id)
                .update();
        return new Received(find(storeId, id), false);
    }

    private record Keyed(PosTransaction tx, String key, String content, String hash) {
    }

    // One statement per this many rows: a lookup of the keys already stored, and a multi-row INSERT of the new ones.
    private static final int CHUNK = 500;

    private Counts store(String storeId, String batchId, List<PosTransaction> posTransactions, String installation, Instant now) {
        // Natural-key order: two uploads overlapping in transactions lock them in the same order instead of deadlocking.
        List<Keyed> ordered = new ArrayList<>();
        for (PosTransaction tx : posTransactions) {
            // One spelling per transaction, so the same one resent by a reinstalled POS, or in another batch, is a duplicate.
            String content = Fingerprint.canonicalJson(tx);
            ordered.add(new Keyed(tx, tx.workstationId() + "|" + tx.businessDay() + "|" + tx.sequenceNumber(), content, Fingerprint.ofCanonical(content)));
        }
        ordered.sort(java.util.Comparator.comparing((Keyed k) -> k.tx().workstationId()).thenComparing(k -> k.tx().businessDay())
                .thenComparing(k -> k.tx().sequenceNumber()));
        int fresh = 0;
        int duplicates = 0;
        int conflicts = 0;
        for (int from = 0; from < ordered.size(); from += CHUNK) {
            List<Keyed> chunk = ordered.subList(from, Math.min(ordered.size(), from + CHUNK));
            // A locking read: rows committed by a concurrent upload after this transaction's snapshot are seen too.
            java.util.Map<String, String> stored = storedHashes(storeId, chunk);
            List<Keyed> toInsert = new ArrayList<>();
            for (Keyed keyed : chunk) {
                String known = stored.get(keyed.key());
                if (known == null) {
                    stored.put(keyed.key(), keyed.hash());
                    toInsert.add(keyed);
                } else if (known.equals(keyed.hash())) {
                    duplicates++;
                } else if (recordConflict(storeId, batchId, keyed, now)) {
                    conflicts++;
                } else {
                    duplicates++;
                }
            }
            try {
                insertAll(storeId, batchId, toInsert, installation, now);
                fresh += toInsert.size();
            } catch (DuplicateKeyException raced) {
                // A concurrent upload stored some of them in between: the statement changed nothing, go one by one.
                for (Keyed keyed : toInsert) {
                    switch (storeOne(storeId, batchId, keyed, installation, now)) {
                        case 0 -> fresh++;
                        case 1 -> duplicates++;
                        default -> conflicts++;
                    }
                }
            }
        }
        return new Counts(fresh, duplicates, conflicts);
    }

    private java.util.Map<String, String> storedHashes(String storeId, List<Keyed> chunk) {
        StringBuilder sql = new StringBuilder("""
                SELECT workstation_id, business_day, sequence_number, content_hash FROM pos_transaction
                WHERE store_id = ? AND (workstation_id, business_day, sequence_number) IN (""");
        List<Object> args = new ArrayList<>();
        args.add(storeId);
        for (int i = 0; i < chunk.size(); i++) {
            sql.append(i == 0 ? "(?, ?, ?)" : ", (?, ?, ?)");
            PosTransaction tx = chunk.get(i).tx();
            args.add(tx.workstationId());
            args.add(Date.valueOf(tx.businessDay()));
            args.add(tx.sequenceNumber());
        }
        sql.append(") FOR UPDATE");
        java.util.Map<String, String> stored = new java.util.HashMap<>();
        jdbc.sql(sql.toString()).params(args).query(rs -> {
            stored.put(rs.getString(1) + "|" + rs.getDate(2).toLocalDate() + "|" + rs.getLong(3), rs.getString(4));
        });
        return stored;
    }

    private void insertAll(String storeId, String batchId, List<Keyed> rows, String installation, Instant now) {
        if (rows.isEmpty()) {
            return;
        }
        StringBuilder sql = new StringBuilder("""
                INSERT INTO pos_transaction (store_id, workstation_id, business_day, sequence_number, type, business_time, content_hash,
                    content, first_batch_id, received_at, installation_id, trace_parent, apply_status) VALUES\s""");
        List<Object> args = new ArrayList<>();
        String received = SqlTime.of(now);
        // The upload's trace, so each transaction's apply later continues it.
        String traceParent = traces.current();
        for (int i = 0; i < rows.size(); i++) {
            sql.append(i == 0 ? "(?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 'PENDING')" : ", (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 'PENDING')");
            PosTransaction tx = rows.get(i).tx();
            args.addAll(List.of(storeId, tx.workstationId(), Date.valueOf(tx.businessDay()), tx.sequenceNumber(), tx.type().name(),
                    SqlTime.of(tx.businessTime()), rows.get(i).hash(), rows.get(i).content(), batchId, received,
                    installation == null ? "" : installation));
            args.add(traceParent);
        }
        jdbc.sql(sql.toString()).params(args).update();
    }

    /** @return 0 stored, 1 duplicate, 2 conflict */
    private int storeOne(String storeId, String batchId, Keyed keyed, String installation, Instant now) {
        try {
            insertAll(storeId, batchId, List.of(keyed), installation, now);
            return 0;
        } catch (DuplicateKeyException known) {
            String storedHash = storedHashes(storeId, List.of(keyed)).get(keyed.key());
            if (keyed.hash().equals(storedHash)) {
                return 1;
            }
            return recordConflict(storeId, batchId, keyed, now) ? 2 : 1;
        }
    }

    /**
     * The same conflicting version sent again is the same conflict, counted; another version is a conflict of its own.
     * A version HQ already decided on (the accepted one's predecessor, a rejected one) resent is a duplicate.
     *
     * @return whether it counts as a conflict (false: a resend of a decided version)
     */
    private boolean recordConflict(String storeId, String batchId, Keyed keyed, Instant now) {
        PosTransaction tx = keyed.tx();
        List<String> known = jdbc.sql("""
                SELECT CASE WHEN content_hash = :hash THEN status ELSE 'REPLACED' END FROM pos_transaction_conflict
                WHERE store_id = :store AND workstation_id = :ws AND business_day = :day AND sequence_number = :seq
                    AND (content_hash = :hash OR replaced_hash = :hash)""")
                .param("store", storeId).param("ws", tx.workstationId()).param("day", Date.valueOf(tx.businessDay()))
                .param("seq", tx.sequenceNumber()).param("hash", keyed.hash()).query(String.class).list();
        if (!known.isEmpty()) {
            jdbc.sql("""
                    UPDATE pos_transaction_conflict SET times_sent = times_sent + 1
                    WHERE store_id = :store AND workstation_id = :ws AND business_day = :day AND sequence_number = :seq AND content_hash = :hash""")
                    .param("store", storeId).param("ws", tx.workstationId()).param("day", Date.valueOf(tx.businessDay()))
                    .param("seq", tx.sequenceNumber()).param("hash", keyed.hash()).update();
            return known.contains("OPEN");
        }
        jdbc.sql("""
                INSERT INTO pos_transaction_conflict (store_id, workstation_id, business_day, sequence_number,
                    batch_id, content_hash, content, received_at)
                VALUES (:store, :ws, :day, :seq, :batch, :hash, :content, :at)""")
                .param("store", storeId).param("ws", tx.workstationId()).param("day", Date.valueOf(tx.businessDay()))
                .param("seq", tx.sequenceNumber()).param("batch", batchId).param("hash", keyed.hash())
                .param("content", keyed.content()).param("at", SqlTime.of(now))
                .update();
        return true;
    }

    private UploadBatchRequest parse(String rawBody) {
        UploadBatchRequest request;
        try {
            request = json.readValue(rawBody, UploadBatchRequest.class);
        } catch (JacksonException e) {
            String path = ApiProblemAdvice.jsonPath(e);
            throw new InvalidRequestException(path.isEmpty() ? "body" : path,
                    path.isEmpty() ? "is not well-formed JSON" : "has a value of the wrong type or format");
        }
        if (request == null) {
            throw new InvalidRequestException("body", "is empty");
        }
        validate(request);
        return request;
    }

    private void validate(UploadBatchRequest request) {
        Set<ConstraintViolation<UploadBatchRequest>> violations = validator.validate(request);
        List<InvalidField> errors = new ArrayList<>();
        for (int i = 0; request.transactions() != null && i < request.transactions().size(); i++) {
            PosTransaction tx = request.transactions().get(i);
            try {
                if (tx != null) {
                    Receipt.check(tx.payload());
                }
            } catch (IllegalArgumentException e) {
                errors.add(new InvalidField("transactions[" + i + "].payload", e.getMessage()));
            }
        }
        if (!violations.isEmpty() || !errors.isEmpty()) {
            violations.forEach(v -> errors.add(new InvalidField(v.getPropertyPath().toString().replace(".<list element>", ""),
                    v.getMessage())));
            errors.sort(java.util.Comparator.comparing(InvalidField::field));
            throw new InvalidRequestException(errors);
        }
    }

    private static BatchView view(ResultSet rs, int n) throws SQLException {
        return new BatchView(rs.getString("id"), rs.getString("store_id"), rs.getString("client_batch_id"),
                rs.getTimestamp("received_at").toInstant(), rs.getString("status"), rs.getInt("transaction_count"),
                rs.getInt("new_count"), rs.getInt("duplicate_count"), rs.getInt("conflict_count"));
    }
}
