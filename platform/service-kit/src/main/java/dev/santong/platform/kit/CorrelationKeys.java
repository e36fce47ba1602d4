package dev.santong.platform.kit;

import java.util.UUID;
import java.util.regex.Pattern;

/**
 * The correlation id is the request's W3C trace id: it arrives in {@code traceparent} (or is started at the gateway),
 * travels in {@code traceparent} to every service and Feign call, and is shown to callers in one response header
 * ({@code X-Correlation-Id}) and in every problem; logs carry it under one MDC key. Where no trace is running (work
 * picked up later, a unit test) an id of the same shape is made up.
 */
public final class CorrelationKeys {

    public static final String HEADER = "X-Correlation-Id";
    public static final String MDC_KEY = "correlationId";

    // Accept what common tracers and load balancers send (UUIDs, W3C trace ids, AWS ids) but nothing that
    // could forge log lines or blow up header sizes.
    private static final Pattern ACCEPTABLE = Pattern.compile("[A-Za-z0-9._:-]{8,64}");

    private CorrelationKeys() {
    }

    /** The caller's id when it is well-formed, otherwise a fresh one: only where no trace is running. */
    public static String acceptOrCreate(String offered) {
        if (offered != null && ACCEPTABLE.matcher(offered).matches()) {
            return offered;
        }
        return create();
    }

    /** A fresh id shaped like a trace id (32 lower-case hex digits). */
    public static String create() {
        return UUID.randomUUID().toString().replace("-", "");
    }
}
