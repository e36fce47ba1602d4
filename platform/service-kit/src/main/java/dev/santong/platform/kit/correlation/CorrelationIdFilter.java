package dev.santong.platform.kit.correlation;

import java.io.IOException;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.slf4j.MDC;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.util.function.SingletonSupplier;
import org.springframework.web.filter.OncePerRequestFilter;

import dev.santong.platform.kit.CorrelationKeys;
import io.micrometer.tracing.Span;
import io.micrometer.tracing.Tracer;

/**
 * Runs inside the request's observation (so the trace continued from {@code traceparent} is current) and before Spring
 * Security (so even a 401 carries the id the caller can quote to support): the id is the trace id.
 */
public class CorrelationIdFilter extends OncePerRequestFilter {

    /** Looked up once: a bean lookup per request cost more CPU than the rest of this filter. */
    private final SingletonSupplier<Tracer> tracer;

    public CorrelationIdFilter(ObjectProvider<Tracer> tracer) {
        this.tracer = SingletonSupplier.ofNullable(tracer::getIfAvailable);
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        Tracer current = tracer.get();
        Span span = current == null ? null : current.currentSpan();
        String correlationId = span != null ? span.context().traceId()
                : CorrelationKeys.acceptOrCreate(request.getHeader(CorrelationKeys.HEADER));
        MDC.put(CorrelationKeys.MDC_KEY, correlationId);
        response.setHeader(CorrelationKeys.HEADER, correlationId);
        try {
            chain.doFilter(request, response);
        } finally {
            MDC.remove(CorrelationKeys.MDC_KEY);
        }
    }
}
