package dev.santong.platform.kit.problem;

/** 409: the request is well-formed but contradicts what is already stored (same key, other content; a state that forbids it). */
public class ConflictException extends RuntimeException {

    private final String slug;
    private final java.util.Map<String, Object> facts;

    public ConflictException(String slug, String detail) {
        this(slug, detail, java.util.Map.of());
    }

    /** @param facts what the refusal rests on, as extension members of the problem (a rule, dates, figures) for clients to read */
    public ConflictException(String slug, String detail, java.util.Map<String, Object> facts) {
        super(detail);
        this.slug = slug;
        this.facts = java.util.Map.copyOf(facts);
    }

    public String slug() {
        return slug;
    }

    public java.util.Map<String, Object> facts() {
        return facts;
    }
}
