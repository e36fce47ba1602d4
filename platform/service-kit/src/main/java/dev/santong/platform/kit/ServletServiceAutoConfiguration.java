package dev.santong.platform.kit;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.util.unit.DataSize;
import org.springframework.core.Ordered;
import org.springframework.http.HttpMethod;
import org.springframework.security.config.annotation.method.configuration.EnableMethodSecurity;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationConverter;
import org.springframework.security.web.SecurityFilterChain;

import dev.santong.platform.kit.correlation.CorrelationIdFilter;
import dev.santong.platform.kit.problem.ApiProblemAdvice;
import dev.santong.platform.kit.security.KeycloakRealmRoleConverter;
import dev.santong.platform.kit.security.ProblemSecurityHandlers;
import dev.santong.platform.kit.security.SantongSecurityProperties;
import dev.santong.platform.kit.web.RequestBodyLimitFilter;
import dev.santong.platform.kit.security.SantongTokenValidators;

/**
 * What a Santong servlet service gets by depending on the kit: a stateless resource server for the santong
 * realm, method security for role and object-level rules, problem details and correlation ids.
 */
@AutoConfiguration(beforeName = {
        "org.springframework.boot.webmvc.autoconfigure.WebMvcAutoConfiguration",
        "org.springframework.boot.security.oauth2.server.resource.autoconfigure.servlet.OAuth2ResourceServerAutoConfiguration",
        "org.springframework.boot.security.autoconfigure.web.servlet.ServletWebSecurityAutoConfiguration" })
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
@EnableConfigurationProperties(SantongSecurityProperties.class)
@EnableMethodSecurity
public class ServletServiceAutoConfiguration {

    /** Paths anyone may call: probes and metrics for the platform, the OpenAPI document for client authors. */
    public static final String[] PUBLIC_PATHS = {
            "/actuator/health", "/actuator/health/**", "/livez", "/readyz", "/actuator/info", "/actuator/prometheus",
            "/v3/api-docs", "/v3/api-docs/**" };

    @Bean
    @ConditionalOnMissingBean
    JwtDecoder jwtDecoder(SantongSecurityProperties properties) {
        NimbusJwtDecoder decoder = NimbusJwtDecoder.withJwkSetUri(properties.jwkSetUri()).build();
        decoder.setJwtValidator(SantongTokenValidators.forProperties(properties));
        return new dev.santong.platform.kit.security.CachingJwtDecoder(decoder, new dev.santong.platform.kit.security.VerifiedTokenCache());
    }

    /** Spring Security's strict firewall, its character rule as a loop instead of an expression ({@link HeaderValueRule}). */
    @Bean
    @ConditionalOnMissingBean(org.springframework.security.web.firewall.HttpFirewall.class)
    org.springframework.security.web.firewall.StrictHttpFirewall httpFirewall() {
        org.springframework.security.web.firewall.StrictHttpFirewall firewall = new org.springframework.security.web.firewall.StrictHttpFirewall();
        firewall.setAllowedHeaderNames(dev.santong.platform.kit.security.HeaderValueRule.INSTANCE);
        firewall.setAllowedHeaderValues(dev.santong.platform.kit.security.HeaderValueRule.INSTANCE);
        firewall.setAllowedParameterNames(dev.santong.platform.kit.security.HeaderValueRule.INSTANCE);
        firewall.setAllowedParameterValues(dev.santong.platform.kit.security.HeaderValueRule.INSTANCE);
        return firewall;
    }

    /**
     * No observation per security filter, authentication and authorisation: they cost more CPU than the rest of a
     * small request, and the request's own observation (its trace and latency) already covers them.
     */
    @Bean
    @ConditionalOnMissingBean
    org.springframework.security.config.observation.SecurityObservationSettings securityObservationSettings() {
        return org.springframework.security.config.observation.SecurityObservationSettings.noObservations();
    }

    @Bean
    @ConditionalOnMissingBean
    JwtAuthenticationConverter jwtAuthenticationConverter() {
        JwtAuthenticationConverter converter = new JwtAuthenticationConverter();
        converter.setJwtGrantedAuthoritiesConverter(new KeycloakRealmRoleConverter());
        return converter;
    }

    @Bean
    @ConditionalOnMissingBean
    ProblemSecurityHandlers problemSecurityHandlers() {
        return new ProblemSecurityHandlers();
    }

