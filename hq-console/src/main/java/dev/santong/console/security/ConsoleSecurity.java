package dev.santong.console.security;

import java.text.ParseException;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.micrometer.metrics.autoconfigure.export.prometheus.PrometheusScrapeEndpoint;
import org.springframework.boot.security.autoconfigure.actuate.web.servlet.EndpointRequest;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.oauth2.client.OAuth2AuthorizedClientManager;
import org.springframework.security.oauth2.client.OAuth2AuthorizedClientProviderBuilder;
import org.springframework.security.oauth2.client.oidc.userinfo.OidcUserRequest;
import org.springframework.security.oauth2.client.oidc.userinfo.OidcUserService;
import org.springframework.security.oauth2.client.oidc.web.logout.OidcClientInitiatedLogoutSuccessHandler;
import org.springframework.security.oauth2.client.registration.ClientRegistrationRepository;
import org.springframework.security.oauth2.client.userinfo.OAuth2UserService;
import org.springframework.security.oauth2.client.web.DefaultOAuth2AuthorizationRequestResolver;
import org.springframework.security.oauth2.client.web.DefaultOAuth2AuthorizedClientManager;
import org.springframework.security.oauth2.client.web.HttpSessionOAuth2AuthorizedClientRepository;
import org.springframework.security.oauth2.client.web.OAuth2AuthorizedClientRepository;
import org.springframework.security.oauth2.client.web.OAuth2AuthorizationRequestCustomizers;
import org.springframework.security.oauth2.core.OAuth2AuthenticationException;
import org.springframework.security.oauth2.core.oidc.user.DefaultOidcUser;
import org.springframework.security.oauth2.core.oidc.user.OidcUser;
import org.springframework.security.web.SecurityFilterChain;

import com.nimbusds.jwt.JWTParser;

/**
 * Browser sign-in through Keycloak: the authorization code flow with PKCE on the confidential client
 * {@code hq-console}; tokens stay in the server's session, the browser holds only the session cookie. CSRF protection
 * is Spring Security's (a token in every form and htmx request); logout ends the Keycloak session too.
 */
@Configuration(proxyBeanMethods = false)
class ConsoleSecurity {

    @Bean
    SecurityFilterChain console(HttpSecurity http, ClientRegistrationRepository registrations,
            @Value("${management.server.port:-1}") int managementPort) throws Exception {
        DefaultOAuth2AuthorizationRequestResolver withPkce = new DefaultOAuth2AuthorizationRequestResolver(registrations,
                "/oauth2/authorization");
        withPkce.setAuthorizationRequestCustomizer(OAuth2AuthorizationRequestCustomizers.withPkce());
        OidcClientInitiatedLogoutSuccessHandler endKeycloakSession = new OidcClientInitiatedLogoutSuccessHandler(registrations);
        endKeycloakSession.setPostLogoutRedirectUri("{baseUrl}/");
        return http
                .authorizeHttpRequests(requests -> requests
                        .requestMatchers("/livez", "/readyz", "/webjars/**", "/console.css", "/console.js", "/error").permitAll()
                        // Metrics for Prometheus on the management port only (the chart's), which the public route never reaches.
                        .requestMatchers(request -> request.getLocalPort() == managementPort
                                && EndpointRequest.to(PrometheusScrapeEndpoint.class).matches(request)).permitAll()
                        .anyRequest().authenticated())
                .oauth2Login(login -> login
                        .authorizationEndpoint(endpoint -> endpoint.authorizationRequestResolver(withPkce))
                        .userInfoEndpoint(userInfo -> userInfo.oidcUserService(withRealmRoles())))
                .logout(logout -> logout.logoutSuccessHandler(endKeycloakSession))
                .build();
    }

    /**
     * The person's tokens live in their own HTTP session: two sessions of one person hold their own, and logging out
     * (which ends the session) drops them.
     */
    @Bean
    OAuth2AuthorizedClientRepository authorizedClients() {
        return new HttpSessionOAuth2AuthorizedClientRepository();
    }

    /**
     * The user's token for the services, renewed with the refresh token when it expires mid-session; a refresh
     * Keycloak refuses (the session ended there, or expired) removes the tokens, and the person signs in again.
     */
    @Bean
    OAuth2AuthorizedClientManager authorizedClientManager(ClientRegistrationRepository registrations, OAuth2AuthorizedClientRepository clients) {
        DefaultOAuth2AuthorizedClientManager manager = new DefaultOAuth2AuthorizedClientManager(registrations, clients);
        manager.setAuthorizedClientProvider(OAuth2AuthorizedClientProviderBuilder.builder().authorizationCode().refreshToken().build());
        return manager;
    }

    /**
     * Keycloak puts realm roles in the access token, not the ID token: the console reads them from the token it was
     * just given by Keycloak's token endpoint (over the back channel, so no signature check is needed to trust it).
     */
    private static OAuth2UserService<OidcUserRequest, OidcUser> withRealmRoles() {
        OidcUserService delegate = new OidcUserService();
        return request -> {
            OidcUser user = delegate.loadUser(request);
            Set<GrantedAuthority> authorities = new HashSet<>(user.getAuthorities());
            try {
                Object realmAccess = JWTParser.parse(request.getAccessToken().getTokenValue()).getJWTClaimsSet().getClaim("realm_access");
                if (realmAccess instanceof Map<?, ?> access && access.get("roles") instanceof List<?> roles) {
                    roles.forEach(role -> authorities.add(new SimpleGrantedAuthority("ROLE_" + role)));
                }
            } catch (ParseException unreadable) {
                throw new OAuth2AuthenticationException("the access token could not be read");
            }
            return new DefaultOidcUser(authorities, user.getIdToken(), user.getUserInfo(), "preferred_username");
        };
    }
}
