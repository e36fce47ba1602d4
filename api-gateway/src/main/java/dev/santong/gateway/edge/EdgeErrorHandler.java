package dev.santong.gateway.edge;

import java.net.ConnectException;
import java.net.UnknownHostException;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.webflux.error.ErrorWebExceptionHandler;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.server.ServerWebExchange;

import dev.santong.platform.kit.problem.ApiProblems;
import dev.santong.platform.kit.problem.ReactiveProblems;
import io.netty.channel.ConnectTimeoutException;
import reactor.core.publisher.Mono;

/** Failures at the edge (no route, a service down or slow) as problem details, never a stack trace. */
@Component
@Order(-2)
class EdgeErrorHandler implements ErrorWebExceptionHandler {

    private static final Logger log = LoggerFactory.getLogger(EdgeErrorHandler.class);

    @Override
    public Mono<Void> handle(ServerWebExchange exchange, Throwable error) {
        if (exchange.getResponse().isCommitted()) {
            return Mono.error(error);
        }
        return ReactiveProblems.write(exchange, problemFor(error, exchange));
    }

    private static ProblemDetail problemFor(Throwable error, ServerWebExchange exchange) {
        if (error instanceof ResponseStatusException status) {
            HttpStatusCode code = status.getStatusCode();
            if (code.value() == 404) {
                return ApiProblems.of(code, "not-found", "Not found", "No route for " + exchange.getRequest().getPath());
            }
            if (code.is5xxServerError()) {
                log.warn("Upstream failure on {}: {}", exchange.getRequest().getPath(), status.getMessage());
                return ApiProblems.of(code, "upstream-unavailable", "Service unavailable",
                        "The service behind this route did not answer in time; retry later");
            }
            return ApiProblems.of(code, "request-refused", "Request refused", status.getReason());
        }
        // Refused, timed out, or a service name that does not resolve (a Deployment scaled to zero): all "unavailable".
        if (error instanceof ConnectException || error instanceof ConnectTimeoutException
                || error instanceof UnknownHostException || error.getCause() instanceof ConnectException) {
            log.warn("Upstream unreachable on {}: {}", exchange.getRequest().getPath(), error.getMessage());
            return ApiProblems.of(HttpStatus.SERVICE_UNAVAILABLE, "upstream-unavailable", "Service unavailable",
                    "The service behind this route is not reachable; retry later");
        }
        log.error("Unexpected error at the edge on {}", exchange.getRequest().getPath(), error);
        return ApiProblems.of(HttpStatus.INTERNAL_SERVER_ERROR, "unexpected-error", "Unexpected error",
                "The request could not be completed; quote the correlation id to support");
    }
}
