package dev.santong.platform.kit;

import java.time.Clock;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;

import java.util.LinkedHashMap;
import java.util.Map;

import org.springdoc.core.customizers.OpenApiCustomizer;

import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.media.ArraySchema;
import io.swagger.v3.oas.models.media.Content;
import io.swagger.v3.oas.models.media.IntegerSchema;
import io.swagger.v3.oas.models.media.MediaType;
import io.swagger.v3.oas.models.media.ObjectSchema;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.media.StringSchema;
import io.swagger.v3.oas.models.responses.ApiResponse;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.security.SecurityRequirement;
import io.swagger.v3.oas.models.security.SecurityScheme;

/** Every service documents the same bearer scheme (a santong realm token) and tells time through an injectable clock. */
@AutoConfiguration
public class OpenApiAutoConfiguration {

    /** Injectable so that time-dependent rules (expiry, SLAs) are tested without sleeping. */
    @Bean
    @ConditionalOnMissingBean
    Clock clock() {
        return Clock.systemUTC();
    }

    /** Separate so that a service without springdoc never loads the OpenAPI model classes. */
    @Configuration(proxyBeanMethods = false)
    @ConditionalOnClass(name = "io.swagger.v3.oas.models.OpenAPI")
    static class Documented {

        @Bean
        @ConditionalOnMissingBean
        OpenAPI santongOpenApi(Environment environment) {
            String service = environment.getProperty("spring.application.name", "santong");
            return new OpenAPI()
                    .info(new Info().title(service).version("v1")
                            .description(environment.getProperty("santong.description", "A Santong service")))
                    .components(new Components().addSecuritySchemes("keycloak", new SecurityScheme()
                            .type(SecurityScheme.Type.HTTP).scheme("bearer").bearerFormat("JWT")
                            .description("Access token of the santong Keycloak realm (audience santong-api)")))
                    .addSecurityItem(new SecurityRequirement().addList("keycloak"))
                    // Clients call the gateway, never a service directly: "try it out" and generated clients go there.
                    .servers(java.util.List.of(new io.swagger.v3.oas.models.servers.Server()
                            .url(environment.getProperty("santong.api.public-url", "http://localhost:8080"))
                            .description("The Santong gateway")));
        }

        /** A handler that looks its object up from its query or body (a till's look-up, a purchase) may find nothing: 404. */
        @Bean
        org.springdoc.core.customizers.OperationCustomizer mayFindNothing() {
            return (operation, handlerMethod) -> {
                if (handlerMethod.hasMethodAnnotation(dev.santong.platform.kit.web.Answers.MayFindNothing.class)) {
                    operation.addExtension("x-may-find-nothing", true);
                }
                return operation;
            };
        }

        /** An answer's example given on its handler, where the answer's type cannot carry one. */
        @Bean
        org.springdoc.core.customizers.OperationCustomizer answerExamples() {
            return (operation, handlerMethod) -> {
                dev.santong.platform.kit.web.Answers.Example example = handlerMethod.getMethodAnnotation(dev.santong.platform.kit.web.Answers.Example.class);
                if (example == null || operation.getResponses() == null) {
                    return operation;
                }
                Object value;
                try {
                    value = io.swagger.v3.core.util.Json.mapper().readTree(example.value());
                } catch (com.fasterxml.jackson.core.JsonProcessingException invalid) {
                    throw new IllegalStateException("the answer example of " + handlerMethod.getShortLogMessage() + " is not JSON", invalid);
                }
                operation.getResponses().forEach((status, response) -> {
                    if (status.startsWith("2") && response.getContent() != null) {
                        response.getContent().values().stream().filter(media -> media.getExample() == null && media.getExamples() == null)
                                .forEach(media -> media.setExample(value));
                    }
                });
                return operation;
            };
        }

