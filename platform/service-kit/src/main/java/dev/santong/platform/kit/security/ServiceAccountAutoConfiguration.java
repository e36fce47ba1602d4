package dev.santong.platform.kit.security;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;
import org.springframework.security.oauth2.client.registration.ClientRegistrationRepository;

/** {@link ServiceAccountTokens} wherever a service registers an OAuth2 client of its own. */
@AutoConfiguration(afterName = "org.springframework.boot.security.oauth2.client.autoconfigure.OAuth2ClientAutoConfiguration")
@ConditionalOnClass(ClientRegistrationRepository.class)
@ConditionalOnBean(ClientRegistrationRepository.class)
public class ServiceAccountAutoConfiguration {

    @Bean
    @ConditionalOnMissingBean
    ServiceAccountTokens serviceAccountTokens(ClientRegistrationRepository registrations) {
        return new ServiceAccountTokens(registrations);
    }
}
