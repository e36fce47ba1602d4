package dev.santong.platform.kit.security;

import org.springframework.http.HttpHeaders;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.oauth2.server.resource.InvalidBearerTokenException;

/** The RFC 6750 challenge of a refused request, the same from the gateway and every service. */
final class ProblemSecurityResponses {

    static final String CHALLENGE_HEADER = HttpHeaders.WWW_AUTHENTICATE;

    private ProblemSecurityResponses() {
    }

    static String challenge(AuthenticationException reason) {
        if (reason instanceof InvalidBearerTokenException) {
            return "Bearer realm=\"santong\", error=\"invalid_token\"";
        }
        return "Bearer realm=\"santong\"";
    }
}
