package dev.santong.platform.testkit;

import java.util.ArrayList;
import java.util.List;

/** The string literals and text blocks of a Java source, comments skipped: where a class keeps its SQL. */
final class JavaLiterals {

    private JavaLiterals() {
    }

    static List<String> stringsIn(String source) {
        List<String> literals = new ArrayList<>();
        int i = 0;
        int length = source.length();
        while (i < length) {
            char c = source.charAt(i);
            if (source.startsWith("//", i)) {
                i = endOf(source, "\n", i + 2);
            } else if (source.startsWith("/*", i)) {
                i = endOf(source, "*/", i + 2);
            } else if (source.startsWith("\"\"\"", i)) {
                int end = closing(source, "\"\"\"", i + 3);
                literals.add(source.substring(i + 3, Math.min(end, length)));
                i = end + 3;
            } else if (c == '"') {
                int end = closing(source, "\"", i + 1);
                literals.add(source.substring(i + 1, Math.min(end, length)));
                i = end + 1;
            } else if (c == '\'') {
                i = closing(source, "'", i + 1) + 1;
            } else {
                i++;
            }
        }
        return literals;
    }

    private static int endOf(String source, String terminator, int from) {
        int end = source.indexOf(terminator, from);
        return end < 0 ? source.length() : end + terminator.length();
    }

    /** The index of the unescaped terminator at or after {@code from}. */
    private static int closing(String source, String terminator, int from) {
        int i = from;
        while (i < source.length()) {
            if (source.charAt(i) == '\\') {
                i += 2;
            } else if (source.startsWith(terminator, i)) {
                return i;
            } else {
                i++;
            }
        }
        return source.length();
    }
}
