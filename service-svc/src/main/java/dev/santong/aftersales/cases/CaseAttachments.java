package dev.santong.aftersales.cases;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.stereotype.Component;

import dev.santong.platform.kit.persistence.SqlTime;
import dev.santong.platform.kit.problem.ConflictException;
import dev.santong.platform.kit.problem.InvalidRequestException;
import dev.santong.platform.kit.problem.ResourceNotFoundException;
import dev.santong.platform.kit.security.CallerIdentity;

import io.swagger.v3.oas.annotations.media.Schema;

/**
 * Proof attached to a case: photos (JPEG, PNG, WebP) and documents (PDF), recognised by their bytes rather than by what
 * the sender declares, at most {@link #PER_CASE} per case. The shopper whose case it is, staff of its store and HQ
 * admins add them; whoever may see the case reads them.
 */
@Component
class CaseAttachments {

    static final int PER_CASE = 10;

    @Schema(example = """
            {"id": "5d1f0e2a-3b4c-4d5e-9f60-718293a4b5c6", "name": "receipt.jpg", "contentType": "image/jpeg", "sizeBytes": 184320, \
                "sha256": "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08", "addedBy": "alice", "addedAt": "2026-11-21T06:41:00Z"}""")
    record Attachment(String id, String name, String contentType, long sizeBytes, String sha256, String addedBy, Instant addedAt) {
    }

    /** An attachment's bytes, to stream to the caller, with what to call them. */
    record Content(Attachment attachment, InputStream bytes) {
    }

    private final JdbcClient jdbc;
    private final CaseOpening cases;
    private final AttachmentStore store;
    private final Clock clock;

    CaseAttachments(JdbcClient jdbc, CaseOpening cases, AttachmentStore store, Clock clock) {
        this.jdbc = jdbc;
        this.cases = cases;
        this.store = store;
        this.clock = clock;
    }

    Attachment add(String caseId, String name, InputStream body, CallerIdentity caller) {
        CaseOpening.Row row = cases.visibleRow(caseId, caller);
        if (java.util.Arrays.stream(CaseLifecycle.Actor.values()).noneMatch(actor -> row.actsAs(actor, caller))) {
            throw new AccessDeniedException("only the case's shopper, its store's staff and HQ admins add attachments");
        }
        String fileName = fileName(name);
        if (count(caseId) >= PER_CASE) {
            throw new ConflictException("too-many-attachments", "A case carries at most " + PER_CASE + " attachments");
        }
        String id = UUID.randomUUID().toString();
        String key = caseId + "/" + id;
        BufferedInputStream buffered = new BufferedInputStream(body);
        String contentType = sniff(buffered);
        MessageDigest sha256 = sha256();
        CountingStream counted = new CountingStream(new DigestInputStream(buffered, sha256));
        try {
            store.write(key, counted);
        } catch (IOException e) {
            throw new UncheckedIOException("the attachment could not be stored", e);
        }
        Instant now = clock.instant();
        String digest = HexFormat.of().formatHex(sha256.digest());
        try {
            jdbc.sql("""
                    INSERT INTO case_attachment (id, case_id, name, content_type, size_bytes, sha256, storage_key, added_by, added_at)
                    VALUES (:id, :case, :name, :type, :size, :sha, :key, :by, :at)""")
                    .param("id", id).param("case", caseId).param("name", fileName).param("type", contentType).param("size", counted.count())
                    .param("sha", digest).param("key", key).param("by", caller.subject()).param("at", SqlTime.of(now)).update();
        } catch (RuntimeException notRecorded) {
            // Bytes no row points to would never be served nor erased.
            try {
                store.delete(key);
            } catch (IOException ignored) {
                notRecorded.addSuppressed(ignored);
            }
            throw notRecorded;
        }
        return new Attachment(id, fileName, contentType, counted.count(), digest, caller.subject(), now);
    }

    List<Attachment> of(String caseId, CallerIdentity caller) {
        cases.visibleRow(caseId, caller);
        return jdbc.sql("""
                SELECT id, name, content_type, size_bytes, sha256, added_by, added_at FROM case_attachment WHERE case_id = :case
                ORDER BY added_at, id""")
                .param("case", caseId).query((rs, n) -> attachment(rs)).list();
    }

