package dev.santong.channelsync.sequence;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

class SequenceGapsTest {

    private static final LocalDate DAY = LocalDate.parse("2026-11-20");
    private static final Instant OPEN = Instant.parse("2026-11-20T01:00:00Z");

    private static List<SequenceGaps.Seen> seen(long... sequences) {
        List<SequenceGaps.Seen> seen = new ArrayList<>();
        for (int i = 0; i < sequences.length; i++) {
            seen.add(new SequenceGaps.Seen(sequences[i], OPEN.plusSeconds(60L * i)));
        }
        return seen;
    }

    @Test
    void missingNumbersAreReportedAsRanges() {
        List<SequenceGaps.Gap> gaps = SequenceGaps.find("12", "3", DAY, seen(1038, 1039, 1040, 1044, 1045, 1047));
        assertThat(gaps).extracting(SequenceGaps.Gap::describe)
                .containsExactly("store 12, till 3, day 2026-11-20: 1041–1043 missing", "store 12, till 3, day 2026-11-20: 1046 missing");
    }

    @Test
    void aGapClosesWhenTheMissingTransactionsArriveInAnyOrder() {
        List<SequenceGaps.Seen> all = new ArrayList<>(seen(1038, 1039, 1040, 1044));
        all.add(new SequenceGaps.Seen(1042, OPEN.plusSeconds(130)));
        all.add(new SequenceGaps.Seen(1041, OPEN.plusSeconds(125)));
        assertThat(SequenceGaps.find("12", "3", DAY, all)).extracting(SequenceGaps.Gap::describe)
                .containsExactly("store 12, till 3, day 2026-11-20: 1043 missing");
        all.add(new SequenceGaps.Seen(1043, OPEN.plusSeconds(135)));
        assertThat(SequenceGaps.find("12", "3", DAY, all)).isEmpty();
    }

    @Test
    void aReinstalledPosStartingAgainAtOneIsNotAGap() {
        assertThat(SequenceGaps.find("9", "1", DAY, seen(5001, 5002, 5003, 1, 2, 3))).isEmpty();
        assertThat(SequenceGaps.find("9", "1", DAY, seen(5001, 5003, 1, 2, 4))).extracting(SequenceGaps.Gap::describe)
                .containsExactly("store 9, till 1, day 2026-11-20: 5002 missing", "store 9, till 1, day 2026-11-20: 3 missing");
    }
}
