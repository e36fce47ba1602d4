package dev.santong.gateway.edge;

import java.net.InetSocketAddress;
import java.util.List;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.web.server.reactive.context.ReactiveWebServerApplicationContext;
import org.springframework.context.ApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpMethod;
import org.springframework.security.config.Customizer;
import org.springframework.security.config.web.server.ServerHttpSecurity;
import org.springframework.security.oauth2.jwt.ReactiveJwtDecoder;
import org.springframework.security.oauth2.server.resource.authentication.ReactiveJwtAuthenticationConverterAdapter;
import org.springframework.security.web.server.SecurityWebFilterChain;
import org.springframework.security.web.server.util.matcher.ServerWebExchangeMatcher;
import org.springframework.web.cors.CorsConfiguration;
import org.springframework.web.cors.reactive.CorsConfigurationSource;
import org.springframework.web.cors.reactive.UrlBasedCorsConfigurationSource;

import dev.santong.platform.kit.security.ReactiveProblemSecurityHandlers;

/**
 * Coarse rules at the edge; each service enforces the fine ones again (object-level, store-level), so a route that
 * bypasses the gateway inside the cluster is no back door.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(CorsProperties.class)
class EdgeSecurityConfiguration {

    /** What anyone may read without a token: the online shop's catalogue. */
    static final String[] ANONYMOUS_READS = { "/api/goods/shop", "/api/goods/shop/**" };

    /** The shop's (and console's) origins may call the API from script; a preflight is answered without a token. */
    @Bean
    CorsConfigurationSource corsConfigurationSource(CorsProperties properties) {
        CorsConfiguration cors = new CorsConfiguration();
        cors.setAllowedOrigins(properties.allowedOrigins());
        cors.setAllowedMethods(List.of("GET", "POST", "PUT", "PATCH", "DELETE", "OPTIONS"));
        cors.setAllowedHeaders(List.of("Authorization", "Content-Type", "Accept", "Accept-Language", "Idempotency-Key", "If-Match",
                "If-None-Match", "traceparent", "tracestate", "API-Version", "X-Correlation-Id"));
        cors.setExposedHeaders(List.of("ETag", "Location", "Retry-After", "RateLimit", "RateLimit-Policy", "X-Correlation-Id",
                "Idempotent-Replayed"));
        cors.setMaxAge(properties.maxAge());
        UrlBasedCorsConfigurationSource source = new UrlBasedCorsConfigurationSource();
        source.registerCorsConfiguration("/api/**", cors);
        return source;
    }

    /**
     * Requests on the management port (metrics, detailed health; kept inside the cluster by its network policy) are
     * actuator's own; everything on the public port goes through the edge rules below.
     */
    @Bean
    @Order(Ordered.HIGHEST_PRECEDENCE)
    SecurityWebFilterChain managementPort(ServerHttpSecurity http, ApplicationContext context) {
        ServerWebExchangeMatcher offThePublicPort = exchange -> {
            InetSocketAddress local = exchange.getRequest().getLocalAddress();
            int publicPort = ((ReactiveWebServerApplicationContext) context).getWebServer().getPort();
            return local != null && local.getPort() != publicPort ? ServerWebExchangeMatcher.MatchResult.match()
                    : ServerWebExchangeMatcher.MatchResult.notMatch();
        };
        return http.securityMatcher(offThePublicPort)
                .csrf(ServerHttpSecurity.CsrfSpec::disable)
                .authorizeExchange(exchanges -> exchanges.pathMatchers("/actuator", "/actuator/**").permitAll().anyExchange().denyAll())
                .build();
    }

    @Bean
    SecurityWebFilterChain edgeSecurity(ServerHttpSecurity http, ReactiveJwtDecoder decoder,
            ReactiveJwtAuthenticationConverterAdapter converter, ReactiveProblemSecurityHandlers handlers) {
        return http
                // Bearer tokens only: no cookies, so nothing for CSRF to protect.
                .csrf(ServerHttpSecurity.CsrfSpec::disable)
                .cors(Customizer.withDefaults())
                .httpBasic(ServerHttpSecurity.HttpBasicSpec::disable)
                .formLogin(ServerHttpSecurity.FormLoginSpec::disable)
                .authorizeExchange(exchanges -> exchanges
                        // Probes only: metrics and detailed health are on the management port, never the public one.
                        .pathMatchers(HttpMethod.GET, "/livez", "/readyz").permitAll()
                        // The online shop's catalogue is for anyone (limited per client address); goods-svc allows the same.
                        .pathMatchers(HttpMethod.GET, ANONYMOUS_READS).permitAll()
                        // The API documents and the Swagger UI over them: what a shop or POS developer starts from.
                        .pathMatchers(HttpMethod.GET, "/v3/api-docs", "/v3/api-docs/**", "/swagger-ui.html", "/swagger-ui/**", "/webjars/**")
                        .permitAll()
                        // The console signs its people in itself (a Keycloak login, its own session and CSRF protection).
                        .pathMatchers("/console", "/console/**").permitAll()
                        // The store sync API is for tills, store staff and HQ; a shopper's token has no business there.
                        .pathMatchers("/api/sync", "/api/sync/**").hasAnyRole("pos", "store-staff", "hq-admin", "hq-analyst")
                        .pathMatchers("/api/**").authenticated()
                        // Everything else, the breakers' fallback included: a forward to it does not pass this chain again.
                        .anyExchange().denyAll())
                .oauth2ResourceServer(server -> server
                        .jwt(jwt -> jwt.jwtDecoder(decoder).jwtAuthenticationConverter(converter))
                        .authenticationEntryPoint(handlers)
                        .accessDeniedHandler(handlers))
                .exceptionHandling(exceptions -> exceptions
                        .authenticationEntryPoint(handlers)
                        .accessDeniedHandler(handlers))
                .build();
    }
}
