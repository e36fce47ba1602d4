package dev.santong.gateway.edge;

import java.time.Duration;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.cloud.gateway.support.ServerWebExchangeUtils;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ServerWebExchange;

import dev.santong.platform.kit.problem.ApiProblems;
import dev.santong.platform.kit.problem.ReactiveProblems;
import io.github.resilience4j.circuitbreaker.CallNotPermittedException;
import reactor.core.publisher.Mono;

/**
 * Where a route's circuit breaker sends a call its service did not answer: 503 with Retry-After. Once the breaker is
 * open the call never leaves the gateway, so a dead service costs the caller milliseconds, not a timeout each time.
 */
@RestController
class UpstreamFallbackController {

    private static final Logger log = LoggerFactory.getLogger(UpstreamFallbackController.class);

    private final Duration openFor;

    UpstreamFallbackController(@Value("${resilience4j.circuitbreaker.configs.default.wait-duration-in-open-state:10s}") Duration openFor) {
        this.openFor = openFor;
    }

    @RequestMapping("/edge/unavailable")
    Mono<Void> unavailable(ServerWebExchange exchange) {
        Throwable failure = exchange.getAttribute(ServerWebExchangeUtils.CIRCUITBREAKER_EXECUTION_EXCEPTION_ATTR);
        boolean open = failure instanceof CallNotPermittedException;
        ProblemDetail problem;
        long retryAfter;
        if (open) {
            retryAfter = Math.max(1, openFor.toSeconds());
            problem = ApiProblems.of(HttpStatus.SERVICE_UNAVAILABLE, "upstream-circuit-open", "Service unavailable",
                    "The service behind this route failed repeatedly; calls resume after " + retryAfter + " s");
        } else {
            retryAfter = 5;
            log.warn("Upstream failure behind the gateway: {}", failure == null ? "unknown" : failure.getClass().getSimpleName());
            problem = ApiProblems.of(HttpStatus.SERVICE_UNAVAILABLE, "upstream-unavailable", "Service unavailable",
                    "The service behind this route did not answer; retry later");
        }
        exchange.getResponse().getHeaders().set("Retry-After", Long.toString(retryAfter));
        return ReactiveProblems.write(exchange, problem);
    }
}
