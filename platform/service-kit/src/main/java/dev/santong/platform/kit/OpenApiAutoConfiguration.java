package dev.santong.platform.kit;

import java.time.Clock;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;

import io.swagger.v3.oas.models.Components;
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
                    .addSecurityItem(new SecurityRequirement().addList("keycloak"));
        }
    }
}