        /** A list answering a bare array to version 1 clients says so beside the page it documents. */
        @Bean
        org.springdoc.core.customizers.OperationCustomizer bareInVersion1() {
            return (operation, handlerMethod) -> {
                if (handlerMethod.hasMethodAnnotation(dev.santong.platform.kit.web.BareInVersion1.class)) {
                    String note = "Send `API-Version: 2` for the page (items and next, with cursor); without it (version 1) the "
                            + "answer is the first page's items alone, as a bare array.";
                    operation.setDescription(operation.getDescription() == null ? note : operation.getDescription() + "\n\n" + note);
                }
                return operation;
            };
        }

        /**
         * Marks what an operation's own annotations leave undocumented ({@code x-documentation-gaps}): a summary, a stable
         * operation id of its own (not the method's name), a capability tag. The document contract test fails on any.
         */
        @Bean
        org.springdoc.core.customizers.OperationCustomizer documentationGaps() {
            return (operation, handlerMethod) -> {
                java.util.List<String> gaps = new java.util.ArrayList<>();
                io.swagger.v3.oas.annotations.Operation declared = handlerMethod.getMethodAnnotation(io.swagger.v3.oas.annotations.Operation.class);
                if (declared == null || declared.summary().isBlank()) {
                    gaps.add("summary");
                }
                if (declared == null || declared.operationId().isBlank()) {
                    gaps.add("operationId");
                }
                if (!handlerMethod.hasMethodAnnotation(io.swagger.v3.oas.annotations.tags.Tag.class)
                        && !handlerMethod.getBeanType().isAnnotationPresent(io.swagger.v3.oas.annotations.tags.Tag.class)) {
                    gaps.add("tag");
                }
                if (!gaps.isEmpty()) {
                    operation.addExtension("x-documentation-gaps", gaps);
                }
                return operation;
            };
        }

        /**
         * The problem statuses an operation can answer, from what it is: every one may be invalid (its parameters, or an
         * API-Version the service does not serve), limited (429 at the gateway) or unavailable (503); one that needs a token
         * may be refused (401, 403); one that names an object, or a shopper's own member, may not find it (404); a write may
         * conflict (409); one with a body may be too large (413) or of a type it does not read (415); one taking If-Match
         * may find the object changed (412) or the header missing (428). {@code AuthorizationMatrixE2E} fails on an
         * answer whose status its operation does not list.
         */
        static Map<String, String> problemStatuses(String template, io.swagger.v3.oas.models.PathItem.HttpMethod method,
                io.swagger.v3.oas.models.Operation operation) {
            Map<String, String> statuses = new java.util.TreeMap<>();
            boolean write = method != io.swagger.v3.oas.models.PathItem.HttpMethod.GET && method != io.swagger.v3.oas.models.PathItem.HttpMethod.HEAD;
            java.util.List<io.swagger.v3.oas.models.parameters.Parameter> parameters = operation.getParameters() == null ? java.util.List.of()
                    : operation.getParameters();
            statuses.put("400", "Invalid request: the problem names each field (or API-Version) and the reason");
            boolean anonymous = operation.getSecurity() != null && operation.getSecurity().isEmpty();
            if (!anonymous) {
                statuses.put("401", "No valid token of the santong realm (audience santong-api)");
                statuses.put("403", "The token's roles, store or client do not allow this request");
            }
            boolean namesObject = parameters.stream().anyMatch(parameter -> "path".equals(parameter.getIn()))
                    || template.contains("/me/") || template.endsWith("/me") || operation.getExtensions() != null
                    && Boolean.TRUE.equals(operation.getExtensions().get("x-may-find-nothing"));
            if (namesObject) {
                statuses.put("404", "Not found, or not visible to this caller");
            }
            if (write) {
                statuses.put("409", "Conflicts with what is stored, or a request with the same Idempotency-Key is still being answered");
            }
            if (operation.getRequestBody() != null) {
                statuses.put("413", "The body is larger than the service accepts");
                statuses.put("415", "The body is not of a media type this operation reads");
            }
            if (parameters.stream().anyMatch(parameter -> "header".equals(parameter.getIn()) && "If-Match".equalsIgnoreCase(parameter.getName()))) {
                statuses.put("412", "The object changed since the version named in If-Match: read it again");
                statuses.put("428", "If-Match is required: name the version the step was decided on");
            }
            statuses.put("429", "Too many requests from this caller (the gateway's limits): retry after Retry-After");
            statuses.put("503", write ? "Met concurrent changes, or a service it needs is unavailable: nothing was applied, retry after Retry-After"
                    : "The service, or one it needs, is unavailable: retry after Retry-After");
            return statuses;
        }

