package dev.santong.channelsync.sequence;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import dev.santong.platform.kit.security.CallerIdentity;

@RestController
@RequestMapping("/api/sync")
class SequenceController {

    /** @param text e.g. "store 12, till 3, day 2026-11-20: 1041–1043 missing" */
    record GapView(String storeId, String workstationId, LocalDate businessDay, long firstMissing, long lastMissing, long missing, String text) {
    }

    private final JdbcClient jdbc;

    SequenceController(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** A store's own gaps for a business day; they disappear as soon as the missing transactions arrive. */
    @GetMapping("/stores/{storeId}/gaps")
    List<GapView> ofStore(@PathVariable String storeId, @RequestParam LocalDate day, Authentication authentication) {
        CallerIdentity caller = CallerIdentity.of(authentication);
        if (!caller.isHq() && !caller.actsForStore(storeId)) {
            throw new AccessDeniedException("a store sees its own gaps");
        }
        return gaps(storeId, day);
    }

    /** Every store's gaps for a business day, for HQ. */
    @GetMapping("/gaps")
    @PreAuthorize("hasAnyRole('hq-admin', 'hq-analyst')")
    List<GapView> all(@RequestParam LocalDate day) {
        return gaps(null, day);
    }

    private List<GapView> gaps(String storeId, LocalDate day) {
        Map<String, List<SequenceGaps.Seen>> byTill = new LinkedHashMap<>();
        jdbc.sql("SELECT store_id, workstation_id, sequence_number, installation_id FROM pos_transaction WHERE business_day = :day"
                        + (storeId == null ? "" : " AND store_id = :store") + " ORDER BY store_id, workstation_id")
                .params(storeId == null ? Map.of("day", day) : Map.of("day", day, "store", storeId))
                .query((rs, n) -> {
                    byTill.computeIfAbsent(rs.getString("store_id") + "\u001f" + rs.getString("workstation_id"), k -> new ArrayList<>())
                            .add(new SequenceGaps.Seen(rs.getLong("sequence_number"), rs.getString("installation_id")));
                    return null;
                }).list();
        List<GapView> views = new ArrayList<>();
        byTill.forEach((till, seen) -> {
            String[] parts = till.split("\u001f");
            for (SequenceGaps.Gap gap : SequenceGaps.find(parts[0], parts[1], day, seen)) {
                views.add(new GapView(gap.storeId(), gap.workstationId(), gap.businessDay(), gap.firstMissing(), gap.lastMissing(),
                        gap.missing(), gap.describe()));
            }
        });
        return views;
    }
}
