package dev.santong.channelsync.monitor;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import dev.santong.platform.kit.problem.ResourceNotFoundException;

import dev.santong.channelsync.receipt.Receipt;
import dev.santong.platform.kit.security.CallerIdentity;

/**
 * Per store: when it last reached Santong, its oldest transaction not yet applied (and how long it has waited), work
 * still pending, quarantined work and conflicts, and its last closed day, with plain warnings when a figure drifts.
 */
@RestController
@RequestMapping("/api/sync")
class StoreMonitor {

    record Oldest(String reference, Instant businessTime, Instant receivedAt, long waitingSeconds) {
    }

    record StoreHealth(String storeId, Instant lastContactAt, Instant lastUploadAt, Instant lastDownloadAt, Oldest oldestUnapplied,
            long pendingWork, long quarantined, long conflicts, LocalDate lastClosedDay, List<String> warnings) {
    }

    private final JdbcClient jdbc;
    private final Clock clock;
    private final Duration silenceWarning;
    private final Duration backlogWarning;

    StoreMonitor(JdbcClient jdbc, Clock clock, @Value("${santong.sync.monitor.silence-warning:24h}") Duration silenceWarning,
            @Value("${santong.sync.monitor.backlog-warning:1h}") Duration backlogWarning) {
        this.jdbc = jdbc;
        this.clock = clock;
        this.silenceWarning = silenceWarning;
        this.backlogWarning = backlogWarning;
    }

    @GetMapping("/stores/{storeId}/health")
    StoreHealth store(@PathVariable String storeId, Authentication authentication) {
        CallerIdentity caller = CallerIdentity.of(authentication);
        if (!caller.actsForStore(storeId) && !caller.isHq()) {
            throw new AccessDeniedException("a store sees its own figures only");
        }
        boolean known = jdbc.sql("""
                SELECT EXISTS (SELECT 1 FROM store_contact WHERE store_id = :s) OR EXISTS (SELECT 1 FROM pos_batch WHERE store_id = :s)""")
                .param("s", storeId).query(Boolean.class).single();
        if (!known) {
            throw new ResourceNotFoundException("store that reached Santong", storeId);
        }
        return health(storeId);
    }

    /** Every store that ever reached Santong, the ones needing attention first. */
    @GetMapping("/stores/health")
    @PreAuthorize("hasAnyRole('hq-admin', 'hq-analyst')")
    List<StoreHealth> all() {
        List<StoreHealth> stores = new ArrayList<>(known().stream().map(this::health).toList());
        stores.sort(java.util.Comparator.comparing((StoreHealth health) -> -health.warnings().size()).thenComparing(StoreHealth::storeId));
        return stores;
    }

    private List<String> known() {
        return jdbc.sql("SELECT store_id FROM store_contact UNION SELECT DISTINCT store_id FROM pos_batch").query(String.class).list();
    }

    private StoreHealth health(String storeId) {
        Instant now = clock.instant();
        var contact = jdbc.sql("SELECT last_contact_at, last_upload_at, last_download_at FROM store_contact WHERE store_id = :s")
                .param("s", storeId).query((rs, n) -> new Instant[] { instant(rs.getTimestamp(1)), instant(rs.getTimestamp(2)),
                        instant(rs.getTimestamp(3)) })
                .optional().orElse(new Instant[3]);
        Oldest oldest = jdbc.sql("""
                SELECT workstation_id, business_day, sequence_number, business_time, received_at FROM pos_transaction
                WHERE store_id = :s AND apply_status IN ('PENDING', 'APPLYING') ORDER BY received_at, id LIMIT 1""")
                .param("s", storeId)
                .query((rs, n) -> new Oldest(Receipt.reference(storeId, rs.getDate("business_day").toLocalDate(), rs.getString("workstation_id"),
                        rs.getLong("sequence_number")), instant(rs.getTimestamp("business_time")), instant(rs.getTimestamp("received_at")),
                        Duration.between(instant(rs.getTimestamp("received_at")), now).toSeconds()))
                .optional().orElse(null);
        long pending = count("SELECT COUNT(*) FROM apply_work WHERE store_id = :s AND status = 'PENDING'", storeId);
        long quarantined = count("SELECT COUNT(*) FROM apply_work WHERE store_id = :s AND status = 'QUARANTINED'", storeId);
        long conflicts = count("SELECT COUNT(*) FROM pos_transaction_conflict WHERE store_id = :s AND status = 'OPEN'", storeId);
        LocalDate lastClosed = jdbc.sql("SELECT business_day FROM day_close WHERE store_id = :s ORDER BY business_day DESC LIMIT 1")
                .param("s", storeId).query((rs, n) -> rs.getDate(1).toLocalDate()).optional().orElse(null);
        List<String> warnings = new ArrayList<>();
        if (contact[0] == null || Duration.between(contact[0], now).compareTo(silenceWarning) > 0) {
            warnings.add("no contact for more than " + silenceWarning.toHours() + " h");
        }
        if (oldest != null && oldest.waitingSeconds() > backlogWarning.toSeconds()) {
            warnings.add("transactions waiting to be applied for more than " + backlogWarning.toMinutes() + " min");
        }
        if (quarantined > 0) {
            warnings.add(quarantined + " quarantined");
        }
        if (conflicts > 0) {
            warnings.add(conflicts + " open conflict(s) for HQ to decide");
        }
        return new StoreHealth(storeId, contact[0], contact[1], contact[2], oldest, pending, quarantined, conflicts, lastClosed, warnings);
    }

    private long count(String sql, String storeId) {
        return jdbc.sql(sql).param("s", storeId).query(Long.class).single();
    }

    private static Instant instant(Timestamp timestamp) {
        return timestamp == null ? null : timestamp.toInstant();
    }
}
