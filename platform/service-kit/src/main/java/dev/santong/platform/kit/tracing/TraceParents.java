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

    /**
     * {@link #continueFrom(String, String)} for work that several requests created and that is done at once (a batch):
     * the span continues the first trace and links the others, so each request's trace still leads to it.
     */
    public Continued continueFrom(String traceParent, java.util.Collection<String> linked, String name) {
        if (tracer == null || propagator == null) {
            return new Continued(null, null);
        }
        Span.Builder builder = traceParent == null ? tracer.spanBuilder()
                : propagator.extract(Map.of(HEADER, traceParent), (carrier, key) -> carrier.get(key));
        linked.stream().filter(other -> other != null && !other.equals(traceParent)).distinct().limit(MAX_LINKS)
                .map(this::context).flatMap(java.util.Optional::stream).forEach(context -> builder.addLink(new io.micrometer.tracing.Link(context)));
        Span span = builder.name(name).kind(Span.Kind.CONSUMER).start();
        return new Continued(span, tracer.withSpan(span));
    }

    /** Enough for any batch the suite makes; a span with thousands of links is one no trace viewer shows. */
    static final int MAX_LINKS = 128;

    /** A kept {@code traceparent} (version 00: trace id, parent span id, flags) as a context to link to. */
    private java.util.Optional<io.micrometer.tracing.TraceContext> context(String traceParent) {
        String[] parts = traceParent.split("-");
        if (parts.length != 4 || parts[1].length() != 32 || parts[2].length() != 16) {
            return java.util.Optional.empty();
        }
        return java.util.Optional.of(tracer.traceContextBuilder().traceId(parts[1]).spanId(parts[2]).sampled("01".equals(parts[3])).build());
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
