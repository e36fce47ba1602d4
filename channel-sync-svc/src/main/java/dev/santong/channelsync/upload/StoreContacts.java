package dev.santong.channelsync.upload;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import dev.santong.platform.kit.persistence.SqlTime;

/** When each store last reached Santong, and how: the first sign of a store drifting is silence. */
@Component
public class StoreContacts {

    public enum Kind { UPLOAD, DOWNLOAD, OTHER }

    public record Contact(Instant lastContactAt, Instant lastUploadAt, Instant lastDownloadAt) {
    }

    private final JdbcClient jdbc;
    private final Clock clock;

    StoreContacts(JdbcClient jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    public void touch(String storeId, Kind kind) {
        var now = SqlTime.of(clock.instant());
        jdbc.sql("""
                INSERT INTO store_contact (store_id, last_contact_at, last_upload_at, last_download_at) VALUES (:s, :now, :up, :down)
                ON DUPLICATE KEY UPDATE last_contact_at = GREATEST(last_contact_at, VALUES(last_contact_at)),
                    last_upload_at = COALESCE(GREATEST(last_upload_at, VALUES(last_upload_at)), last_upload_at, VALUES(last_upload_at)),
                    last_download_at = COALESCE(GREATEST(last_download_at, VALUES(last_download_at)), last_download_at, VALUES(last_download_at))""")
                .param("s", storeId).param("now", now).param("up", kind == Kind.UPLOAD ? now : null)
                .param("down", kind == Kind.DOWNLOAD ? now : null)
                .update();
    }

    public Optional<Contact> of(String storeId) {
        return jdbc.sql("SELECT last_contact_at, last_upload_at, last_download_at FROM store_contact WHERE store_id = :s")
                .param("s", storeId)
                .query((rs, n) -> new Contact(instant(rs.getTimestamp(1)), instant(rs.getTimestamp(2)), instant(rs.getTimestamp(3))))
                .optional();
    }

    /** Each store's last contact by its own tills, for the metrics. */
    public java.util.Map<String, Instant> lastContactByStore() {
        java.util.Map<String, Instant> last = new java.util.TreeMap<>();
        jdbc.sql("SELECT store_id, last_contact_at FROM store_contact WHERE last_contact_at IS NOT NULL")
                .query((rs, n) -> last.put(rs.getString(1), instant(rs.getTimestamp(2)))).list();
        return last;
    }

    /** Whether the store ever reached Santong. */
    public boolean isKnown(String storeId) {
        return jdbc.sql("""
                SELECT EXISTS (SELECT 1 FROM store_contact WHERE store_id = :s) OR EXISTS (SELECT 1 FROM pos_batch WHERE store_id = :s)""")
                .param("s", storeId).query(Boolean.class).single();
    }

    /** Every store that ever reached Santong. */
    public List<String> known() {
        return jdbc.sql("SELECT store_id FROM store_contact UNION SELECT DISTINCT store_id FROM pos_batch").query(String.class).list();
    }

    private static Instant instant(Timestamp timestamp) {
        return timestamp == null ? null : timestamp.toInstant();
    }
}
