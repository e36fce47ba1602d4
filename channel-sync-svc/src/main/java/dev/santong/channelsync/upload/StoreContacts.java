package dev.santong.channelsync.upload;

import java.time.Clock;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import dev.santong.platform.kit.persistence.SqlTime;

/** When each store last reached Santong, and how: the first sign of a store drifting is silence. */
@Component
public class StoreContacts {

    public enum Kind { UPLOAD, DOWNLOAD, OTHER }

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
}
