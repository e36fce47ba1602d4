package dev.santong.platform.kit.web;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;

import dev.santong.platform.kit.problem.InvalidRequestException;

/**
 * A list's position: the sort key of the last item a page held, opaque to clients (URL-safe Base64), so that an item
 * written meanwhile never shifts a page already read. Read back with {@link #parse}, which refuses anything a list did
 * not give out as a 400 naming the {@code cursor} parameter.
 */
public record Cursor(List<String> keys) {

    private static final char SEPARATOR = '\u001f';
    // Marks a cursor as one of ours: a made-up string that happens to be Base64 is refused, not read as a position.
    private static final String MARK = "c1";
    private static final int MAX_ENCODED = 512;

    public Cursor {
        keys = List.copyOf(keys);
    }

    public static Cursor of(String... keys) {
        return new Cursor(List.of(keys));
    }

    public String encoded() {
        return Base64.getUrlEncoder().withoutPadding()
                .encodeToString((MARK + SEPARATOR + String.join(String.valueOf(SEPARATOR), keys)).getBytes(StandardCharsets.UTF_8));
    }

    public String key(int index) {
        return keys.get(index);
    }

    /** @param arity how many keys this list's cursors hold; {@code null} or blank is the first page (none) */
    public static java.util.Optional<Cursor> parse(String encoded, int arity) {
        if (encoded == null || encoded.isBlank()) {
            return java.util.Optional.empty();
        }
        try {
            if (encoded.length() > MAX_ENCODED) {
                throw new IllegalArgumentException("too long");
            }
            String plain = new String(Base64.getUrlDecoder().decode(encoded), StandardCharsets.UTF_8);
            List<String> parts = List.of(plain.split(String.valueOf(SEPARATOR), -1));
            List<String> keys = parts.subList(1, parts.size());
            if (!MARK.equals(parts.getFirst()) || keys.size() != arity || keys.stream().anyMatch(String::isEmpty)) {
                throw new IllegalArgumentException("not this list's cursor");
            }
            return java.util.Optional.of(new Cursor(keys));
        } catch (IllegalArgumentException e) {
            throw notGivenOut();
        }
    }

    /**
     * Where a list ordered by a moment and then a key goes on, as a query's parameters ({@code at} a SQL time): both
     * null on the first page.
     */
    public record After(String at, String key) {

        /** The key, for a list whose key is a whole number. */
        public Long keyAsNumber() {
            return key == null ? null : number(key);
        }
    }

    /** The position a cursor of a moment-and-key list gave out (see {@link #at}), or the first page's. */
    public static After after(String cursor) {
        return parse(cursor, 2).map(position -> new After(dev.santong.platform.kit.persistence.SqlTime.of(instant(position.key(0))),
                position.key(1))).orElse(new After(null, null));
    }

    /** The cursor of a moment-and-key list's last item. */
    public static Cursor at(java.time.Instant moment, Object key) {
        return of(micros(moment), String.valueOf(key));
    }

    /** A moment as a key: microseconds since the epoch, the precision the databases keep. */
    private static String micros(java.time.Instant instant) {
        return Long.toString(instant.getEpochSecond() * 1_000_000 + instant.getNano() / 1_000);
    }

    /** A key written by {@link #micros}, read back. */
    private static java.time.Instant instant(String key) {
        long micros = number(key);
        return java.time.Instant.ofEpochSecond(Math.floorDiv(micros, 1_000_000), Math.floorMod(micros, 1_000_000) * 1_000);
    }

    /** A key that a list wrote as a whole number, read back; anything else is a cursor no list gave out. */
    public static long number(String key) {
        try {
            return Long.parseLong(key);
        } catch (NumberFormatException e) {
            throw notGivenOut();
        }
    }

    /** The 400 for a cursor whose keys a list cannot read back: not one it gave out. */
    public static InvalidRequestException notGivenOut() {
        return new InvalidRequestException("cursor", "unknown-cursor", dev.santong.platform.kit.problem.ProblemTexts.reason("unknown-cursor",
                "is not a cursor this list gave out; start again without one"));
    }
}
