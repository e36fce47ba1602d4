package dev.santong.platform.kit.web;

import java.io.IOException;

import jakarta.servlet.http.HttpServletResponse;

import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;

import dev.santong.platform.kit.problem.ApiProblems;

/** Writes a problem document from a servlet filter, where Spring MVC's advice does not reach. */
public final class ProblemResponses {

    private ProblemResponses() {
    }

    public static void write(HttpServletResponse response, ProblemDetail problem) throws IOException {
        response.setStatus(problem.getStatus());
        response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
        response.getOutputStream().write(ApiProblems.jsonBytes(ApiProblems.withCorrelationId(problem)));
    }

    /** 413 for a body beyond the service's limit. */
    public static void tooLarge(HttpServletResponse response, long maxBytes) throws IOException {
        write(response, ApiProblems.of(org.springframework.http.HttpStatus.CONTENT_TOO_LARGE, "body-too-large", "Body too large",
                "The request body is larger than the " + maxBytes + " bytes this service accepts"));
    }
}
