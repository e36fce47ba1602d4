package dev.santong.platform.kit;

import java.util.UUID;
import java.util.regex.Pattern;

/** The correlation id travels in one header and one MDC key, across the gateway, every service and Feign calls. */
public final class CorrelationKeys {

    public static final String HEADER = "X-Correlation-Id";
    public static final String MDC_KEY = "correlationId";

    // Accept what common tracers and load balancers send (UUIDs, W3C trace ids, AWS ids) but nothing that
    // could forge log lines or blow up header sizes.
    private static final Pattern ACCEPTABLE = Pattern.compile("[A-Za-z0-9._:-]{8,64}");

    private CorrelationKeys() {
    }

    /** The caller's id when it is well-formed, otherwise a fresh one. */
    public static String acceptOrCreate(String offered) {
        if (offered != null && ACCEPTABLE.matcher(offered).matches()) {
            return offered;
        }
        return UUID.randomUUID().toString();
    }
}
