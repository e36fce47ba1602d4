package dev.santong.platform.kit.web;

import java.io.IOException;
import java.util.List;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.util.AntPathMatcher;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Refuses a body larger than the service accepts before any of it is read: a declared length beyond the limit is a
 * 413 at once, and a body sent without a length stops being read at the limit (a 413 as well). Runs before security,
 * so an oversized body costs neither token validation nor parsing.
 */
public class RequestBodyLimitFilter extends OncePerRequestFilter {

    private static final AntPathMatcher PATHS = new AntPathMatcher();

    private final long defaultMaxBytes;
    private final List<String> largeBodyPaths;
    private final long largeMaxBytes;

    public RequestBodyLimitFilter(long maxBytes) {
        this(maxBytes, List.of(), maxBytes);
    }

    /** @param largeBodyPaths path patterns (e.g. {@code /api/x/{id}/attachments}) whose bodies may reach {@code largeMaxBytes} */
    public RequestBodyLimitFilter(long maxBytes, List<String> largeBodyPaths, long largeMaxBytes) {
        this.defaultMaxBytes = maxBytes;
        this.largeBodyPaths = List.copyOf(largeBodyPaths);
        this.largeMaxBytes = largeMaxBytes;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String path = request.getRequestURI().substring(request.getContextPath().length());
        long maxBytes = largeBodyPaths.stream().anyMatch(pattern -> PATHS.match(pattern, path)) ? largeMaxBytes : defaultMaxBytes;
        if (request.getContentLengthLong() > maxBytes) {
            ProblemResponses.tooLarge(response, maxBytes);
            return;
        }
        chain.doFilter(new Limited(request, maxBytes), response);
    }


    /** What a body sent without a length raises when it passes the limit; answered as a 413. */
    public static final class BodyTooLargeException extends IOException {

        private final long maxBytes;

        BodyTooLargeException(long maxBytes) {
            super("request body larger than " + maxBytes + " bytes");
            this.maxBytes = maxBytes;
        }

        public long maxBytes() {
            return maxBytes;
        }
    }

    private static final class Limited extends HttpServletRequestWrapper {

        private final long maxBytes;
        private ServletInputStream limited;

        Limited(HttpServletRequest request, long maxBytes) {
            super(request);
            this.maxBytes = maxBytes;
        }

        @Override
        public ServletInputStream getInputStream() throws IOException {
            if (limited == null) {
                ServletInputStream in = super.getInputStream();
                limited = new ServletInputStream() {
                    private long read;

                    @Override
                    public int read() throws IOException {
                        int b = in.read();
                        if (b >= 0) {
                            count(1);
                        }
                        return b;
                    }

                    @Override
                    public int read(byte[] buffer, int offset, int length) throws IOException {
                        int n = in.read(buffer, offset, length);
                        if (n > 0) {
                            count(n);
                        }
                        return n;
                    }

                    private void count(int n) throws BodyTooLargeException {
                        read += n;
                        if (read > maxBytes) {
                            throw new BodyTooLargeException(maxBytes);
                        }
                    }

                    @Override
                    public boolean isFinished() {
                        return in.isFinished();
                    }

                    @Override
                    public boolean isReady() {
                        return in.isReady();
                    }

                    @Override
                    public void setReadListener(ReadListener listener) {
                        in.setReadListener(listener);
                    }
                };
            }
            return limited;
        }
    }
}
