package dev.santong.platform.kit.problem;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import jakarta.validation.ConstraintViolationException;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.TypeMismatchException;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.dao.TransientDataAccessException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.core.AuthenticationException;
import org.springframework.validation.FieldError;
import org.springframework.web.bind.MethodArgumentNotValidException;
import org.springframework.web.bind.MissingRequestHeaderException;
import org.springframework.web.bind.MissingServletRequestParameterException;
import org.springframework.web.bind.ServletRequestBindingException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.method.annotation.HandlerMethodValidationException;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;

import tools.jackson.core.JacksonException;

/** Turns every exception a controller lets through into RFC 9457 problem details. */
@RestControllerAdvice
public class ApiProblemAdvice extends ResponseEntityExceptionHandler {

    private static final Logger log = LoggerFactory.getLogger(ApiProblemAdvice.class);
    private static final Pattern CONSTRAINT = Pattern.compile("(?:key|constraint) [`'\"]?([\\w.]+)");

    @Override
    protected ResponseEntity<Object> handleMethodArgumentNotValid(MethodArgumentNotValidException ex, HttpHeaders headers,
            HttpStatusCode status, WebRequest request) {
        List<InvalidField> errors = new ArrayList<>();
        for (FieldError error : ex.getBindingResult().getFieldErrors()) {
            errors.add(fieldError(error.getField(), error));
        }
        ex.getBindingResult().getGlobalErrors().forEach(error -> errors.add(fieldError(error.getObjectName(), error)));
        return ResponseEntity.badRequest().body(validationProblem(errors));
    }

    @Override
    protected ResponseEntity<Object> handleHandlerMethodValidationException(HandlerMethodValidationException ex,
            HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        List<InvalidField> errors = new ArrayList<>();
        ex.getParameterValidationResults().forEach(result -> {
            String name = result.getMethodParameter().getParameterName();
            if (result instanceof org.springframework.validation.method.ParameterErrors body) {
                // A request body validated with the method's other parameters: its fields are named as in the body.
                body.getFieldErrors().forEach(error -> errors.add(fieldError(error.getField(), error)));
                body.getGlobalErrors().forEach(error -> errors.add(fieldError(name, error)));
            } else {
                result.getResolvableErrors().forEach(error -> errors.add(fieldError(name, error)));
            }
        });
        return ResponseEntity.badRequest().body(validationProblem(errors));
    }

    /**
     * A constraint's error with its stable code: the constraint's name is the last (least specific) of Spring's codes,
     * and its message is already in the request's language (Bean Validation interpolates with the request's locale).
     */
    private static InvalidField fieldError(String field, org.springframework.context.MessageSourceResolvable error) {
        String[] codes = error.getCodes();
        String constraint = codes == null || codes.length == 0 ? null : codes[codes.length - 1];
        return new InvalidField(field, InvalidField.codeOfConstraint(constraint), error.getDefaultMessage());
    }

    private static InvalidField required(String field) {
        return new InvalidField(field, "required", ProblemTexts.reason("required", "is required"));
    }

    /**
     * Every other error Spring MVC raises itself (405, 406, 415, 413, …) in the suite's shape: a problem type of ours
     * instead of {@code about:blank}, and the correlation id.
     */
    @Override
    protected ResponseEntity<Object> createResponseEntity(Object body, HttpHeaders headers, HttpStatusCode statusCode, WebRequest request) {
        if (body instanceof ProblemDetail problem) {
            if (problem.getType() == null || "about:blank".equals(problem.getType().toString())) {
                problem.setType(java.net.URI.create(ApiProblems.TYPE_BASE + slugOf(statusCode)));
            }
            ApiProblems.withCorrelationId(problem);
        }
        return super.createResponseEntity(body, headers, statusCode, request);
    }

    /** The problem type of a status Spring MVC answers on its own. */
    static String slugOf(HttpStatusCode status) {
        return switch (status.value()) {
            case 400 -> "bad-request";
            case 404 -> "not-found";
            case 405 -> "method-not-allowed";
            case 406 -> "not-acceptable";
            case 413 -> "payload-too-large";
            case 415 -> "unsupported-media-type";
            case 503 -> "unavailable";
            default -> status.is4xxClientError() ? "request-refused" : "unexpected-error";
        };
    }

    /** A required request parameter that is missing: named. */
    @Override
    protected ResponseEntity<Object> handleMissingServletRequestParameter(MissingServletRequestParameterException ex, HttpHeaders headers,
            HttpStatusCode status, WebRequest request) {
        return ResponseEntity.badRequest().body(validationProblem(List.of(required(ex.getParameterName()))));
    }

