package dev.santong.platform.kit.persistence;

/** LIKE patterns from caller-given text, whose own {@code %} and {@code _} must match only themselves. */
public final class SqlLike {

    private SqlLike() {
    }

    /** A pattern matching every value that starts with {@code prefix} (MySQL and MariaDB's default escape, backslash). */
    public static String startingWith(String prefix) {
        return escape(prefix) + "%";
    }

    /** A pattern matching every value that contains {@code part}. */
    public static String containing(String part) {
        return "%" + escape(part) + "%";
    }

    private static String escape(String text) {
        return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_");
    }
}
