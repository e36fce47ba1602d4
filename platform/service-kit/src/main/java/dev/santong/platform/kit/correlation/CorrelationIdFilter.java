package dev.santong.platform.kit.correlation;

import java.io.IOException;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.slf4j.MDC;
import org.springframework.web.filter.OncePerRequestFilter;

import dev.santong.platform.kit.CorrelationKeys;

/** Runs before Spring Security so that even a 401 carries the id the caller can quote to support. */
public class CorrelationIdFilter extends OncePerRequestFilter {

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String correlationId = CorrelationKeys.acceptOrCreate(request.getHeader(CorrelationKeys.HEADER));
        MDC.put(CorrelationKeys.MDC_KEY, correlationId);
        response.setHeader(CorrelationKeys.HEADER, correlationId);
        try {
            chain.doFilter(request, response);
        } finally {
            MDC.remove(CorrelationKeys.MDC_KEY);
        }
    }
}
