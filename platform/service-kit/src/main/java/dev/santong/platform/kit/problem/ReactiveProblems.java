package dev.santong.platform.kit.problem;

import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.server.reactive.ServerHttpResponse;
import org.springframework.web.server.ServerWebExchange;

import dev.santong.platform.kit.CorrelationKeys;
import reactor.core.publisher.Mono;

/** Writes a problem document on a reactive exchange (gateway filters, security handlers, error handler). */
public final class ReactiveProblems {

    private ReactiveProblems() {
    }

    public static Mono<Void> write(ServerWebExchange exchange, ProblemDetail problem) {
        // The MDC is not reliable on reactive threads: take the id the correlation filter fixed on the response.
        String correlationId = exchange.getResponse().getHeaders().getFirst(CorrelationKeys.HEADER);
        if (correlationId != null) {
            problem.setProperty("correlationId", correlationId);
        }
        problem.setInstance(exchange.getRequest().getURI().resolve(exchange.getRequest().getPath().value()));
        ServerHttpResponse response = exchange.getResponse();
        response.setStatusCode(HttpStatusCode.valueOf(problem.getStatus()));
        response.getHeaders().setContentType(MediaType.APPLICATION_PROBLEM_JSON);
        DataBuffer buffer = response.bufferFactory().wrap(ApiProblems.jsonBytes(problem));
        return response.writeWith(Mono.just(buffer));
    }
}