    /** A required request header or other binding that is missing: named where Spring names it. */
    @Override
    protected ResponseEntity<Object> handleServletRequestBindingException(ServletRequestBindingException ex, HttpHeaders headers,
            HttpStatusCode status, WebRequest request) {
        if (ex instanceof MissingRequestHeaderException header) {
            return ResponseEntity.badRequest().body(validationProblem(List.of(required(header.getHeaderName()))));
        }
        return super.handleServletRequestBindingException(ex, headers, status, request);
    }

    /** A path variable or request parameter of the wrong type (a number, a date, one of a set of names): named. */
    @Override
    protected ResponseEntity<Object> handleTypeMismatch(TypeMismatchException ex, HttpHeaders headers, HttpStatusCode status,
            WebRequest request) {
        String name = ex instanceof MethodArgumentTypeMismatchException mismatch ? mismatch.getName() : ex.getPropertyName();
        Class<?> type = ex.getRequiredType();
        String field = name == null ? "parameter" : name;
        InvalidField error = type != null && type.isEnum()
                ? new InvalidField(field, "one-of", ProblemTexts.reason("one-of", "must be one of {0}",
                        java.util.Arrays.stream(type.getEnumConstants()).map(String::valueOf).collect(java.util.stream.Collectors.joining(", "))))
                : new InvalidField(field, "type", ProblemTexts.reason("type", "has a value of the wrong type or format"));
        return ResponseEntity.badRequest().body(validationProblem(List.of(error)));
    }

    @Override
    protected ResponseEntity<Object> handleHttpMessageNotReadable(HttpMessageNotReadableException ex, HttpHeaders headers,
            HttpStatusCode status, WebRequest request) {
        for (Throwable cause = ex; cause != null; cause = cause.getCause()) {
            if (cause instanceof dev.santong.platform.kit.web.RequestBodyLimitFilter.BodyTooLargeException tooLarge) {
                return ResponseEntity.status(HttpStatus.CONTENT_TOO_LARGE).body(ApiProblems.of(HttpStatus.CONTENT_TOO_LARGE, "body-too-large",
                        "Body too large", "The request body is larger than this service accepts"));
            }
        }
        InvalidField error = new InvalidField("body", "malformed-json", ProblemTexts.reason("malformed-json", "is not well-formed JSON"));
        if (ex.getCause() instanceof JacksonException jackson && !jsonPath(jackson).isEmpty()) {
            error = new InvalidField(jsonPath(jackson), "type", ProblemTexts.reason("type", "has a value of the wrong type or format"));
        }
        return ResponseEntity.badRequest().body(validationProblem(List.of(error)));
    }

    @ExceptionHandler(ConstraintViolationException.class)
    ResponseEntity<Object> constraintViolation(ConstraintViolationException ex) {
        List<InvalidField> errors = ex.getConstraintViolations().stream()
                .map(violation -> new InvalidField(lastNode(violation.getPropertyPath().toString()),
                        InvalidField.codeOfConstraint(violation.getConstraintDescriptor().getAnnotation().annotationType().getSimpleName()),
                        violation.getMessage()))
                .toList();
        return ResponseEntity.badRequest().body(validationProblem(errors));
    }

    /** An API-Version this service does not serve: named like a field, with the versions it does. */
    @ExceptionHandler(org.springframework.web.accept.InvalidApiVersionException.class)
    ResponseEntity<Object> unsupportedVersion(org.springframework.web.accept.InvalidApiVersionException ex) {
        return ResponseEntity.badRequest().body(validationProblem(List.of(new InvalidField("API-Version", "unsupported-version",
                ProblemTexts.reason("unsupported-version", "is not a version this API serves (1)")))));
    }

    @ExceptionHandler(InvalidRequestException.class)
    ResponseEntity<Object> invalidRequest(InvalidRequestException ex) {
        return ResponseEntity.badRequest().body(validationProblem(ex.errors()));
    }

    @ExceptionHandler(ResourceNotFoundException.class)
    ResponseEntity<Object> notFound(ResourceNotFoundException ex) {
        return ResponseEntity.status(HttpStatus.NOT_FOUND)
                .body(ApiProblems.of(HttpStatus.NOT_FOUND, "not-found", "Not found", ex.localizedDetail()));
    }

    @ExceptionHandler(ConflictException.class)
    ResponseEntity<Object> conflict(ConflictException ex) {
        ProblemDetail problem = ApiProblems.of(HttpStatus.CONFLICT, ex.slug(), "Conflict", ex.getMessage());
        ex.facts().forEach(problem::setProperty);
        return ResponseEntity.status(HttpStatus.CONFLICT).body(problem);
    }

    @ExceptionHandler(PreconditionException.class)
    ResponseEntity<Object> precondition(PreconditionException ex) {
        HttpStatus status = ex.missing() ? HttpStatus.PRECONDITION_REQUIRED : HttpStatus.PRECONDITION_FAILED;
        return ResponseEntity.status(status).body(ApiProblems.of(status, ex.missing() ? "precondition-required" : "stale-version",
                ex.missing() ? "Precondition required" : "Precondition failed", ex.getMessage()));
    }