        /** Every operation documents the problem documents it can answer with (RFC 9457). */
        @Bean
        OpenApiCustomizer problemResponses() {
            return openApi -> {
                Schema<?> problem = new ObjectSchema()
                        .addProperty("type", new StringSchema().example("https://santong.dev/problems/validation"))
                        .addProperty("title", new StringSchema().example("Invalid request"))
                        .addProperty("status", new IntegerSchema().example(400))
                        .addProperty("detail", new StringSchema().example("phone is not a valid phone number (default region CN)"))
                        .addProperty("instance", new StringSchema().example("/api/members"))
                        .addProperty("correlationId", new StringSchema().example("4bf92f3577b34da6a3ce929d0e0e4736"))
                        .addProperty("errors", new ArraySchema().items(new ObjectSchema()
                                .addProperty("field", new StringSchema().example("phone"))
                                .addProperty("code", new StringSchema().example("pattern").description("Stable: required, size, pattern, "
                                        + "too-small, too-large, digits, email, time, type, one-of, malformed-json, unknown-cursor, or invalid "
                                        + "(a rule of the service's own)"))
                                .addProperty("reason", new StringSchema().example("is not a valid phone number (default region CN)")
                                        .description("In the request's language: English, or Simplified Chinese for Accept-Language: zh-CN"))));
                openApi.getComponents().addSchemas("Problem", problem);
                if (openApi.getPaths() == null) {
                    return;
                }
                openApi.getPaths().values().forEach(path -> {
                    // Every POST and PATCH honours Idempotency-Key (IdempotencyKeyFilter); the document says how.
                    java.util.stream.Stream.of(path.getPost(), path.getPatch()).filter(java.util.Objects::nonNull).forEach(operation -> {
                        operation.addParametersItem(new io.swagger.v3.oas.models.parameters.HeaderParameter().name("Idempotency-Key")
                                .required(false).schema(new StringSchema().maxLength(257).example("\"8e03978e-40d5-43e8-bc93-6894a57f9324\""))
                                .description("Makes a retry safe: the same key with the same request gets the first successful response "
                                        + "again, marked Idempotent-Replayed: true, for 24 hours; the same key with another request is a 422; "
                                        + "the same key while the first is still being answered is a 409 with Retry-After. A refused "
                                        + "request keeps nothing, so its key may be retried after a fix."));
                        operation.getResponses().forEach((status, response) -> {
                            if (status.startsWith("2")) {
                                response.addHeaderObject("Idempotent-Replayed", new io.swagger.v3.oas.models.headers.Header()
                                        .description("true when this is the kept response of an earlier request with the same Idempotency-Key")
                                        .schema(new StringSchema()._enum(java.util.List.of("true"))));
                            }
                        });
                        operation.getResponses().addApiResponse("422", new ApiResponse()
                                .description("The Idempotency-Key was already used for a different request").content(new Content()
                                        .addMediaType("application/problem+json", new MediaType().schema(new Schema<>().$ref("#/components/schemas/Problem")))));
                    });
                });
                openApi.getPaths().forEach((template, path) -> path.readOperationsMap().forEach((method, operation) ->
                        problemStatuses(template, method, operation).forEach((status, text) -> {
                            if (operation.getResponses().get(status) == null) {
                                operation.getResponses().addApiResponse(status, new ApiResponse().description(text).content(new Content()
                                        .addMediaType("application/problem+json",
                                                new MediaType().schema(new Schema<>().$ref("#/components/schemas/Problem")))));
                            }
                        })));
                // The marker has done its work; clients need not read it.
                openApi.getPaths().values().forEach(path -> path.readOperations().stream().filter(operation -> operation.getExtensions() != null)
                        .forEach(operation -> operation.getExtensions().remove("x-may-find-nothing")));
            };
        }
    }
}
