package dev.santong.platform.kit.security;

import java.io.IOException;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.access.AccessDeniedHandler;

import dev.santong.platform.kit.problem.ApiProblems;
import dev.santong.platform.kit.problem.SecurityProblems;

/** 401 and 403 of a servlet service as problem details instead of an empty body. */
public class ProblemSecurityHandlers implements AuthenticationEntryPoint, AccessDeniedHandler {

    @Override
    public void commence(HttpServletRequest request, HttpServletResponse response, AuthenticationException reason)
            throws IOException {
        response.setHeader(ProblemSecurityResponses.CHALLENGE_HEADER, ProblemSecurityResponses.challenge(reason));
        write(response, HttpStatus.UNAUTHORIZED, SecurityProblems.unauthenticated(reason));
    }

    @Override
    public void handle(HttpServletRequest request, HttpServletResponse response, AccessDeniedException denied)
            throws IOException {
        write(response, HttpStatus.FORBIDDEN, SecurityProblems.forbidden());
    }

    private static void write(HttpServletResponse response, HttpStatus status, ProblemDetail problem) throws IOException {
        response.setStatus(status.value());
        response.setContentType(org.springframework.http.MediaType.APPLICATION_PROBLEM_JSON_VALUE);
        response.getOutputStream().write(ApiProblems.jsonBytes(problem));
    }
}
