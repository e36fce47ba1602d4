package dev.santong.platform.kit.security;

import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.web.server.ServerAuthenticationEntryPoint;
import org.springframework.security.web.server.authorization.ServerAccessDeniedHandler;
import org.springframework.web.server.ServerWebExchange;

import dev.santong.platform.kit.problem.ReactiveProblems;
import dev.santong.platform.kit.problem.SecurityProblems;
import reactor.core.publisher.Mono;

/** 401 and 403 at the reactive gateway, with the same documents the services answer with. */
public class ReactiveProblemSecurityHandlers implements ServerAuthenticationEntryPoint, ServerAccessDeniedHandler {

    @Override
    public Mono<Void> commence(ServerWebExchange exchange, AuthenticationException reason) {
        exchange.getResponse().getHeaders().set(ProblemSecurityResponses.CHALLENGE_HEADER, ProblemSecurityResponses.challenge(reason));
        return ReactiveProblems.write(exchange, SecurityProblems.unauthenticated(reason));
    }

    @Override
    public Mono<Void> handle(ServerWebExchange exchange, AccessDeniedException denied) {
        return ReactiveProblems.write(exchange, SecurityProblems.forbidden());
    }
}
