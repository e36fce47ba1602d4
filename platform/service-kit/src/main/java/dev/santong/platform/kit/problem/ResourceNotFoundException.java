package dev.santong.platform.kit.problem;

/** 404: the named resource does not exist, or the caller may not know that it does. */
public class ResourceNotFoundException extends RuntimeException {

    private final String resource;
    private final String id;

    public ResourceNotFoundException(String resource, Object id) {
        super(resource + " " + id + " was not found");
        this.resource = resource;
        this.id = String.valueOf(id);
    }

    /** The detail in the request's language. */
    public String localizedDetail() {
        return ProblemTexts.detail("not-found", "{0} {1} was not found", resource, id);
    }
}
