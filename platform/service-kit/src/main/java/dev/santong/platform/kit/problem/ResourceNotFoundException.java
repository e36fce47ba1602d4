package dev.santong.platform.kit.problem;

/** 404: the named resource does not exist, or the caller may not know that it does. */
public class ResourceNotFoundException extends RuntimeException {

    public ResourceNotFoundException(String resource, Object id) {
        super(resource + " " + id + " was not found");
    }
}
