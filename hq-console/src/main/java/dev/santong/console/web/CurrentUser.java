package dev.santong.console.web;

import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ModelAttribute;

import dev.santong.console.security.ConsoleUser;

/** Every page knows who is signed in: the menus follow the roles. */
@ControllerAdvice
class CurrentUser {

    @ModelAttribute("user")
    ConsoleUser user(Authentication authentication) {
        return authentication == null || authentication instanceof org.springframework.security.authentication.AnonymousAuthenticationToken
                ? null : ConsoleUser.of(authentication);
    }
}
