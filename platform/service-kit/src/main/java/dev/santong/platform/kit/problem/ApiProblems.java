package dev.santong.platform.kit.problem;

import java.net.URI;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import java.nio.charset.StandardCharsets;

import org.slf4j.MDC;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;

import dev.santong.platform.kit.CorrelationKeys;
import tools.jackson.databind.json.JsonMapper;

/** Builds the problem documents every Santong API answers with, so their shape never drifts between services. */
public final class ApiProblems {

    public static final String TYPE_BASE = "https://santong.dev/problems/";

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private ApiProblems() {
    }

    /** The RFC 9457 JSON document, for writers outside Spring MVC's message converters. */
    public static byte[] jsonBytes(ProblemDetail problem) {
        return JSON.writeValueAsString(asJson(problem)).getBytes(StandardCharsets.UTF_8);
    }

    public static ProblemDetail of(HttpStatusCode status, String slug, String title, String detail) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
        problem.setType(URI.create(TYPE_BASE + slug));
        problem.setTitle(ProblemTexts.title(slug, title));
        return withCorrelationId(problem);
    }

    /** 400 naming each refused field and why. */
    public static ProblemDetail invalid(List<InvalidField> errors) {
        String detail = errors.isEmpty() ? ProblemTexts.detail("invalid", "The request is invalid")
                : errors.stream().map(e -> ProblemTexts.fieldAndReason(e.field(), e.reason())).reduce((a, b) -> a + "; " + b).orElseThrow();
        ProblemDetail problem = of(HttpStatus.BAD_REQUEST, "validation", "Invalid request", detail);
        problem.setProperty("errors", errors);
        return problem;
    }

    public static ProblemDetail withCorrelationId(ProblemDetail problem) {
        String correlationId = MDC.get(CorrelationKeys.MDC_KEY);
        if (correlationId != null && (problem.getProperties() == null || !problem.getProperties().containsKey("correlationId"))) {
            problem.setProperty("correlationId", correlationId);
        }
        return problem;
    }

    /** Flat JSON shape of RFC 9457: extension members at top level. */
    static Map<String, Object> asJson(ProblemDetail problem) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("type", problem.getType().toString());
        json.put("title", problem.getTitle());
        json.put("status", problem.getStatus());
        if (problem.getDetail() != null) {
            json.put("detail", problem.getDetail());
        }
        if (problem.getInstance() != null) {
            json.put("instance", problem.getInstance().toString());
        }
        if (problem.getProperties() != null) {
            json.putAll(problem.getProperties());
        }
        return json;
    }
}
