package dev.santong.platform.kit.web;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import io.swagger.v3.oas.annotations.responses.ApiResponse;

/**
 * The success statuses a handler answers, for its OpenAPI document: springdoc sees a {@code ResponseEntity} and
 * documents 200 whatever the handler sets. Each annotation here documents what the code answers, with the handler's
 * return type as the schema. {@code AuthorizationMatrixE2E} fails on a success status a document does not list.
 */
public final class Answers {

    private Answers() {
    }

    /** 201 for what the request created; 200 with the same answer when the request is sent again (idempotent). */
    @Target(ElementType.METHOD)
    @Retention(RetentionPolicy.RUNTIME)
    @ApiResponse(responseCode = "201", description = "Created", useReturnTypeSchema = true)
    @ApiResponse(responseCode = "200", description = "Sent before: what the first request created, unchanged", useReturnTypeSchema = true)
    public @interface CreatedOrReplayed {
    }

    /** 201 for what the request created, every time (a retry with the same Idempotency-Key gets the same answer). */
    @Target(ElementType.METHOD)
    @Retention(RetentionPolicy.RUNTIME)
    @ApiResponse(responseCode = "201", description = "Created", useReturnTypeSchema = true)
    public @interface Created {
    }

    /** 202: taken and applied later (a batch, a replay); its state is to be read, or arrives as events. */
    @Target(ElementType.METHOD)
    @Retention(RetentionPolicy.RUNTIME)
    @ApiResponse(responseCode = "202", description = "Accepted: applied later", useReturnTypeSchema = true)
    public @interface Accepted {
    }

    /**
     * An example of the success answer, for an answer whose type cannot carry one (a page of strings, a map of parts):
     * JSON, shown on each success status's media type that has none.
     */
    @Target(ElementType.METHOD)
    @Retention(RetentionPolicy.RUNTIME)
    public @interface Example {
        String value();
    }

    /** 404 for a handler that finds its object from its query or body (a till's look-up, a purchase) rather than its path. */
    @Target(ElementType.METHOD)
    @Retention(RetentionPolicy.RUNTIME)
    public @interface MayFindNothing {
    }

    /** 204: done, nothing to say. */
    @Target(ElementType.METHOD)
    @Retention(RetentionPolicy.RUNTIME)
    @ApiResponse(responseCode = "204", description = "Done")
    public @interface NoContent {
    }
}
