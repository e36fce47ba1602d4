package dev.santong.platform.kit.problem;

/**
 * A write that must name the version it changes (optimistic concurrency, RFC 9110 {@code If-Match}): 428 when the
 * request named none, 412 when the one it named is no longer current (someone else changed the resource first).
 */
public class PreconditionException extends RuntimeException {

    private final boolean missing;

    private PreconditionException(boolean missing, String detail) {
        super(detail);
        this.missing = missing;
    }

    /** 428: the request did not say which version it changes. */
    public static PreconditionException required(String header) {
        return new PreconditionException(true, "Send " + header + " with the ETag of the version you are changing");
    }

    /** 412: the version the request changes is no longer the current one. */
    public static PreconditionException stale(String current) {
        return new PreconditionException(false, "The resource changed since you read it; its current ETag is " + current);
    }

    public boolean missing() {
        return missing;
    }
}
