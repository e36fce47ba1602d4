package dev.santong.platform.kit.feign;

import jakarta.servlet.http.HttpServletRequest;

import org.slf4j.MDC;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.util.function.SingletonSupplier;
import org.springframework.http.HttpHeaders;
import org.springframework.web.context.request.RequestContextHolder;
import org.springframework.web.context.request.ServletRequestAttributes;

import dev.santong.platform.kit.CorrelationKeys;
import feign.RequestInterceptor;
import feign.RequestTemplate;
import io.micrometer.tracing.Span;
import io.micrometer.tracing.Tracer;
import io.micrometer.tracing.propagation.Propagator;

/**
 * Passes the caller's bearer token (the remote enforces its own rules for the same caller) and the trace (W3C
 * {@code traceparent}, so the remote's correlation id is this request's) to every outgoing call. Work with no trace
 * running passes its correlation id instead. A client that sets its own Authorization (a worker with a service
 * token) keeps it.
 */
public class CallerContextRelay implements RequestInterceptor {

    /** Looked up once, not per call. */
    private final SingletonSupplier<Tracer> tracer;
    private final SingletonSupplier<Propagator> propagator;

    public CallerContextRelay(ObjectProvider<Tracer> tracer, ObjectProvider<Propagator> propagator) {
        this.tracer = SingletonSupplier.ofNullable(tracer::getIfAvailable);
        this.propagator = SingletonSupplier.ofNullable(propagator::getIfAvailable);
    }

    @Override
    public void apply(RequestTemplate template) {
        Tracer current = tracer.get();
        Span span = current == null ? null : current.currentSpan();
        Propagator w3c = propagator.get();
        if (span != null && w3c != null) {
            w3c.inject(span.context(), template, (request, name, value) -> {
                request.removeHeader(name);
                request.header(name, value);
            });
        } else {
            String correlationId = MDC.get(CorrelationKeys.MDC_KEY);
            if (correlationId != null && !template.headers().containsKey(CorrelationKeys.HEADER)) {
                template.header(CorrelationKeys.HEADER, correlationId);
            }
        }
        if (template.headers().containsKey(HttpHeaders.AUTHORIZATION)) {
            return;
        }
        if (RequestContextHolder.getRequestAttributes() instanceof ServletRequestAttributes attributes) {
            HttpServletRequest request = attributes.getRequest();
            String authorization = request.getHeader(HttpHeaders.AUTHORIZATION);
            if (authorization != null && authorization.startsWith("Bearer ")) {
                template.header(HttpHeaders.AUTHORIZATION, authorization);
            }
        }
    }
}
