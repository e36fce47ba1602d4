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

        /**
         * Marks what an operation's own annotations leave undocumented ({@code x-documentation-gaps}): a summary, a stable
         * operation id of its own (not the method's name), a capability tag. The document contract test fails on any.
         */
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
                Map<String, String> standard = new LinkedHashMap<>();
                standard.put("400", "Invalid request: the problem names each field and the reason");
                standard.put("401", "No valid token of the santong realm (audience santong-api)");
                standard.put("403", "The token's roles or store do not allow this request");
                standard.put("404", "Not found, or not visible to this caller");
                standard.put("409", "Conflicts with what is stored, or a request with the same Idempotency-Key is still being answered");
                standard.put("503", "Met concurrent changes; nothing was applied, retry");
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
                openApi.getPaths().values().forEach(path -> path.readOperations().forEach(operation -> standard.forEach((status, text) -> {
                    if (operation.getResponses().get(status) == null) {
                        operation.getResponses().addApiResponse(status, new ApiResponse().description(text).content(new Content()
                                .addMediaType("application/problem+json", new MediaType().schema(new Schema<>().$ref("#/components/schemas/Problem")))));
                    }
                })));
            };
        }
    }
}
