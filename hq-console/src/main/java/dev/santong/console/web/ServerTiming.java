package dev.santong.console.web;

import java.io.IOException;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;
import org.springframework.web.util.ContentCachingResponseWrapper;

/**
 * Each page and part says how long the console took to make it ({@code Server-Timing: render;dur=...}, the
 * service calls included), so a browser's own timing shows the server's share. A page is small and buffered for
 * it; a CSV export streams and is left alone.
 */
@Component
class ServerTiming extends OncePerRequestFilter {

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        String path = request.getRequestURI();
        return path.endsWith(".csv") || path.endsWith(".js") || path.endsWith(".css") || path.contains("/webjars/");
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        long started = System.nanoTime();
        ContentCachingResponseWrapper buffered = new ContentCachingResponseWrapper(response);
        try {
            chain.doFilter(request, buffered);
        } finally {
            buffered.setHeader("Server-Timing", "render;dur=" + (System.nanoTime() - started) / 1_000_000);
            buffered.copyBodyToResponse();
        }
    }
}
