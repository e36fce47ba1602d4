package dev.santong.platform.kit.security;

import org.springframework.security.oauth2.client.AuthorizedClientServiceOAuth2AuthorizedClientManager;
import org.springframework.security.oauth2.client.InMemoryOAuth2AuthorizedClientService;
import org.springframework.security.oauth2.client.OAuth2AuthorizeRequest;
import org.springframework.security.oauth2.client.OAuth2AuthorizedClient;
import org.springframework.security.oauth2.client.OAuth2AuthorizedClientManager;
import org.springframework.security.oauth2.client.OAuth2AuthorizedClientProviderBuilder;
import org.springframework.security.oauth2.client.registration.ClientRegistrationRepository;

/**
 * A service's own access token (client credentials) for work it does on its own account, long after any request
 * ended (applying store uploads, relaying erasures): cached until shortly before it expires, no request thread needed.
 */
public class ServiceAccountTokens {

    private final OAuth2AuthorizedClientManager clients;

    public ServiceAccountTokens(ClientRegistrationRepository registrations) {
        var manager = new AuthorizedClientServiceOAuth2AuthorizedClientManager(registrations,
                new InMemoryOAuth2AuthorizedClientService(registrations));
        manager.setAuthorizedClientProvider(OAuth2AuthorizedClientProviderBuilder.builder().clientCredentials().build());
        this.clients = manager;
    }

    /** The token of the client registration {@code registrationId} ({@code spring.security.oauth2.client.registration.*}). */
    public String token(String registrationId) {
        OAuth2AuthorizedClient client = clients.authorize(OAuth2AuthorizeRequest.withClientRegistrationId(registrationId)
                .principal(registrationId).build());
        if (client == null) {
            throw new IllegalStateException("no token for client registration " + registrationId);
        }
        return client.getAccessToken().getTokenValue();
    }
}
