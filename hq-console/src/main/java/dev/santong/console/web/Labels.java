package dev.santong.console.web;

import org.springframework.context.MessageSource;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.stereotype.Component;

/**
 * A service's code (a case state, a channel, a kind of points entry) as words in the page's language; a code the
 * console has no words for yet is shown as the service sent it, never as an error.
 */
@Component("labels")
public class Labels {

    private final MessageSource messages;

    Labels(MessageSource messages) {
        this.messages = messages;
    }

    public String of(String kind, String code) {
        if (code == null || code.isEmpty()) {
            return "";
        }
        return messages.getMessage("code." + kind + "." + code, null, code, LocaleContextHolder.getLocale());
    }
}
