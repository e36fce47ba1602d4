package dev.santong.platform.kit.correlation;

import org.slf4j.MDC;
import org.springframework.core.Ordered;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;

import dev.santong.platform.kit.CorrelationKeys;
import reactor.core.publisher.Mono;

/**
 * Reactive twin of {@link CorrelationIdFilter}: fixes the id on the request (so it is forwarded downstream)
 * and on the response. The MDC is set around the synchronous part of the chain, which is where the
 * gateway logs its access lines.
 */
public class CorrelationIdWebFilter implements WebFilter, Ordered {

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
        String correlationId = CorrelationKeys.acceptOrCreate(exchange.getRequest().getHeaders().getFirst(CorrelationKeys.HEADER));
        ServerHttpRequest request = exchange.getRequest().mutate()
                .headers(headers -> headers.set(CorrelationKeys.HEADER, correlationId))
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
