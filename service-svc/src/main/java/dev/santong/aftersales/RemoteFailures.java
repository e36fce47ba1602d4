package dev.santong.aftersales;

import dev.santong.platform.kit.problem.DependencyUnavailableException;
import feign.FeignException;

/** How a remote call failed, read through the circuit breaker's wrapping. */
public final class RemoteFailures {

    private static final org.slf4j.Logger log = org.slf4j.LoggerFactory.getLogger(RemoteFailures.class);

    private RemoteFailures() {
    }

    /** The HTTP status the remote answered, or -1 when it did not answer (down, timed out, breaker open). */
    public static int status(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof FeignException feign && feign.status() > 0) {
                return feign.status();
            }
        }
        return -1;
    }

    /** A 503 for the caller: the remote's answer is needed and it gave none it could use; nothing was changed. */
    public static DependencyUnavailableException unavailable(String remote, Throwable failure) {
        int status = status(failure);
        log.warn("{} failed: {}", remote, rootCause(failure).toString());
        return new DependencyUnavailableException(remote + (status > 0 ? " answered HTTP " + status : " did not answer") + "; try again shortly",
                failure);
    }

    private static Throwable rootCause(Throwable failure) {
        Throwable root = failure;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root;
    }
}
