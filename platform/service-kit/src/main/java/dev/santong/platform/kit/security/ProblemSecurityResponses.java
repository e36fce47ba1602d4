package dev.santong.platform.kit.security;

import java.nio.charset.StandardCharsets;

import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.oauth2.server.resource.InvalidBearerTokenException;

import dev.santong.platform.kit.problem.ApiProblems;
import tools.jackson.databind.json.JsonMapper;

/** Shared by the servlet and reactive handlers: the body and the RFC 6750 challenge of a refused request. */
final class ProblemSecurityResponses {

    static final MediaType PROBLEM_JSON = MediaType.APPLICATION_PROBLEM_JSON;
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private ProblemSecurityResponses() {
    }

    static byte[] body(ProblemDetail problem) {
        return JSON.writeValueAsString(ApiProblems.asJson(problem)).getBytes(StandardCharsets.UTF_8);
    }

    static String challenge(AuthenticationException reason) {
        if (reason instanceof InvalidBearerTokenException) {
            return "Bearer realm=\"santong\", error=\"invalid_token\"";
        }
        return "Bearer realm=\"santong\"";
    }

    static final String CHALLENGE_HEADER = HttpHeaders.WWW_AUTHENTICATE;
}
