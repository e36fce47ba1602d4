package dev.santong.console.web;

import tools.jackson.databind.JsonNode;

/**
 * What a page could not get from a service: a refusal with the service's own text (its problem detail, in the page's
 * language), or the service being unavailable. The page shows it where that part would have been.
 */
public class ServiceFailure extends RuntimeException {

    private final Services.Service service;
    private final int status;
    private final String detail;

    private ServiceFailure(Services.Service service, int status, String detail) {
        super(service + " answered " + status);
        this.service = service;
        this.status = status;
        this.detail = detail;
    }

    static ServiceFailure refused(Services.Service service, int status, JsonNode problem) {
        String detail = problem.path("detail").asString("");
        JsonNode errors = problem.path("errors");
        if (errors.isArray() && !errors.isEmpty()) {
            StringBuilder fields = new StringBuilder(detail.isEmpty() ? "" : detail + ": ");
            errors.forEach(error -> fields.append(error.path("field").asString()).append(' ').append(error.path("reason").asString()).append("; "));
            detail = fields.substring(0, fields.length() - 2);
        }
        return new ServiceFailure(service, status, detail.isEmpty() ? problem.path("title").asString("") : detail);
    }

    static ServiceFailure unavailable(Services.Service service) {
        return new ServiceFailure(service, 503, null);
    }

    public Services.Service service() {
        return service;
    }

    public int status() {
        return status;
    }

    /** The service's own words; none when it could not be reached. */
    public String detail() {
        return detail;
    }

    public boolean unavailable() {
        return detail == null;
    }
}
