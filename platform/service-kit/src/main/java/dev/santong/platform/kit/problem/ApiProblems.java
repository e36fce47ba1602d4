package dev.santong.platform.kit.problem;

import java.net.URI;
import java.util.LinkedHashMap;
import java.util.Map;

import org.slf4j.MDC;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;

import dev.santong.platform.kit.CorrelationKeys;

/** Builds the problem documents every Santong API answers with, so their shape never drifts between services. */
public final class ApiProblems {

    public static final String TYPE_BASE = "https://santong.dev/problems/";

    private ApiProblems() {
    }

    public static ProblemDetail of(HttpStatusCode status, String slug, String title, String detail) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
        problem.setType(URI.create(TYPE_BASE + slug));
        problem.setTitle(title);
        return withCorrelationId(problem);
    }

    public static ProblemDetail withCorrelationId(ProblemDetail problem) {
        String correlationId = MDC.get(CorrelationKeys.MDC_KEY);
        if (correlationId != null && (problem.getProperties() == null || !problem.getProperties().containsKey("correlationId"))) {
            problem.setProperty("correlationId", correlationId);
        }
        return problem;
    }

    /** Flat JSON shape of RFC 9457 (extension members at top level), for writers outside Spring MVC's converters. */
    public static Map<String, Object> asJson(ProblemDetail problem) {
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
