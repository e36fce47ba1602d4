package dev.santong.channelsync.apply;

import feign.FeignException;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** Why a work row did not apply: transient (retried with backoff for as long as it takes) or refused (quarantined). */
public class ApplyFailure extends RuntimeException {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final boolean permanent;

    private ApplyFailure(String reason, boolean permanent, Throwable cause) {
        super(reason, cause);
        this.permanent = permanent;
    }

    /** The target is down, slow or says "later": not the transaction's fault, so it never ends in quarantine. */
    public static ApplyFailure later(String reason) {
        return new ApplyFailure(reason, false, null);
    }

    /** The target refused the transaction's content: retrying cannot help until the data or catalogue is fixed. */
    public static ApplyFailure refused(String reason) {
        return new ApplyFailure(reason, true, null);
    }

    /** Stops a run before its next call to a service once this worker no longer holds the lane. */
    static void requireHeld(java.util.function.BooleanSupplier stillHeld) {
        if (!stillHeld.getAsBoolean()) {
            throw later("the lane was taken over by another worker");
        }
    }

    public boolean permanent() {
        return permanent;
    }

    /**
     * A remote call's failure, read from the Feign exception wherever the breaker wrapped it: a 4xx other than 408
     * and 429 is the request's fault; anything else (5xx, timeouts, refused connections, an open breaker) is not.
     */
    public static ApplyFailure of(String what, Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof FeignException feign && feign.status() >= 400 && feign.status() < 500 && feign.status() != 408
                    && feign.status() != 429) {
                return new ApplyFailure(what + ": " + feign.status() + " " + detail(feign), true, failure);
            }
            if (cause instanceof FeignException feign && feign.status() >= 500) {
                return new ApplyFailure(what + ": " + feign.status() + " from the service", false, failure);
            }
        }
        Throwable root = failure;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return new ApplyFailure(what + ": " + root.getClass().getSimpleName() + (root.getMessage() == null ? "" : " " + root.getMessage()),
                false, failure);
    }

    public static boolean isNotFound(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof FeignException feign) {
                return feign.status() == 404;
            }
        }
        return false;
    }

    private static String detail(FeignException feign) {
        String body = feign.contentUTF8();
        if (body == null || body.isBlank()) {
            return "";
        }
        try {
            // Santong services answer RFC 9457 problems: the detail (and the field errors) say what was wrong.
            JsonNode problem = JSON.readTree(body);
            StringBuilder text = new StringBuilder(problem.path("detail").asString(problem.path("title").asString("")));
            for (JsonNode error : problem.path("errors")) {
                text.append("; ").append(error.path("field").asString()).append(' ').append(error.path("reason").asString());
            }
            return text.toString();
        } catch (JacksonException notJson) {
            return body.substring(0, Math.min(300, body.length()));
        }
    }
}
