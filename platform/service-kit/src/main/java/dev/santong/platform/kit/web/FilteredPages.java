package dev.santong.platform.kit.web;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/**
 * A page of a list whose rows are read in key order from one place and kept or dropped by a rule that lives elsewhere
 * (another module's listing, a price in force): batches are read from the cursor until the page is full or
 * {@code maxScanned} rows were read. Then the cursor is where the reading stopped, so a page may hold fewer items than
 * asked for; only a missing {@code next} means the end.
 */
public final class FilteredPages {

    private FilteredPages() {
    }

    /**
     * @param read    up to {@code batch} rows after the key given (from the start when empty), in key order
     * @param keep    the rows of a batch that are shown, in the batch's order, as what the page holds
     */
    public static <R, S> Page<S> read(String cursor, int limit, int batch, int maxScanned, Function<Optional<String>, List<R>> read,
            Function<R, String> keyOfRow, Function<List<R>, List<S>> keep, Function<S, String> keyOfKept) {
        Optional<String> after = Cursor.parse(cursor, 1).map(position -> position.key(0));
        List<S> kept = new ArrayList<>();
        int scanned = 0;
        while (true) {
            List<R> rows = read.apply(after);
            if (rows.isEmpty()) {
                return new Page<>(kept, null);
            }
            for (S shown : keep.apply(rows)) {
                kept.add(shown);
                if (kept.size() == limit) {
                    // The next page starts after the last item kept, whatever this batch held beyond it.
                    return new Page<>(kept, Cursor.of(keyOfKept.apply(shown)).encoded());
                }
            }
            scanned += rows.size();
            after = Optional.of(keyOfRow.apply(rows.getLast()));
            if (rows.size() < batch) {
                return new Page<>(kept, null);
            }
            if (scanned >= maxScanned) {
                return new Page<>(kept, Cursor.of(after.get()).encoded());
            }
        }
    }
}
