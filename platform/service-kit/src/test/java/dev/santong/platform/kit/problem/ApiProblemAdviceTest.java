package dev.santong.platform.kit.problem;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ApiProblemAdviceTest {

    @Test
    void onlyTheConstraintNameOfADuplicateIsKeptNotTheValue() {
        String mariadb = "Duplicate entry 'PHONE-+8613800138000' for key 'uq_member_identity_value'";
        String mysql8 = "Duplicate entry 'PHONE-+8613800138000' for key 'member_identity.uq_member_identity_value'";
        assertThat(ApiProblemAdvice.constraintOf(mariadb)).isEqualTo("uq_member_identity_value");
        assertThat(ApiProblemAdvice.constraintOf(mysql8)).isEqualTo("member_identity.uq_member_identity_value");
        assertThat(ApiProblemAdvice.constraintOf("something else")).isEqualTo("unknown");
    }

    @Test
    void errorsSpringRaisesItselfAreProblemsOfOursWithTheCorrelationId() throws Exception {
        ApiProblemAdvice advice = new ApiProblemAdvice();
        org.springframework.web.context.request.ServletWebRequest request = new org.springframework.web.context.request.ServletWebRequest(
                new org.springframework.mock.web.MockHttpServletRequest("PUT", "/api/things"));
        org.slf4j.MDC.put(dev.santong.platform.kit.CorrelationKeys.MDC_KEY, "corr-0001");
        try {
            var methodNotAllowed = advice.handleException(new org.springframework.web.HttpRequestMethodNotSupportedException("PUT",
                    java.util.List.of("GET", "POST")), request);
            assertThat(methodNotAllowed.getStatusCode().value()).isEqualTo(405);
            org.springframework.http.ProblemDetail problem = (org.springframework.http.ProblemDetail) methodNotAllowed.getBody();
            assertThat(problem.getType().toString()).isEqualTo(ApiProblems.TYPE_BASE + "method-not-allowed");
            assertThat(problem.getProperties()).containsEntry("correlationId", "corr-0001");
            assertThat(methodNotAllowed.getHeaders().getAllow()).isNotEmpty();

            var unsupported = advice.handleException(new org.springframework.web.HttpMediaTypeNotSupportedException(
                    org.springframework.http.MediaType.TEXT_PLAIN, java.util.List.of(org.springframework.http.MediaType.APPLICATION_JSON)), request);
            assertThat(((org.springframework.http.ProblemDetail) unsupported.getBody()).getType().toString()).endsWith("/unsupported-media-type");
            var notAcceptable = advice.handleException(new org.springframework.web.HttpMediaTypeNotAcceptableException(
                    java.util.List.of(org.springframework.http.MediaType.APPLICATION_JSON)), request);
            assertThat(((org.springframework.http.ProblemDetail) notAcceptable.getBody()).getType().toString()).endsWith("/not-acceptable");
        } finally {
            org.slf4j.MDC.remove(dev.santong.platform.kit.CorrelationKeys.MDC_KEY);
        }
    }
}
