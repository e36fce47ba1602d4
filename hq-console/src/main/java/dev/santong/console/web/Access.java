package dev.santong.console.web;

import org.springframework.security.core.Authentication;

import dev.santong.console.security.ConsoleUser;

/** Who may open which page. The services decide again for every call; this keeps a page from showing what is not its reader's. */
public final class Access {

    private Access() {
    }

    public static ConsoleUser requireHq(Authentication authentication) {
        ConsoleUser user = ConsoleUser.of(authentication);
        if (!user.isHq()) {
            throw new NotYoursException("a page for HQ");
        }
        return user;
    }

    /** A store id that is no store id, or another store's for its staff: the same page, so neither tells anything. */
    public static ConsoleUser requireMaySee(String storeId, Authentication authentication) {
        ConsoleUser user = ConsoleUser.of(authentication);
        if (storeId == null || !storeId.matches("[A-Za-z0-9_-]{1,32}") || !user.maySee(storeId)) {
            throw new NotYoursException("another store's page");
        }
        return user;
    }

    /** HQ or a store's staff: those who work with members and cases. */
    public static ConsoleUser requireConsoleUser(Authentication authentication) {
        ConsoleUser user = ConsoleUser.of(authentication);
        if (!user.isHq() && !user.isStoreStaff()) {
            throw new NotYoursException("the console is for HQ and store staff");
        }
        return user;
    }
}