    Content read(String caseId, String attachmentId, CallerIdentity caller) {
        cases.visibleRow(caseId, caller);
        record Stored(Attachment attachment, String key) {
        }
        Stored stored = jdbc.sql("""
                SELECT id, name, content_type, size_bytes, sha256, added_by, added_at, storage_key FROM case_attachment
                WHERE case_id = :case AND id = :id""")
                .param("case", caseId).param("id", attachmentId).query((rs, n) -> new Stored(attachment(rs), rs.getString("storage_key")))
                .optional().orElseThrow(() -> new ResourceNotFoundException("attachment", attachmentId));
        try {
            return new Content(stored.attachment(), store.read(stored.key()));
        } catch (IOException e) {
            throw new UncheckedIOException("the attachment's bytes could not be read", e);
        }
    }

    /** Removes every attachment of the cases (an erasure: photos may show a face, an address, a phone). */
    int deleteOf(java.util.Collection<String> memberIds) {
        List<String> keys = jdbc.sql("""
                SELECT a.storage_key FROM case_attachment a JOIN aftersales_case c ON c.id = a.case_id WHERE c.member_id IN (:ids)""")
                .param("ids", memberIds).query(String.class).list();
        for (String key : keys) {
            try {
                store.delete(key);
            } catch (IOException e) {
                throw new UncheckedIOException("an attachment could not be deleted", e);
            }
        }
        jdbc.sql("DELETE a FROM case_attachment a JOIN aftersales_case c ON c.id = a.case_id WHERE c.member_id IN (:ids)")
                .param("ids", memberIds).update();
        return keys.size();
    }

    private long count(String caseId) {
        return jdbc.sql("SELECT COUNT(*) FROM case_attachment WHERE case_id = :case").param("case", caseId).query(Long.class).single();
    }

    /** What the bytes are, from their first bytes; anything else is refused. */
    static String sniff(BufferedInputStream bytes) {
        byte[] head = new byte[12];
        int read;
        try {
            bytes.mark(head.length);
            read = bytes.readNBytes(head, 0, head.length);
            bytes.reset();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return typeOf(head, read).orElseThrow(() -> new InvalidRequestException("body", "must be a JPEG, PNG or WebP image or a PDF document"));
    }

    static Optional<String> typeOf(byte[] head, int length) {
        if (length >= 3 && (head[0] & 0xFF) == 0xFF && (head[1] & 0xFF) == 0xD8 && (head[2] & 0xFF) == 0xFF) {
            return Optional.of("image/jpeg");
        }
        if (length >= 8 && (head[0] & 0xFF) == 0x89 && head[1] == 'P' && head[2] == 'N' && head[3] == 'G') {
            return Optional.of("image/png");
        }
        if (length >= 12 && head[0] == 'R' && head[1] == 'I' && head[2] == 'F' && head[3] == 'F' && head[8] == 'W' && head[9] == 'E'
                && head[10] == 'B' && head[11] == 'P') {
            return Optional.of("image/webp");
        }
        if (length >= 5 && head[0] == '%' && head[1] == 'P' && head[2] == 'D' && head[3] == 'F' && head[4] == '-') {
            return Optional.of("application/pdf");
        }
        return Optional.empty();
    }

    /** The name as given, without any path, control characters or quotes (it goes into a download's headers). */
    static String fileName(String name) {
        if (name == null || name.isBlank()) {
            throw new InvalidRequestException("name", "is required, e.g. damage.jpg");
        }
        String plain = name.substring(Math.max(name.lastIndexOf('/'), name.lastIndexOf('\\')) + 1).strip();
        if (plain.isEmpty() || plain.length() > 200 || plain.chars().anyMatch(c -> c < 0x20 || c == 0x7F || c == '"')) {
            throw new InvalidRequestException("name", "must be a file name of at most 200 characters, without quotes or control characters");
        }
        return plain;
    }

    private static Attachment attachment(java.sql.ResultSet rs) throws java.sql.SQLException {
        return new Attachment(rs.getString("id"), rs.getString("name"), rs.getString("content_type"), rs.getLong("size_bytes"),
                rs.getString("sha256"), rs.getString("added_by"), rs.getTimestamp("added_at").toInstant());
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Counts what passes through, for the size kept with the attachment. */
    private static final class CountingStream extends java.io.FilterInputStream {

        private long count;

        CountingStream(InputStream in) {
            super(in);
        }

        @Override
        public int read() throws IOException {
            int b = super.read();
            if (b >= 0) {
                count++;
            }
            return b;
        }

        @Override
        public int read(byte[] buffer, int offset, int length) throws IOException {
            int n = super.read(buffer, offset, length);
            if (n > 0) {
                count += n;
            }
            return n;
        }

        long count() {
            return count;
        }
    }
}
