package dev.santong.channelsync.upload;


import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Size;

import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import dev.santong.platform.kit.security.CallerIdentity;
import dev.santong.platform.kit.web.BareInVersion1;
import dev.santong.platform.kit.web.Page;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;

/** Conflicting uploads with both versions side by side: a store sees its own, HQ every store's. */
@RestController
@Tag(name = "Conflicts", description = "Uploads that reused a key with other content, and HQ's decisions on them")
@RequestMapping("/api/sync")
class ConflictController {

    private final Conflicts conflicts;

    ConflictController(Conflicts conflicts) {
        this.conflicts = conflicts;
    }

    @Operation(operationId = "listStoreConflicts",
            summary = "A store's conflicting uploads: the applied version and the one that reused its key, side by side",
            description = "Open ones unless `status` names another (ACCEPTED, REJECTED); `all=true` lists every status.")
    @GetMapping("/stores/{storeId}/conflicts")
    @BareInVersion1
    Page<Conflicts.Conflict> ofStore(@PathVariable String storeId, @RequestParam(defaultValue = "OPEN") Conflicts.Status status,
            @RequestParam(defaultValue = "false") boolean all, @RequestParam(defaultValue = "100") @Min(1) @Max(1000) int limit,
            @RequestParam(required = false) @Size(max = 512) String cursor, Authentication authentication) {
        CallerIdentity caller = CallerIdentity.of(authentication);
        if (!caller.isHq() && !caller.actsForStore(storeId)) {
            throw new AccessDeniedException("a store sees its own conflicts");
        }
        return conflicts.list(storeId, all ? null : status, cursor, limit);
    }

    @Operation(operationId = "listConflicts",
            summary = "Every store's conflicting uploads, newest first (HQ); open ones unless `status` or `all` says otherwise")
    @GetMapping("/conflicts")
    @PreAuthorize("hasAnyRole('hq-admin', 'hq-analyst')")
    @BareInVersion1
    Page<Conflicts.Conflict> all(@RequestParam(defaultValue = "OPEN") Conflicts.Status status,
            @RequestParam(defaultValue = "false") boolean all, @RequestParam(defaultValue = "100") @Min(1) @Max(1000) int limit,
            @RequestParam(required = false) @Size(max = 512) String cursor) {
        return conflicts.list(null, all ? null : status, cursor, limit);
    }
}
