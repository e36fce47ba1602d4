package dev.santong.gateway.edge;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpMethod;
import org.springframework.security.config.web.server.ServerHttpSecurity;
import org.springframework.security.oauth2.jwt.ReactiveJwtDecoder;
import org.springframework.security.oauth2.server.resource.authentication.ReactiveJwtAuthenticationConverterAdapter;
import org.springframework.security.web.server.SecurityWebFilterChain;

import dev.santong.platform.kit.security.ReactiveProblemSecurityHandlers;

/**
 * Coarse rules at the edge; each service enforces the fine ones again (object-level, store-level), so a route that
 * bypasses the gateway inside the cluster is no back door.
 */
@Configuration(proxyBeanMethods = false)
class EdgeSecurityConfiguration {

    @Bean
    SecurityWebFilterChain edgeSecurity(ServerHttpSecurity http, ReactiveJwtDecoder decoder,
            ReactiveJwtAuthenticationConverterAdapter converter, ReactiveProblemSecurityHandlers handlers) {
        return http
                // Bearer tokens only: no cookies, so nothing for CSRF to protect.
                .csrf(ServerHttpSecurity.CsrfSpec::disable)
                .httpBasic(ServerHttpSecurity.HttpBasicSpec::disable)
                .formLogin(ServerHttpSecurity.FormLoginSpec::disable)
                .authorizeExchange(exchanges -> exchanges
                        .pathMatchers(HttpMethod.GET, "/actuator/health", "/actuator/health/**", "/actuator/info",
                                "/actuator/prometheus").permitAll()
                        // The store sync API is for tills, store staff and HQ; a shopper's token has no business there.
                        .pathMatchers("/api/sync", "/api/sync/**").hasAnyRole("pos", "store-staff", "hq-admin", "hq-analyst")
                        .pathMatchers("/api/**").authenticated()
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
