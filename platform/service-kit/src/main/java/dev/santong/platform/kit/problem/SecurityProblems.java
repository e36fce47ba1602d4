package dev.santong.platform.kit.problem;

import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.security.core.AuthenticationException;

/** The 401 and 403 documents, identical whether the gateway or a service refuses. */
public final class SecurityProblems {

    private SecurityProblems() {
    }

    public static ProblemDetail unauthenticated(AuthenticationException reason) {
        // The reason is safe to show (expired, wrong audience, bad signature) and saves a support call.
        String detail = reason == null || reason.getMessage() == null
                ? "A valid bearer token from the santong realm is required"
                : "A valid bearer token from the santong realm is required: " + reason.getMessage();
        return ApiProblems.of(HttpStatus.UNAUTHORIZED, "unauthenticated", "Unauthenticated", detail);
    }

    public static ProblemDetail forbidden() {
        return ApiProblems.of(HttpStatus.FORBIDDEN, "forbidden", "Forbidden",
                "The token is valid but its roles or store do not allow this request");
    }
}
