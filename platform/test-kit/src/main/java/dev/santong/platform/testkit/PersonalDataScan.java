package dev.santong.platform.testkit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Finds personal data in log text: mobile numbers of mainland China in any spelling (+86, spaces, dashes), other E.164
 * numbers, e-mail addresses, bearer tokens and payment card numbers (Luhn-checked). A match must stand alone: digits
 * inside a trace id, a UUID or a timestamp are not a phone number.
 */
public final class PersonalDataScan {

    /** @param kind what was found; {@code excerpt} the line with the match masked, so the report leaks nothing itself */
    public record Finding(Path file, int line, String kind, String excerpt) {
    }

    private static final String ALONE_BEFORE = "(?<![0-9A-Za-z_+\\-./])";
    private static final String ALONE_AFTER = "(?![0-9A-Za-z_])";
    private static final Pattern CN_MOBILE = Pattern.compile(ALONE_BEFORE + "(?:\\+?86[ -]?)?1[3-9]\\d(?:[ -]?\\d{4}){2}" + ALONE_AFTER);
    private static final Pattern E164 = Pattern.compile("(?<![0-9A-Za-z_])\\+[1-9]\\d{7,14}" + ALONE_AFTER);
    private static final Pattern EMAIL = Pattern.compile("[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(?:\\.[A-Za-z0-9-]+)*\\.[A-Za-z]{2,}");
    private static final Pattern TOKEN = Pattern.compile("eyJ[A-Za-z0-9_-]{8,}\\.eyJ[A-Za-z0-9_-]{8,}\\.[A-Za-z0-9_-]*");
    private static final Pattern CARD = Pattern.compile(ALONE_BEFORE + "(?:[3-6]\\d{3}(?:[ -]?\\d{4}){2}[ -]?\\d{3,4}|[3-6]\\d{14,15})" + ALONE_AFTER);

    private PersonalDataScan() {
    }

    public static List<Finding> scan(Path file) {
        List<Finding> findings = new ArrayList<>();
        try (Stream<String> lines = Files.lines(file, StandardCharsets.UTF_8)) {
            int[] number = { 0 };
            lines.forEach(line -> {
                number[0]++;
                for (String kind : kindsIn(line)) {
                    findings.add(new Finding(file, number[0], kind, mask(line)));
                }
            });
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (UncheckedIOException e) {
            // Not UTF-8 (a binary dump): read as Latin-1 so nothing is skipped.
            return scanLatin1(file);
        }
        return findings;
    }

    private static List<Finding> scanLatin1(Path file) {
        List<Finding> findings = new ArrayList<>();
        try {
            List<String> lines = Files.readAllLines(file, StandardCharsets.ISO_8859_1);
            for (int i = 0; i < lines.size(); i++) {
                for (String kind : kindsIn(lines.get(i))) {
                    findings.add(new Finding(file, i + 1, kind, mask(lines.get(i))));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return findings;
    }

    /** The kinds of personal data on one line, none when clean. */
    public static List<String> kindsIn(String line) {
        List<String> kinds = new ArrayList<>();
        if (CN_MOBILE.matcher(line).find()) {
            kinds.add("mobile number");
        } else if (E164.matcher(line).find()) {
            kinds.add("phone number");
        }
        if (EMAIL.matcher(line).find()) {
            kinds.add("e-mail address");
        }
        if (TOKEN.matcher(line).find()) {
            kinds.add("bearer token");
        }
        Matcher card = CARD.matcher(line);
        while (card.find()) {
            if (luhn(card.group().replaceAll("[ -]", ""))) {
                kinds.add("card number");
                break;
            }
        }
        return kinds;
    }

    private static String mask(String line) {
        String masked = line;
        for (Pattern pattern : List.of(TOKEN, EMAIL, CARD, CN_MOBILE, E164)) {
            masked = pattern.matcher(masked).replaceAll("***");
        }
        return masked.length() > 200 ? masked.substring(0, 200) + "…" : masked;
    }

    static boolean luhn(String digits) {
        int sum = 0;
        for (int i = 0; i < digits.length(); i++) {
            int digit = digits.charAt(digits.length() - 1 - i) - '0';
            if (i % 2 == 1) {
                digit *= 2;
                if (digit > 9) {
                    digit -= 9;
                }
            }
            sum += digit;
        }
        return sum % 10 == 0;
    }
}
