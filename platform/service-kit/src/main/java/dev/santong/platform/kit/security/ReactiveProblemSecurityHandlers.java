package dev.santong.platform.kit.security;

import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.server.reactive.ServerHttpResponse;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.web.server.ServerAuthenticationEntryPoint;
import org.springframework.security.web.server.authorization.ServerAccessDeniedHandler;
import org.springframework.web.server.ServerWebExchange;

import dev.santong.platform.kit.CorrelationKeys;
import dev.santong.platform.kit.problem.SecurityProblems;
import reactor.core.publisher.Mono;

/** 401 and 403 at the reactive gateway, with the same documents the services answer with. */
public class ReactiveProblemSecurityHandlers implements ServerAuthenticationEntryPoint, ServerAccessDeniedHandler {

    @Override
    public Mono<Void> commence(ServerWebExchange exchange, AuthenticationException reason) {
        exchange.getResponse().getHeaders().set(ProblemSecurityResponses.CHALLENGE_HEADER, ProblemSecurityResponses.challenge(reason));
        return write(exchange, HttpStatus.UNAUTHORIZED, SecurityProblems.unauthenticated(reason));
    }

    @Override
    public Mono<Void> handle(ServerWebExchange exchange, AccessDeniedException denied) {
        return write(exchange, HttpStatus.FORBIDDEN, SecurityProblems.forbidden());
    }

    private static Mono<Void> write(ServerWebExchange exchange, HttpStatus status, ProblemDetail problem) {
        // The MDC is not reliable on reactive threads: take the id the correlation filter fixed on the response.
        String correlationId = exchange.getResponse().getHeaders().getFirst(CorrelationKeys.HEADER);
        if (correlationId != null) {
            problem.setProperty("correlationId", correlationId);
        }
        ServerHttpResponse response = exchange.getResponse();
        response.setStatusCode(status);
        response.getHeaders().setContentType(ProblemSecurityResponses.PROBLEM_JSON);
        DataBuffer buffer = response.bufferFactory().wrap(ProblemSecurityResponses.body(problem));
        return response.writeWith(Mono.just(buffer));
    }
}
