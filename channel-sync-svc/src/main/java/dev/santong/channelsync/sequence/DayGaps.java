package dev.santong.channelsync.sequence;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.springframework.stereotype.Component;

import dev.santong.channelsync.upload.ReceivedTransactions;

import io.swagger.v3.oas.annotations.media.Schema;

/** A business day's sequence gaps per store and till, from what was received. */
@Component
class DayGaps {

    /** @param text e.g. "store 12, till 3, day 2026-11-20: 1041–1043 missing" */
    @Schema(example = """
            {"storeId": "9", "workstationId": "34", "businessDay": "2026-11-20", "firstMissing": 158, "lastMissing": 159, "missing": 2, \
                "text": "store 9, till 34, day 2026-11-20: 158–159 missing"}""")
    record GapView(String storeId, String workstationId, LocalDate businessDay, long firstMissing, long lastMissing, long missing, String text) {
    }

    private final ReceivedTransactions received;

    DayGaps(ReceivedTransactions received) {
        this.received = received;
    }

    /** @param storeId null for every store */
    List<GapView> of(String storeId, LocalDate day) {
        Map<String, List<SequenceGaps.Seen>> byTill = new LinkedHashMap<>();
        for (ReceivedTransactions.Numbered numbered : received.numberedOn(day, storeId)) {
            byTill.computeIfAbsent(numbered.storeId() + "\u001f" + numbered.workstationId(), k -> new ArrayList<>())
                    .add(new SequenceGaps.Seen(numbered.sequenceNumber(), numbered.installationId()));
        }
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