    @Bean
    @ConditionalOnMissingBean(SecurityFilterChain.class)
    SecurityFilterChain santongResourceServer(HttpSecurity http, JwtAuthenticationConverter converter,
            ProblemSecurityHandlers handlers, SantongSecurityProperties properties) throws Exception {
        return http
                // Bearer tokens only, no cookies: CSRF has nothing to protect and sessions would only cost memory.
                .csrf(csrf -> csrf.disable())
                .sessionManagement(session -> session.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .authorizeHttpRequests(requests -> {
                    requests.requestMatchers(HttpMethod.GET, PUBLIC_PATHS).permitAll().requestMatchers("/error").permitAll();
                    if (!properties.anonymousReads().isEmpty()) {
                        requests.requestMatchers(HttpMethod.GET, properties.anonymousReads().toArray(String[]::new)).permitAll();
                    }
                    requests.anyRequest().authenticated();
                })
                .oauth2ResourceServer(server -> server
                        .jwt(jwt -> jwt.jwtAuthenticationConverter(converter))
                        .authenticationEntryPoint(handlers)
                        .accessDeniedHandler(handlers))
                .exceptionHandling(exceptions -> exceptions
                        .authenticationEntryPoint(handlers)
                        .accessDeniedHandler(handlers))
                .build();
    }

    /** After Boot's observation filter (HIGHEST_PRECEDENCE + 1), which continues the caller's trace. */
    @Bean
    FilterRegistrationBean<CorrelationIdFilter> correlationIdFilter(org.springframework.beans.factory.ObjectProvider<io.micrometer.tracing.Tracer> tracer) {
        FilterRegistrationBean<CorrelationIdFilter> registration = new FilterRegistrationBean<>(new CorrelationIdFilter(tracer));
        registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 2);
        return registration;
    }

    /**
     * The largest body a service reads ({@code santong.http.max-request-body}, 1 MB), and a larger one only on the paths
     * that take files ({@code santong.http.large-body-paths}, up to {@code santong.http.max-large-body}).
     */
    @Bean
    FilterRegistrationBean<RequestBodyLimitFilter> requestBodyLimitFilter(
            @Value("${santong.http.max-request-body:1MB}") DataSize maxRequestBody,
            @Value("${santong.http.large-body-paths:}") java.util.List<String> largeBodyPaths,
            @Value("${santong.http.max-large-body:10MB}") DataSize maxLargeBody) {
        FilterRegistrationBean<RequestBodyLimitFilter> registration = new FilterRegistrationBean<>(new RequestBodyLimitFilter(
                maxRequestBody.toBytes(), largeBodyPaths.stream().filter(path -> !path.isBlank()).toList(), maxLargeBody.toBytes()));
        registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 1);
        return registration;
    }

    /**
     * The request's language from Accept-Language, among the two the suite speaks: English (the default) and
     * Simplified Chinese. Field errors and the kit's titles follow it.
     */
    @Bean(name = org.springframework.web.servlet.DispatcherServlet.LOCALE_RESOLVER_BEAN_NAME)
    @ConditionalOnMissingBean(name = org.springframework.web.servlet.DispatcherServlet.LOCALE_RESOLVER_BEAN_NAME)
    org.springframework.web.servlet.LocaleResolver localeResolver() {
        org.springframework.web.servlet.i18n.AcceptHeaderLocaleResolver resolver = new org.springframework.web.servlet.i18n.AcceptHeaderLocaleResolver();
        resolver.setSupportedLocales(java.util.List.of(java.util.Locale.ENGLISH, java.util.Locale.SIMPLIFIED_CHINESE));
        resolver.setDefaultLocale(java.util.Locale.ENGLISH);
        return resolver;
    }

    @Bean
    @ConditionalOnMissingBean
    ApiProblemAdvice apiProblemAdvice() {
        return new ApiProblemAdvice();
    }

    @Bean
    dev.santong.platform.kit.web.BareInVersion1Advice bareInVersion1Advice() {
        return new dev.santong.platform.kit.web.BareInVersion1Advice();
    }

    @Bean
    dev.santong.platform.kit.money.Version1Money.Advice version1MoneyAdvice() {
        return new dev.santong.platform.kit.money.Version1Money.Advice();
    }

    /** Boot adds every Jackson module bean to the mapper that writes the answers. */
    @Bean
    tools.jackson.databind.JacksonModule version1MoneyModule() {
        return dev.santong.platform.kit.money.Version1Money.module();
    }

    @Bean
    ReadyLogger readyLogger() {
        return new ReadyLogger();
    }
}
