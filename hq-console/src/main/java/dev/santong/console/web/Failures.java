package dev.santong.console.web;

import jakarta.servlet.http.HttpServletRequest;

import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ExceptionHandler;

/**
 * A part of a page a service could not give shows why, in that part: htmx loads each part on its own, so the rest of
 * the page still works. A whole page shows the same inside the console's frame.
 */
@ControllerAdvice
class Failures {

    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(Failures.class);

    @ExceptionHandler(ServiceFailure.class)
    String serviceFailure(ServiceFailure failure, HttpServletRequest request, Model model) {
        withUser(request, model);
        model.addAttribute("failure", failure);
        model.addAttribute("serviceName", Services.serviceName(failure.service()));
        return "true".equals(request.getHeader("HX-Request")) ? "fragments/failure :: failure" : "failure";
    }

    /** A part that failed for a reason of the console's own still says so, rather than loading for ever. */
    @ExceptionHandler({RuntimeException.class, org.springframework.web.bind.MissingServletRequestParameterException.class,
            org.springframework.web.method.annotation.HandlerMethodValidationException.class})
    String unexpected(Exception failure, HttpServletRequest request, jakarta.servlet.http.HttpServletResponse response, Model model) {
        withUser(request, model);
        String field = switch (failure) {
            case org.springframework.web.method.annotation.MethodArgumentTypeMismatchException mismatch -> mismatch.getName();
            case org.springframework.web.bind.MissingServletRequestParameterException missing -> missing.getParameterName();
            case org.springframework.web.method.annotation.HandlerMethodValidationException invalid -> invalid.getParameterValidationResults()
                    .stream().map(result -> result.getMethodParameter().getParameterName()).findFirst().orElse("?");
            default -> null;
        };
        if (field != null) {
            // An address with a value the page cannot read (a day that is no date): the person's to fix, not an error of ours.
            // A part answers 200 (htmx swaps only those in), a page its 400.
            model.addAttribute("badRequest", true);
            model.addAttribute("field", field);
            if ("true".equals(request.getHeader("HX-Request"))) {
                return "fragments/failure :: bad-request";
            }
            response.setStatus(400);
            return "failure";
        }
        LOG.error("a console page failed", failure);
        if ("true".equals(request.getHeader("HX-Request"))) {
            return "fragments/failure :: broken";
        }
        response.setStatus(500);
        return "failure";
    }

    /**
     * Tokens no longer good: the console's session ends and the browser goes to the console's start, which asks
     * Keycloak to sign in again. A part asks htmx to move the whole page there rather than swap a login page into it.
     */
    @ExceptionHandler(SignInAgain.class)
    String signInAgain(SignInAgain reason, HttpServletRequest request, jakarta.servlet.http.HttpServletResponse response) {
        LOG.info("signing the person in again: {}", reason.getMessage());
        jakarta.servlet.http.HttpSession session = request.getSession(false);
        if (session != null) {
            session.invalidate();
        }
        org.springframework.security.core.context.SecurityContextHolder.clearContext();
        if ("true".equals(request.getHeader("HX-Request"))) {
            response.setHeader("HX-Redirect", request.getContextPath() + "/");
            return "fragments/failure :: signing-in";
        }
        return "redirect:/";
    }

    @ExceptionHandler(NotYoursException.class)
    String notYours(HttpServletRequest request, jakarta.servlet.http.HttpServletResponse response, Model model) {
        withUser(request, model);
        response.setStatus(403);
        return "forbidden";
    }

    /** The page's frame keeps its menus: an exception handler's model gets no @ModelAttribute of the advice. */
    private static void withUser(HttpServletRequest request, Model model) {
        if (request.getUserPrincipal() instanceof org.springframework.security.core.Authentication authentication
                && !(authentication instanceof org.springframework.security.authentication.AnonymousAuthenticationToken)) {
            model.addAttribute("user", dev.santong.console.security.ConsoleUser.of(authentication));
        }
    }
}
