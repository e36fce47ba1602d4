package dev.santong.channelsync.sequence;

import java.time.LocalDate;

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

@RestController
@Tag(name = "Sequence gaps", description = "Transactions a till numbered but Santong has not received")
@RequestMapping("/api/sync")
class SequenceController {

    private final DayGaps dayGaps;

    SequenceController(DayGaps dayGaps) {
        this.dayGaps = dayGaps;
    }

    /** A store's own gaps for a business day; they disappear as soon as the missing transactions arrive. */
    @Operation(operationId = "listStoreGaps",
            summary = "A store's own gaps in a business day's transaction numbers; each closes when the missing transaction arrives")
    @GetMapping("/stores/{storeId}/gaps")
    @BareInVersion1
    Page<DayGaps.GapView> ofStore(@PathVariable String storeId, @RequestParam LocalDate day, Authentication authentication) {
        CallerIdentity caller = CallerIdentity.of(authentication);
        if (!caller.isHq() && !caller.actsForStore(storeId)) {
            throw new AccessDeniedException("a store sees its own gaps");
        }
        return Page.all(dayGaps.of(storeId, day));
    }

    /** Every store's gaps for a business day, for HQ. */
    @Operation(operationId = "listGaps", summary = "Every store's gaps in a business day's transaction numbers (HQ)")
    @GetMapping("/gaps")
    @PreAuthorize("hasAnyRole('hq-admin', 'hq-analyst')")
    @BareInVersion1
    Page<DayGaps.GapView> all(@RequestParam LocalDate day) {
        return Page.all(dayGaps.of(null, day));
    }
}
