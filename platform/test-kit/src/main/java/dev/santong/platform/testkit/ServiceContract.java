package dev.santong.platform.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import tools.jackson.databind.JsonNode;

/** What every Santong service promises the platform: probes, metrics and an OpenAPI document, all without a token. */
public final class ServiceContract {

    private ServiceContract() {
    }

    /** @param apiPath a path the service's OpenAPI document must describe, e.g. {@code /api/members} */
    public static void assertServesPlatformEndpoints(Api anonymous, String apiPath) {
        Api.Response liveness = anonymous.get("/actuator/health/liveness");
        assertThat(liveness.status()).as(liveness.toString()).isEqualTo(200);
        Api.Response readiness = anonymous.get("/actuator/health/readiness");
        assertThat(readiness.status()).as(readiness.toString()).isEqualTo(200);
        assertThat(readiness.json().path("components").has("db")).as("readiness checks the database").isTrue();

        Api.Response metrics = anonymous.get("/actuator/prometheus");
        assertThat(metrics.status()).isEqualTo(200);
        assertThat(metrics.body()).contains("jvm_memory_used_bytes").contains("http_server_requests");

        Api.Response openApi = anonymous.get("/v3/api-docs");
        assertThat(openApi.status()).as(openApi.toString()).isEqualTo(200);
        JsonNode document = openApi.json();
        assertThat(document.path("paths").has(apiPath)).as("OpenAPI describes " + apiPath).isTrue();
        assertThat(document.path("components").path("securitySchemes").path("keycloak").path("scheme").asString()).isEqualTo("bearer");
        assertThat(document.path("components").path("schemas").has("Problem")).as("problem details are documented").isTrue();
        // An operation that needs a token documents its 401; one open to anyone (security: []) cannot answer it.
        document.path("paths").forEach(path -> path.forEach(operation -> assertThat(operation.path("responses").has("401"))
                .as("an operation documents its 401 problem exactly when it needs a token")
                .isEqualTo(!(operation.has("security") && operation.path("security").isEmpty()))));
    }

    /**
     * The document says of each operation what a client developer needs (see {@link ApiDocumentContract}), except the
     * gaps the service still lists in {@code openapi-gaps.txt} next to {@code testClass}.
     */
    public static void assertDocumentContract(Api anonymous, Class<?> testClass) {
        Api.Response openApi = anonymous.get("/v3/api-docs");
        assertThat(openApi.status()).as(openApi.toString()).isEqualTo(200);
        ApiDocumentContract.assertNoGapsBeyondTheListed(openApi.json(), testClass);
    }
}
