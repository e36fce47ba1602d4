package dev.santong.console.web;

import java.time.Clock;
import java.time.LocalDate;

import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;

import dev.santong.console.security.ConsoleUser;

/** Where each person starts: HQ at every store's day, store staff at their own store's. */
@Controller
class HomeController {

    private final Clock clock;

    HomeController(Clock clock) {
        this.clock = clock;
    }

    /** The console's address: HQ to every store's day, staff to their own store's today, anyone else "not for you". */
    @GetMapping("/")
    String home(Authentication authentication) {
        ConsoleUser user = ConsoleUser.of(authentication);
        if (user.isHq()) {
            return "redirect:/stores";
        }
        if (user.isStoreStaff()) {
            return "redirect:/stores/" + user.storeId() + "/days/" + LocalDate.now(clock);
        }
        throw new NotYoursException("the console is for HQ and store staff");
    }
}
