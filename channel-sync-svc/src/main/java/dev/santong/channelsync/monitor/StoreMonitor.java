package dev.santong.channelsync.monitor;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import dev.santong.platform.kit.problem.ResourceNotFoundException;

import dev.santong.channelsync.apply.ApplyWork;
import dev.santong.channelsync.receipt.Receipt;
import dev.santong.channelsync.reconcile.DayCloses;
import dev.santong.channelsync.upload.Conflicts;
import dev.santong.channelsync.upload.ReceivedTransactions;
import dev.santong.channelsync.upload.StoreContacts;
import dev.santong.platform.kit.security.CallerIdentity;
import dev.santong.platform.kit.web.BareInVersion1;
import dev.santong.platform.kit.web.Page;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;

import io.swagger.v3.oas.annotations.media.Schema;

/**
 * Per store: when it last reached Santong, its oldest transaction not yet applied (and how long it has waited), work
 * still pending, quarantined work and conflicts, and its last closed day, with plain warnings when a figure drifts.
 */
@RestController
@Tag(name = "Store health", description = "How each store's tills are doing: contact, backlog, quarantine, conflicts, gaps")
@RequestMapping("/api/sync")
class StoreMonitor {

    record Oldest(String reference, Instant businessTime, Instant receivedAt, long waitingSeconds) {
    }

    @Schema(example = """
            {"storeId": "9", "lastContactAt": "2026-11-20T10:02:00Z", "lastUploadAt": "2026-11-20T10:01:30Z", \
                "lastDownloadAt": "2026-11-20T09:30:00Z", "oldestUnapplied": {"reference": "9-34-20261120-161", \
                "businessTime": "2026-11-20T02:02:54Z", "receivedAt": "2026-11-20T10:01:30Z", "waitingSeconds": 40}, "pendingWork": 3, \
                "quarantined": 1, "conflicts": 0, "lastClosedDay": "2026-11-19", "warnings": ["1 quarantined"]}""")
    record StoreHealth(String storeId, Instant lastContactAt, Instant lastUploadAt, Instant lastDownloadAt, Oldest oldestUnapplied,
            long pendingWork, long quarantined, long conflicts, LocalDate lastClosedDay, List<String> warnings) {
    }

    private final StoreContacts contacts;
    private final ReceivedTransactions received;
    private final ApplyWork work;
    private final Conflicts conflicts;
    private final DayCloses closes;
    private final Clock clock;
    private final Duration silenceWarning;
    private final Duration backlogWarning;

    StoreMonitor(StoreContacts contacts, ReceivedTransactions received, ApplyWork work, Conflicts conflicts, DayCloses closes, Clock clock,
            @Value("${santong.sync.monitor.silence-warning:24h}") Duration silenceWarning,
            @Value("${santong.sync.monitor.backlog-warning:1h}") Duration backlogWarning) {
        this.contacts = contacts;
        this.received = received;
        this.work = work;
        this.conflicts = conflicts;
        this.closes = closes;
        this.clock = clock;
        this.silenceWarning = silenceWarning;
        this.backlogWarning = backlogWarning;
    }

    @Operation(operationId = "getStoreHealth",
            summary = "A store's last contact, unapplied backlog, quarantined transactions, open conflicts and gaps (the store's own, or HQ)")
    @GetMapping("/stores/{storeId}/health")
    StoreHealth store(@PathVariable String storeId, Authentication authentication) {
        CallerIdentity caller = CallerIdentity.of(authentication);
        if (!caller.actsForStore(storeId) && !caller.isHq()) {
            throw new AccessDeniedException("a store sees its own figures only");
        }
        if (!contacts.isKnown(storeId)) {
            throw new ResourceNotFoundException("store that reached Santong", storeId);
        }
        return health(storeId);
    }

    /** Every store that ever reached Santong, the ones needing attention first. */
    @Operation(operationId = "listStoreHealth", summary = "Every store that ever reached Santong, the ones needing attention first (HQ)")
    @GetMapping("/stores/health")
    @PreAuthorize("hasAnyRole('hq-admin', 'hq-analyst')")
    @BareInVersion1
    Page<StoreHealth> all() {
        List<StoreHealth> stores = new ArrayList<>(contacts.known().stream().map(this::health).toList());
        stores.sort(java.util.Comparator.comparing((StoreHealth health) -> -health.warnings().size()).thenComparing(StoreHealth::storeId));
        return Page.all(stores);
    }

    private StoreHealth health(String storeId) {
        Instant now = clock.instant();
        StoreContacts.Contact contact = contacts.of(storeId).orElse(new StoreContacts.Contact(null, null, null));
        Oldest oldest = received.oldestUnapplied(storeId)
                .map(waiting -> new Oldest(Receipt.reference(storeId, waiting.businessDay(), waiting.workstationId(), waiting.sequenceNumber()),
                        waiting.businessTime(), waiting.receivedAt(), Duration.between(waiting.receivedAt(), now).toSeconds()))
                .orElse(null);
        long pending = work.count(storeId, ApplyWork.Status.PENDING);
        long quarantined = work.count(storeId, ApplyWork.Status.QUARANTINED);
        long openConflicts = conflicts.openCount(storeId);
        LocalDate lastClosed = closes.lastClosedDay(storeId).orElse(null);
        List<String> warnings = new ArrayList<>();
        if (contact.lastContactAt() == null || Duration.between(contact.lastContactAt(), now).compareTo(silenceWarning) > 0) {
            warnings.add("no contact for more than " + silenceWarning.toHours() + " h");
        }
        if (oldest != null && oldest.waitingSeconds() > backlogWarning.toSeconds()) {
            warnings.add("transactions waiting to be applied for more than " + backlogWarning.toMinutes() + " min");
        }
        if (quarantined > 0) {
            warnings.add(quarantined + " quarantined");
        }
        if (openConflicts > 0) {
            warnings.add(openConflicts + " open conflict(s) for HQ to decide");
        }
        return new StoreHealth(storeId, contact.lastContactAt(), contact.lastUploadAt(), contact.lastDownloadAt(), oldest, pending, quarantined,
                openConflicts, lastClosed, warnings);
    }
}
