package dev.santong.channelsync.system;

import org.springframework.context.annotation.Bean;
import org.springframework.http.HttpHeaders;

import dev.santong.platform.kit.security.ServiceAccountTokens;
import feign.RequestInterceptor;

/**
 * Calls to goods-svc and member-svc carry channel-sync-svc's own token (role {@code pos-sync}): the work is applied
 * long after the till's request ended, and channel-sync-svc has already checked the store uploaded for itself.
 * Overrides a relayed caller token: an HQ user reading a reconciliation does not need goods-svc rights of their own.
 */
public class ServiceAccountFeignConfiguration {

    static final String REGISTRATION = "channel-sync";

    @Bean
    public RequestInterceptor serviceAccountToken(ServiceAccountTokens tokens) {
        return template -> {
            template.removeHeader(HttpHeaders.AUTHORIZATION);
            template.header(HttpHeaders.AUTHORIZATION, "Bearer " + tokens.token(REGISTRATION));
        };
    }
}
