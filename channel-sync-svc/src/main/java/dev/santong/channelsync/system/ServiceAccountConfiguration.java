package dev.santong.channelsync.system;

import org.springframework.cloud.openfeign.EnableFeignClients;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.oauth2.client.AuthorizedClientServiceOAuth2AuthorizedClientManager;
import org.springframework.security.oauth2.client.InMemoryOAuth2AuthorizedClientService;
import org.springframework.security.oauth2.client.OAuth2AuthorizedClientManager;
import org.springframework.security.oauth2.client.OAuth2AuthorizedClientProviderBuilder;
import org.springframework.security.oauth2.client.registration.ClientRegistrationRepository;

/** The Feign clients of every capability (each in the package of the remote it speaks to), with service-account tokens. */
@Configuration(proxyBeanMethods = false)
@EnableFeignClients(basePackages = "dev.santong.channelsync")
class ServiceAccountConfiguration {

    /** Client-credentials tokens, cached until shortly before they expire (no request thread needed: workers use it). */
    @Bean
    OAuth2AuthorizedClientManager serviceAccountClients(ClientRegistrationRepository registrations) {
        var manager = new AuthorizedClientServiceOAuth2AuthorizedClientManager(registrations,
                new InMemoryOAuth2AuthorizedClientService(registrations));
        manager.setAuthorizedClientProvider(OAuth2AuthorizedClientProviderBuilder.builder().clientCredentials().build());
        return manager;
    }
}
