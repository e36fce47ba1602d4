package dev.santong.channelsync.sequence;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Finds missing sequence numbers in what one workstation sent for one business day. Transactions are taken in
 * business-time order; where the sequence number falls back (a reinstalled POS starting again at 1) a new run
 * begins, and gaps are only looked for inside a run, so a restart is never reported as thousands of missing
 * transactions. A gap closes as soon as the missing transactions arrive.
 */
public final class SequenceGaps {

    /** @param installation the POS installation that numbered it; empty when the POS did not say */
    public record Seen(long sequence, String installation) {
    }

    public record Gap(String storeId, String workstationId, LocalDate businessDay, long firstMissing, long lastMissing) {

        public long missing() {
            return lastMissing - firstMissing + 1;
        }

        /** What a store manager and HQ read, e.g. "store 12, till 3, day 2026-11-20: 1041–1043 missing". */
        public String describe() {
            String range = firstMissing == lastMissing ? Long.toString(firstMissing) : firstMissing + "–" + lastMissing;
            return "store " + storeId + ", till " + workstationId + ", day " + businessDay + ": " + range + " missing";
        }
    }

    private SequenceGaps() {
    }

    /**
     * Gaps in sequence-number order per POS installation, whatever the business times say: a till's clock may jump
     * back or ahead, its numbering does not. A reinstalled POS (a new installation id) numbers a run of its own.
     */
    public static List<Gap> find(String storeId, String workstationId, LocalDate day, List<Seen> seen) {
        Map<String, List<Long>> runs = new TreeMap<>();
        for (Seen transaction : seen) {
            runs.computeIfAbsent(transaction.installation() == null ? "" : transaction.installation(), k -> new ArrayList<>())
                    .add(transaction.sequence());
        }
        List<Gap> gaps = new ArrayList<>();
        runs.values().forEach(run -> gaps.addAll(gapsIn(storeId, workstationId, day, run)));
        return gaps;
    }

    private static List<Gap> gapsIn(String storeId, String workstationId, LocalDate day, List<Long> run) {
        List<Long> sorted = run.stream().distinct().sorted().toList();
        List<Gap> gaps = new ArrayList<>();
        for (int i = 1; i < sorted.size(); i++) {
            long before = sorted.get(i - 1);
            long after = sorted.get(i);
            if (after > before + 1) {
                gaps.add(new Gap(storeId, workstationId, day, before + 1, after - 1));
            }
        }
        return gaps;
    }
}
