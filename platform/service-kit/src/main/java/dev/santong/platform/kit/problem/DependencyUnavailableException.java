package dev.santong.platform.kit.problem;

/** 503: another service this request needs cannot answer now; nothing was changed and the same request may be retried. */
public class DependencyUnavailableException extends RuntimeException {

    public DependencyUnavailableException(String detail, Throwable cause) {
        super(detail, cause);
    }
}
