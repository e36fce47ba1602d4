package dev.santong.platform.kit.problem;

import java.util.Locale;

import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.context.support.ResourceBundleMessageSource;

/**
 * The kit's own texts in the request's language: problem titles, the reasons of coded field errors, and the details the
 * kit composes. English and Simplified Chinese ({@code ProblemTexts.properties}, {@code ProblemTexts_zh_CN.properties});
 * a text missing from a language falls back to the English one given in the code.
 */
public final class ProblemTexts {

    private static final ResourceBundleMessageSource MESSAGES = new ResourceBundleMessageSource();

    static {
        MESSAGES.setBasename("dev/santong/platform/kit/problem/ProblemTexts");
        // The kit's own loader, not the thread's: a request thread's loader is the web server's, gone once it stops.
        MESSAGES.setBundleClassLoader(ProblemTexts.class.getClassLoader());
        MESSAGES.setDefaultEncoding("UTF-8");
        MESSAGES.setFallbackToSystemLocale(false);
        MESSAGES.setUseCodeAsDefaultMessage(false);
    }

    private ProblemTexts() {
    }

    public static String title(String slug, String english) {
        return text("title." + slug, english);
    }

    public static String reason(String code, String english, Object... args) {
        return text("reason." + code, english, args);
    }

    public static String detail(String key, String english, Object... args) {
        return text("detail." + key, english, args);
    }

    /** Joins a field and its reason the way the language writes it (a space in English, none in Chinese). */
    static String fieldAndReason(String field, String reason) {
        return Locale.SIMPLIFIED_CHINESE.getLanguage().equals(LocaleContextHolder.getLocale().getLanguage()) ? field + "：" + reason
                : field + " " + reason;
    }

    private static String text(String key, String english, Object... args) {
        // As text: MessageFormat would group an id's digits (1,234) by the locale's rules.
        Object[] texts = java.util.Arrays.stream(args).map(String::valueOf).toArray();
        String fallback = java.text.MessageFormat.format(english.replace("'", "''"), texts);
        return MESSAGES.getMessage(key, texts, fallback, LocaleContextHolder.getLocale());
    }
}
