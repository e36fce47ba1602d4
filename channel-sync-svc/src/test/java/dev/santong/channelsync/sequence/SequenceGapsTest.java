package dev.santong.channelsync.sequence;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

class SequenceGapsTest {

    private static final LocalDate DAY = LocalDate.parse("2026-11-20");

    private static List<SequenceGaps.Seen> seen(long... sequences) {
        return installation("", sequences);
    }

    private static List<SequenceGaps.Seen> installation(String id, long... sequences) {
        List<SequenceGaps.Seen> seen = new ArrayList<>();
        for (long sequence : sequences) {
            seen.add(new SequenceGaps.Seen(sequence, id));
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
        all.add(new SequenceGaps.Seen(1042, ""));
        all.add(new SequenceGaps.Seen(1041, ""));
        assertThat(SequenceGaps.find("12", "3", DAY, all)).extracting(SequenceGaps.Gap::describe)
                .containsExactly("store 12, till 3, day 2026-11-20: 1043 missing");
        all.add(new SequenceGaps.Seen(1043, ""));
        assertThat(SequenceGaps.find("12", "3", DAY, all)).isEmpty();
    }

    @Test
    void aReinstalledPosStartingAgainAtOneIsNotAGap() {
        List<SequenceGaps.Seen> day = new ArrayList<>(installation("pos-a", 5001, 5002, 5003));
        day.addAll(installation("pos-b", 1, 2, 3));
        assertThat(SequenceGaps.find("9", "1", DAY, day)).isEmpty();
        List<SequenceGaps.Seen> gappy = new ArrayList<>(installation("pos-a", 5001, 5003));
        gappy.addAll(installation("pos-b", 1, 2, 4));
        assertThat(SequenceGaps.find("9", "1", DAY, gappy)).extracting(SequenceGaps.Gap::describe)
                .containsExactly("store 9, till 1, day 2026-11-20: 5002 missing", "store 9, till 1, day 2026-11-20: 3 missing");
    }

    /** Gaps follow the numbering, not the clock: a till whose clock jumped back shows no false, overlapping gaps. */
    @Test
    void aTillWhoseClockIsNotMonotonicShowsOnlyRealGaps() {
        // 1041 was rung at 10:00, 1042 at 09:58 (the clock was set back), 1043 at 10:01; 1045 is really missing.
        assertThat(SequenceGaps.find("12", "3", DAY, seen(1041, 1042, 1043, 1044, 1046))).extracting(SequenceGaps.Gap::describe)
                .containsExactly("store 12, till 3, day 2026-11-20: 1045 missing");
    }
}