    @ExceptionHandler(IdempotencyKeyReusedException.class)
    ResponseEntity<Object> idempotencyKeyReused(IdempotencyKeyReusedException ex) {
        return ResponseEntity.status(HttpStatus.UNPROCESSABLE_CONTENT).body(ApiProblems.of(HttpStatus.UNPROCESSABLE_CONTENT,
                "idempotency-key-reused", "Idempotency key reused", ex.getMessage()));
    }

    @ExceptionHandler(DependencyUnavailableException.class)
    ResponseEntity<Object> dependencyUnavailable(DependencyUnavailableException ex) {
        log.warn("A service this request needs is unavailable: {}", ex.getCause() == null ? "" : ex.getCause().getClass().getSimpleName());
        return ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE).header(HttpHeaders.RETRY_AFTER, "5")
                .body(ApiProblems.of(HttpStatus.SERVICE_UNAVAILABLE, "dependency-unavailable", "Temporarily unavailable", ex.getMessage()));
    }

    @ExceptionHandler(TransientDataAccessException.class)
    ResponseEntity<Object> transientFailure(TransientDataAccessException ex) {
        // Deadlock victims and lock timeouts after the service's own retries: nothing was written, the client may retry.
        log.warn("Transient database failure turned into 503: {}", ex.getClass().getSimpleName());
        return ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE).header(HttpHeaders.RETRY_AFTER, "1")
                .body(ApiProblems.of(HttpStatus.SERVICE_UNAVAILABLE, "busy", "Busy, retry",
                        "The request met concurrent changes and was not applied; retry it"));
    }

    @ExceptionHandler(DataIntegrityViolationException.class)
    ResponseEntity<Object> integrityViolation(DataIntegrityViolationException ex) {
        // The database message quotes the duplicate value (a phone, an e-mail): only the constraint name is logged,
        // and the client gets a neutral sentence.
        log.warn("Integrity violation turned into 409 (constraint {})", constraintOf(ex.getMostSpecificCause().getMessage()));
        return ResponseEntity.status(HttpStatus.CONFLICT).body(ApiProblems.of(HttpStatus.CONFLICT, "conflict", "Conflict",
                "The request conflicts with data already stored; read the resource and try again"));
    }

    @ExceptionHandler(AccessDeniedException.class)
    ResponseEntity<Object> accessDenied(AccessDeniedException ex) {
        return ResponseEntity.status(HttpStatus.FORBIDDEN).body(SecurityProblems.forbidden());
    }

    @ExceptionHandler(AuthenticationException.class)
    ResponseEntity<Object> unauthenticated(AuthenticationException ex) {
        return ResponseEntity.status(HttpStatus.UNAUTHORIZED).body(SecurityProblems.unauthenticated(ex));
    }

    @ExceptionHandler(Exception.class)
    ResponseEntity<Object> unexpected(Exception ex) {
        log.error("Unexpected error", ex);
        return ResponseEntity.status(HttpStatus.INTERNAL_SERVER_ERROR)
                .body(ApiProblems.of(HttpStatus.INTERNAL_SERVER_ERROR, "unexpected-error", "Unexpected error",
                        "The request could not be completed; quote the correlation id to support"));
    }

    @Override
    protected ResponseEntity<Object> handleExceptionInternal(Exception ex, Object body, HttpHeaders headers,
            HttpStatusCode statusCode, WebRequest request) {
        if (body instanceof ProblemDetail problem) {
            ApiProblems.withCorrelationId(problem);
        }
        return super.handleExceptionInternal(ex, body, headers, statusCode, request);
    }

    static ProblemDetail validationProblem(List<InvalidField> errors) {
        return ApiProblems.invalid(errors);
    }

    /** The dotted JSON path (with [index]) a Jackson error points at; empty when it has none. */
    public static String jsonPath(JacksonException ex) {
        StringBuilder path = new StringBuilder();
        for (JacksonException.Reference reference : ex.getPath()) {
            if (reference.getPropertyName() != null) {
                if (!path.isEmpty()) {
                    path.append('.');
                }
                path.append(reference.getPropertyName());
            } else if (reference.getIndex() >= 0) {
                path.append('[').append(reference.getIndex()).append(']');
            }
        }
        return path.toString();
    }

    static String constraintOf(String databaseMessage) {
        if (databaseMessage == null) {
            return "unknown";
        }
        Matcher matcher = CONSTRAINT.matcher(databaseMessage);
        return matcher.find() ? matcher.group(1) : "unknown";
    }

    private static String lastNode(String propertyPath) {
        int dot = propertyPath.lastIndexOf('.');
        return dot < 0 ? propertyPath : propertyPath.substring(dot + 1);
    }
}
