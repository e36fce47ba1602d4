package dev.santong.platform.kit;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.security.oauth2.jwt.NimbusReactiveJwtDecoder;
import org.springframework.security.oauth2.jwt.ReactiveJwtDecoder;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationConverter;
import org.springframework.security.oauth2.server.resource.authentication.ReactiveJwtAuthenticationConverterAdapter;

import dev.santong.platform.kit.correlation.CorrelationIdWebFilter;
import dev.santong.platform.kit.security.KeycloakRealmRoleConverter;
import dev.santong.platform.kit.security.ReactiveProblemSecurityHandlers;
import dev.santong.platform.kit.security.SantongSecurityProperties;
import dev.santong.platform.kit.security.SantongTokenValidators;

/** The same token rules, problem documents and correlation ids for the reactive gateway. */
@AutoConfiguration(beforeName = {
        "org.springframework.boot.security.oauth2.server.resource.autoconfigure.reactive.ReactiveOAuth2ResourceServerAutoConfiguration" })
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.REACTIVE)
@EnableConfigurationProperties(SantongSecurityProperties.class)
public class ReactiveEdgeAutoConfiguration {

    @Bean
    @ConditionalOnMissingBean
    ReactiveJwtDecoder reactiveJwtDecoder(SantongSecurityProperties properties) {
        NimbusReactiveJwtDecoder decoder = NimbusReactiveJwtDecoder.withJwkSetUri(properties.jwkSetUri()).build();
        decoder.setJwtValidator(SantongTokenValidators.forProperties(properties));
        return new dev.santong.platform.kit.security.CachingReactiveJwtDecoder(decoder, new dev.santong.platform.kit.security.VerifiedTokenCache());
    }

    /** As for the services: the exchange's own observation covers the security filters, which need none each. */
    @Bean
    @ConditionalOnMissingBean
    org.springframework.security.config.observation.SecurityObservationSettings securityObservationSettings() {
        return org.springframework.security.config.observation.SecurityObservationSettings.noObservations();
    }

    @Bean
    @ConditionalOnMissingBean
    ReactiveJwtAuthenticationConverterAdapter reactiveJwtAuthenticationConverter() {
        JwtAuthenticationConverter converter = new JwtAuthenticationConverter();
        converter.setJwtGrantedAuthoritiesConverter(new KeycloakRealmRoleConverter());
        return new ReactiveJwtAuthenticationConverterAdapter(converter);
    }

    @Bean
    @ConditionalOnMissingBean
    ReactiveProblemSecurityHandlers reactiveProblemSecurityHandlers() {
        return new ReactiveProblemSecurityHandlers();
    }

    @Bean
    CorrelationIdWebFilter correlationIdWebFilter() {
        return new CorrelationIdWebFilter();
    }

    @Bean
    ReadyLogger readyLogger() {
        return new ReadyLogger();
    }
}
