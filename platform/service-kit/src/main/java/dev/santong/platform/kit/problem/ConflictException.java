package dev.santong.platform.kit.problem;

/** 409: the request is well-formed but contradicts what is already stored (same key, other content; a state that forbids it). */
public class ConflictException extends RuntimeException {

    private final String slug;

    public ConflictException(String slug, String detail) {
        super(detail);
        this.slug = slug;
    }

    public String slug() {
        return slug;
    }
}
