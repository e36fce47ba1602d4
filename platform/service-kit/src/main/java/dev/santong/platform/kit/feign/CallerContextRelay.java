package dev.santong.platform.kit.feign;

import jakarta.servlet.http.HttpServletRequest;

import org.slf4j.MDC;
import org.springframework.http.HttpHeaders;
import org.springframework.web.context.request.RequestContextHolder;
import org.springframework.web.context.request.ServletRequestAttributes;

import dev.santong.platform.kit.CorrelationKeys;
import feign.RequestInterceptor;
import feign.RequestTemplate;

/**
 * Passes the caller's bearer token (the remote enforces its own rules for the same caller) and the correlation
 * id to every outgoing call. A client that sets its own Authorization (a worker with a service token) keeps it.
 */
public class CallerContextRelay implements RequestInterceptor {

    @Override
    public void apply(RequestTemplate template) {
        String correlationId = MDC.get(CorrelationKeys.MDC_KEY);
        if (correlationId != null && !template.headers().containsKey(CorrelationKeys.HEADER)) {
            template.header(CorrelationKeys.HEADER, correlationId);
        }
        if (template.headers().containsKey(HttpHeaders.AUTHORIZATION)) {
            return;
        }
        if (RequestContextHolder.getRequestAttributes() instanceof ServletRequestAttributes attributes) {
            HttpServletRequest request = attributes.getRequest();
            String authorization = request.getHeader(HttpHeaders.AUTHORIZATION);
            if (authorization != null && authorization.startsWith("Bearer ")) {
                template.header(HttpHeaders.AUTHORIZATION, authorization);
            }
        }
    }
}
