package dev.santong.platform.kit.correlation;

import org.slf4j.MDC;
import org.springframework.core.Ordered;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.http.server.reactive.observation.ServerRequestObservationContext;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;

import dev.santong.platform.kit.CorrelationKeys;
import io.micrometer.tracing.handler.TracingObservationHandler;
import reactor.core.publisher.Mono;

/**
 * Reactive twin of {@link CorrelationIdFilter}: the id is the trace id of the request's observation (continued from
 * the caller's {@code traceparent}, or started here), shown on the response. The trace goes on to the services in
 * {@code traceparent}; an {@code X-Correlation-Id} the caller sent is not passed on, so a request has one id, not two.
 * The MDC is set around the synchronous part of the chain, which is where the gateway logs its access lines.
 */
public class CorrelationIdWebFilter implements WebFilter, Ordered {

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
        String correlationId = ServerRequestObservationContext.findCurrent(exchange.getAttributes())
                .map(context -> context.<TracingObservationHandler.TracingContext>get(TracingObservationHandler.TracingContext.class))
                .map(TracingObservationHandler.TracingContext::getSpan)
                .map(span -> span.context().traceId())
                .orElseGet(() -> CorrelationKeys.acceptOrCreate(exchange.getRequest().getHeaders().getFirst(CorrelationKeys.HEADER)));
        ServerHttpRequest request = exchange.getRequest().mutate()
                .headers(headers -> headers.remove(CorrelationKeys.HEADER))
                .build();
        exchange.getResponse().getHeaders().set(CorrelationKeys.HEADER, correlationId);
        MDC.put(CorrelationKeys.MDC_KEY, correlationId);
        try {
            return chain.filter(exchange.mutate().request(request).build());
        } finally {
            MDC.remove(CorrelationKeys.MDC_KEY);
        }
    }

    @Override
    public int getOrder() {
        return Ordered.HIGHEST_PRECEDENCE;
    }
}
