package dev.santong.platform.kit.web;

import java.util.List;
import java.util.function.Function;

import com.fasterxml.jackson.annotation.JsonInclude;

import io.swagger.v3.oas.annotations.media.Schema;

/**
 * One page of a list, the one shape every Santong collection answers with: the items, and the opaque cursor that asks
 * for the page after this one ({@code null} after the last).
 */
public record Page<T>(List<T> items,
        @JsonInclude(JsonInclude.Include.NON_NULL) @Schema(description = "Pass as cursor for the next page; absent after the last page", example = "T1gtQkxVLU0") String next) {

    public Page {
        items = List.copyOf(items);
    }

    /** A collection small by nature (a member's tags, a case's history): all of it, one page, no next. */
    public static <T> Page<T> all(List<T> items) {
        return new Page<>(items, null);
    }

    /**
     * The page of {@code limit} items out of {@code fetched}, which holds one more row than asked for when there is a
     * next page; the cursor is made from the page's last item.
     */
    public static <T> Page<T> of(List<T> fetched, int limit, Function<T, Cursor> cursorOf) {
        if (fetched.size() <= limit) {
            return new Page<>(fetched, null);
        }
        List<T> page = fetched.subList(0, limit);
        return new Page<>(page, cursorOf.apply(page.getLast()).encoded());
    }

    /** The same page with each item turned into what the list shows; the cursor stays. */
    public <R> Page<R> map(Function<T, R> view) {
        return new Page<>(items.stream().map(view).toList(), next);
    }
}
