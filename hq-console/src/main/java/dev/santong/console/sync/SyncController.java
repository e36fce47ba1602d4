package dev.santong.console.sync;

import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import jakarta.servlet.http.HttpServletResponse;
import jakarta.validation.constraints.Size;

import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;

import dev.santong.console.web.Access;
import dev.santong.console.web.CsvExport;
import dev.santong.console.web.CsvExport.Column;
import dev.santong.console.web.Services;
import dev.santong.console.web.Services.Service;
import tools.jackson.databind.JsonNode;

/**
 * Uploads that need a person: transactions a service kept refusing (quarantine), replayed once the cause is fixed,
 * and versions that reused an applied transaction's key (conflicts), accepted as a correction or rejected. HQ sees
 * every store's, a store's staff their own; only HQ admin acts, each action asked for confirmation first.
 */
@Controller
@RequestMapping("/sync")
class SyncController {

    /** What HQ decides about a conflicting version. */
    enum Verdict { ACCEPT, REJECT }

    private final Services services;
    private final CsvExport csv;

    SyncController(Services services, CsvExport csv) {
        this.services = services;
        this.csv = csv;
    }

    /** Every store's quarantine and open conflicts (HQ): the frame; its parts load from {@code /quarantine} and {@code /conflicts}. */
    @GetMapping
    String page(Authentication authentication) {
        Access.requireHq(authentication);
        return "sync/page";
    }

    /**
     * Quarantined transactions, oldest first: a store's (its staff, or HQ) or every store's (HQ). With a cursor, the
     * next rows only, appended to the table already shown.
     */
    @GetMapping("/quarantine")
    String quarantine(@RequestParam(required = false) String store, @RequestParam(required = false) @Size(max = 512) String cursor,
            Authentication authentication, Model model) {
        allowedFor(store, authentication);
        JsonNode page = services.get(Service.SYNC, quarantinePath(store, cursor, 50));
        model.addAttribute("store", store);
        model.addAttribute("page", page);
        return cursor == null ? "sync/parts :: quarantine" : "sync/parts :: quarantine-rows";
    }

    /** The quarantine (a store's, or every store's) as a CSV file. */
    @GetMapping("/quarantine/export.csv")
    void exportQuarantine(@RequestParam(required = false) String store, Authentication authentication, HttpServletResponse response)
            throws IOException {
        allowedFor(store, authentication);
        csv.write(response, "quarantine" + (store == null ? "" : "-" + store), List.of(new Column("store", "/storeId"),
                new Column("sync.reference", "/reference"), new Column("sync.target", "/target"), new Column("sync.reason", "/reason"),
                new Column("sync.attempts", "/attempts"), new Column("sync.quarantinedAt", "/quarantinedAt")), Service.SYNC,
                cursor -> quarantinePath(store, cursor, 1000));
    }

    /** Works a quarantined transaction again from its first step (HQ admin); the row then says what came of it. */
    @PostMapping("/quarantine/{workId}/replay")
    String replay(@PathVariable long workId, Authentication authentication, Model model) {
        Access.requireHq(authentication);
        JsonNode replayed = services.post(Service.SYNC, Services.path("/api/sync/quarantine/{id}/replay", Map.of(), workId), Map.of());
        model.addAttribute("replayed", replayed);
        return "sync/parts :: replayed";
    }

    /** Conflicts, open ones unless {@code status} names another: a store's or every store's, as for the quarantine. */
    @GetMapping("/conflicts")
    String conflicts(@RequestParam(required = false) String store, @RequestParam(defaultValue = "OPEN") ConflictStatus status,
            @RequestParam(required = false) @Size(max = 512) String cursor, Authentication authentication, Model model) {
        allowedFor(store, authentication);
        JsonNode page = services.get(Service.SYNC, conflictsPath(store, status, cursor, 20));
        model.addAttribute("store", store);
        model.addAttribute("status", status);
        model.addAttribute("page", page);
        return cursor == null ? "sync/parts :: conflicts" : "sync/parts :: conflict-rows";
    }

    /** The conflicts (a store's, or every store's) in a status as a CSV file; each version's content in full. */
    @GetMapping("/conflicts/export.csv")
    void exportConflicts(@RequestParam(required = false) String store, @RequestParam(defaultValue = "OPEN") ConflictStatus status,
            Authentication authentication, HttpServletResponse response) throws IOException {
        allowedFor(store, authentication);
        csv.write(response, "conflicts-" + status.name().toLowerCase(java.util.Locale.ROOT), List.of(new Column("store", "/storeId"),
                new Column("sync.reference", "/reference"), new Column("sync.timesSent", "/timesSent"), new Column("status", "/status"),
                new Column("sync.stored", "/stored/payload"), new Column("sync.conflicting", "/conflicting/payload"),
                new Column("sync.note", "/decisionNote")), Service.SYNC, cursor -> conflictsPath(store, status, cursor, 500));
    }

    /** Accepts a conflicting version as a correction, or rejects it (HQ admin); the row then shows the decision. */
    @PostMapping("/conflicts/{conflictId}/decision")
    String decide(@PathVariable long conflictId, @RequestParam Verdict decision, @RequestParam(required = false) @Size(max = 500) String note,
            Authentication authentication, Model model) {
        Access.requireHq(authentication);
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("decision", decision);
        if (note != null && !note.isBlank()) {
            body.put("note", note.strip());
        }
        JsonNode decided = services.post(Service.SYNC, Services.path("/api/sync/conflicts/{id}/decision", Map.of(), conflictId), body);
        model.addAttribute("decided", decided);
        return "sync/parts :: decided";
    }

    enum ConflictStatus { OPEN, ACCEPTED, REJECTED }

    private static String conflictsPath(String store, ConflictStatus status, String cursor, int limit) {
        Map<String, Object> query = Services.query("status", status, "limit", limit, "cursor", cursor);
        return store == null ? Services.path("/api/sync/conflicts", query) : Services.path("/api/sync/stores/{store}/conflicts", query, store);
    }

    private static String quarantinePath(String store, String cursor, int limit) {
        Map<String, Object> query = Services.query("limit", limit, "cursor", cursor);
        return store == null ? Services.path("/api/sync/quarantine", query) : Services.path("/api/sync/stores/{store}/quarantine", query, store);
    }

    private static void allowedFor(String store, Authentication authentication) {
        if (store == null) {
            Access.requireHq(authentication);
        } else {
            Access.requireMaySee(store, authentication);
        }
    }
}
