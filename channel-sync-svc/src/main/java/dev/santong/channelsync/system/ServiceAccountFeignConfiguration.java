package dev.santong.channelsync.system;

import org.springframework.context.annotation.Bean;
import org.springframework.http.HttpHeaders;
import org.springframework.security.oauth2.client.OAuth2AuthorizeRequest;
import org.springframework.security.oauth2.client.OAuth2AuthorizedClient;
import org.springframework.security.oauth2.client.OAuth2AuthorizedClientManager;

import feign.RequestInterceptor;

/**
 * Calls to goods-svc and member-svc carry channel-sync-svc's own token (role {@code pos-sync}): the work is applied
 * long after the till's request ended, and channel-sync-svc has already checked the store uploaded for itself.
 * Overrides a relayed caller token: an HQ user reading a reconciliation does not need goods-svc rights of their own.
 */
public class ServiceAccountFeignConfiguration {

    static final String REGISTRATION = "channel-sync";

    @Bean
    public RequestInterceptor serviceAccountToken(OAuth2AuthorizedClientManager clients) {
        return template -> {
            OAuth2AuthorizedClient client = clients.authorize(
                    OAuth2AuthorizeRequest.withClientRegistrationId(REGISTRATION).principal("channel-sync-svc").build());
            if (client == null) {
                throw new IllegalStateException("no token for client registration " + REGISTRATION);
            }
            template.removeHeader(HttpHeaders.AUTHORIZATION);
            template.header(HttpHeaders.AUTHORIZATION, "Bearer " + client.getAccessToken().getTokenValue());
        };
    }
}
