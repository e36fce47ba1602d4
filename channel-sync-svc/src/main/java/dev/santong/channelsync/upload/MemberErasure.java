package dev.santong.channelsync.upload;

import java.time.Clock;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

import org.apache.commons.codec.digest.DigestUtils;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

import dev.santong.channelsync.receipt.Receipt;
import dev.santong.platform.kit.persistence.SqlTime;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A member's erasure, relayed by member-svc: every batch that named one of the erased values (found by digest in
 * {@code batch_identity}) is scrubbed of it, in the raw body as sent, in its transactions and in conflicts. Only whole
 * JSON strings or XML element texts equal to a value are replaced, so nothing else in a shared batch changes. Content
 * hashes stay: a till resending the same batch is still recognised and nothing is stored again.
 */
@Component
class MemberErasure {

    public record Erased(String memberId, int batches, int valuesFound, boolean replayed) {
    }

    static final String ERASED = "[erased]";

    private final JdbcClient jdbc;
    private final TransactionTemplate transactions;
    private final JsonMapper json;
    private final Clock clock;

    MemberErasure(JdbcClient jdbc, TransactionTemplate transactions, JsonMapper json, Clock clock) {
        this.jdbc = jdbc;
        this.transactions = transactions;
        this.json = json;
        this.clock = clock;
    }

    /** Records which personal values a new batch names, by digest; call in the batch's database transaction. */
    void index(String batchId, List<UploadBatchRequest.PosTransaction> posTransactions) {
        Set<String> digests = new HashSet<>();
        for (UploadBatchRequest.PosTransaction tx : posTransactions) {
            Receipt.identities(tx.payload()).forEach(value -> digests.addAll(digests(value)));
        }
        if (digests.isEmpty()) {
            return;
        }
        StringBuilder sql = new StringBuilder("INSERT IGNORE INTO batch_identity (digest, batch_id) VALUES ");
        List<Object> args = new ArrayList<>();
        for (String digest : digests) {
            sql.append(args.isEmpty() ? "(?, ?)" : ", (?, ?)");
            args.add(digest);
            args.add(batchId);
        }
        jdbc.sql(sql.toString()).params(args).update();
    }

    /**
     * A value is found by the digest of its trimmed text, of that text in lower case (member-svc's e-mails), or without
     * spaces and dashes in upper case (member-svc's cards and codes, a phone typed with spaces): a till sends what is
     * printed or typed, member-svc keeps it normalised.
     */
    private static Set<String> digests(String value) {
        String trimmed = value.trim();
        return new HashSet<>(List.of(DigestUtils.sha256Hex(trimmed), DigestUtils.sha256Hex(trimmed.toLowerCase(Locale.ROOT)),
                DigestUtils.sha256Hex(trimmed.replaceAll("[\\s-]", "").toUpperCase(Locale.ROOT))));
    }

    public Erased erase(String memberId, Collection<String> erasedDigests) {
        return transactions.execute(status -> {
            boolean replayed = jdbc.sql("SELECT COUNT(*) FROM member_erasure WHERE member_id = :id").param("id", memberId)
                    .query(Long.class).single() > 0;
            Set<String> wanted = new HashSet<>(erasedDigests);
            List<String> batches = wanted.isEmpty() ? List.of() : jdbc.sql("SELECT DISTINCT batch_id FROM batch_identity WHERE digest IN (:d)")
                    .param("d", wanted).query(String.class).list();
            Set<String> values = new HashSet<>();
            if (!batches.isEmpty()) {
                jdbc.sql("SELECT content FROM pos_transaction WHERE first_batch_id IN (:b)").param("b", batches).query(String.class).list()
                        .forEach(content -> values.addAll(matching(content, wanted)));
                jdbc.sql("SELECT content, replaced_content FROM pos_transaction_conflict WHERE batch_id IN (:b)").param("b", batches)
                        .query((rs, n) -> new String[] { rs.getString(1), rs.getString(2) }).list().forEach(pair -> {
                            values.addAll(matching(pair[0], wanted));
                            values.addAll(matching(pair[1], wanted));
                        });
                for (String value : values) {
                    scrub(batches, value);
                }
            }
            jdbc.sql("INSERT IGNORE INTO member_erasure (member_id, received_at, batches, values_found) VALUES (:id, :at, :b, :v)")
                    .param("id", memberId).param("at", SqlTime.of(clock.instant())).param("b", batches.size()).param("v", values.size())
                    .update();
            return new Erased(memberId, batches.size(), values.size(), replayed);
        });
    }

    private Set<String> matching(String content, Set<String> wanted) {
        Set<String> found = new HashSet<>();
        if (content == null) {
            return found;
        }
        JsonNode payload = json.readTree(content).path("payload");
        for (String value : Receipt.identities(payload)) {
            if (digests(value).stream().anyMatch(wanted::contains)) {
                found.add(value);
            }
        }
        return found;
    }

    private void scrub(List<String> batches, String value) {
        String quoted = json.writeValueAsString(value);
        String erasedQuoted = json.writeValueAsString(ERASED);
        String elementText = ">" + xmlEscaped(value) + "<";
        jdbc.sql("""
                UPDATE pos_batch SET raw_body = REPLACE(REPLACE(raw_body, :quoted, :erasedQuoted), :element, :erasedElement)
                WHERE id IN (:b)""")
                .param("quoted", quoted).param("erasedQuoted", erasedQuoted).param("element", elementText)
                .param("erasedElement", ">" + ERASED + "<").param("b", batches).update();
        jdbc.sql("UPDATE pos_transaction SET content = REPLACE(content, :quoted, :erasedQuoted) WHERE first_batch_id IN (:b)")
                .param("quoted", quoted).param("erasedQuoted", erasedQuoted).param("b", batches).update();
        // A conflict keeps a transaction's other version: scrubbed where its own batch named the value, or where it
        // replaced a version that did.
        jdbc.sql("""
                UPDATE pos_transaction_conflict c SET c.content = REPLACE(c.content, :quoted, :erasedQuoted),
                    c.replaced_content = REPLACE(c.replaced_content, :quoted, :erasedQuoted)
                WHERE c.batch_id IN (:b) OR EXISTS (SELECT 1 FROM pos_transaction t WHERE t.first_batch_id IN (:b)
                    AND t.store_id = c.store_id AND t.workstation_id = c.workstation_id AND t.business_day = c.business_day
                    AND t.sequence_number = c.sequence_number)""")
                .param("quoted", quoted).param("erasedQuoted", erasedQuoted).param("b", batches).update();
    }

    private static String xmlEscaped(String value) {
        return value.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }
}
