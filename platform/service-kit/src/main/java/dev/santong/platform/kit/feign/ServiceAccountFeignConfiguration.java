package dev.santong.platform.kit.feign;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.http.HttpHeaders;

import dev.santong.platform.kit.security.ServiceAccountTokens;
import feign.RequestInterceptor;

/**
 * The configuration of a Feign client whose calls carry the service's own token: the client registration named by
 * {@code santong.service-account.registration}. For work done on the service's own account, often long after any
 * request ended (store transactions applied, after-sales effects delivered); it replaces a relayed caller token, so a
 * caller needs no rights of their own at the remote.
 */
public class ServiceAccountFeignConfiguration {

    @Bean
    public RequestInterceptor serviceAccountToken(ServiceAccountTokens tokens,
            @Value("${santong.service-account.registration}") String registration) {
        return template -> {
            template.removeHeader(HttpHeaders.AUTHORIZATION);
            template.header(HttpHeaders.AUTHORIZATION, "Bearer " + tokens.token(registration));
        };
    }
}
