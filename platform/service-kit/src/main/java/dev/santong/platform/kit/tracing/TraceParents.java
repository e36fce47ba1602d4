package dev.santong.platform.kit.tracing;

import java.util.HashMap;
import java.util.Map;

import io.micrometer.tracing.Span;
import io.micrometer.tracing.Tracer;
import io.micrometer.tracing.propagation.Propagator;

/**
 * A trace carried across durable work: the W3C {@code traceparent} of the request that created the work, kept with it,
 * and the span that continues that trace when the work is done later (on another thread, replica or day). Without a
 * tracer (a test without tracing) nothing is kept and the work runs without a span.
 */
public class TraceParents {

    static final String HEADER = "traceparent";

    private final Tracer tracer;
    private final Propagator propagator;

    public TraceParents(Tracer tracer, Propagator propagator) {
        this.tracer = tracer;
        this.propagator = propagator;
    }

    /** The current span as a {@code traceparent} value (55 characters), or null outside a trace. */
    public String current() {
        if (tracer == null || propagator == null) {
            return null;
        }
        Span span = tracer.currentSpan();
        if (span == null) {
            return null;
        }
        Map<String, String> carrier = new HashMap<>();
        propagator.inject(span.context(), carrier, Map::put);
        return carrier.get(HEADER);
    }

    /**
     * Starts a span continuing the kept trace (a new trace when none was kept or it cannot be read), current on this
     * thread until the returned scope closes; closing it ends the span.
     */
    public Continued continueFrom(String traceParent, String name) {
        if (tracer == null || propagator == null) {
            return new Continued(null, null);
        }
        Span.Builder builder = traceParent == null ? tracer.spanBuilder()
                : propagator.extract(Map.of(HEADER, traceParent), (carrier, key) -> carrier.get(key));
        Span span = builder.name(name).kind(Span.Kind.CONSUMER).start();
        return new Continued(span, tracer.withSpan(span));
    }

    /** The continued span and its scope; {@link #traceId()} is null without a tracer. */
    public record Continued(Span span, Tracer.SpanInScope scope) implements AutoCloseable {

        public String traceId() {
            return span == null ? null : span.context().traceId();
        }

        public void failed(Throwable cause) {
            if (span != null) {
                span.error(cause);
            }
        }

        @Override
        public void close() {
            if (scope != null) {
                scope.close();
            }
            if (span != null) {
                span.end();
            }
        }
    }
}
