package dev.santong.member.privacy;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

import dev.santong.platform.kit.persistence.ConcurrentWriteRetry;
import dev.santong.platform.kit.persistence.SqlTime;

import io.swagger.v3.oas.annotations.media.Schema;

/** The notice texts HQ publishes, one version after another per purpose. Published texts never change. */
@Component
class ConsentNotices {

    @Schema(example = """
            {"purpose": "MARKETING_SMS", "version": 1, "text": "We may text you offers. Reply TD to stop at any time.", \
            "publishedAt": "2026-11-01T08:00:00Z", "publishedBy": "hq-admin"}""")
    public record Notice(ConsentPurpose purpose, int version, String text, Instant publishedAt, String publishedBy) {
    }

    private final JdbcClient jdbc;
    private final TransactionTemplate transactions;
    private final Clock clock;

    ConsentNotices(JdbcClient jdbc, TransactionTemplate transactions, Clock clock) {
        this.jdbc = jdbc;
        this.transactions = transactions;
        this.clock = clock;
    }

    public record Published(Notice notice, boolean isNew) {
    }

    /**
     * The next version of the purpose's notice; two HQ users publishing at once get consecutive versions. The same
     * text as the current version (a form sent twice) is that version, not a new one.
     */
    public Published publish(ConsentPurpose purpose, String text, String by) {
        return ConcurrentWriteRetry.inTransaction(transactions, 3, status -> {
            Optional<Notice> current = current().stream().filter(notice -> notice.purpose() == purpose).findFirst();
            if (current.isPresent() && current.get().text().equals(text)) {
                return new Published(current.get(), false);
            }
            int next = current.map(notice -> notice.version() + 1).orElse(1);
            Instant now = clock.instant();
            jdbc.sql("INSERT INTO consent_notice (purpose, version, text, published_at, published_by) VALUES (:p, :v, :t, :at, :by)")
                    .param("p", purpose.name()).param("v", next).param("t", text).param("at", SqlTime.of(now)).param("by", by)
                    .update();
            return new Published(new Notice(purpose, next, text, now, by), true);
        });
    }

    public Optional<Notice> find(ConsentPurpose purpose, int version) {
        return jdbc.sql("SELECT purpose, version, text, published_at, published_by FROM consent_notice WHERE purpose = :p AND version = :v")
                .param("p", purpose.name()).param("v", version).query(ConsentNotices::notice).optional();
    }

    /** The latest version of every purpose: what a shop or till shows before asking. */
    public List<Notice> current() {
        return jdbc.sql("""
                SELECT n.purpose, n.version, n.text, n.published_at, n.published_by FROM consent_notice n
                WHERE n.version = (SELECT MAX(version) FROM consent_notice m WHERE m.purpose = n.purpose)
                ORDER BY n.purpose""")
                .query(ConsentNotices::notice).list();
    }

    private static Notice notice(java.sql.ResultSet rs, int n) throws java.sql.SQLException {
        return new Notice(ConsentPurpose.valueOf(rs.getString("purpose")), rs.getInt("version"), rs.getString("text"),
                rs.getTimestamp("published_at").toInstant(), rs.getString("published_by"));
    }
}
