package dev.santong.platform.kit.idempotency;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.regex.Pattern;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.security.authentication.AnonymousAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.filter.OncePerRequestFilter;
import org.springframework.web.util.ContentCachingResponseWrapper;

import dev.santong.platform.kit.idempotency.IdempotencyRecords.Answered;
import dev.santong.platform.kit.idempotency.IdempotencyRecords.Claim;
import dev.santong.platform.kit.idempotency.IdempotencyRecords.Claimed;
import dev.santong.platform.kit.idempotency.IdempotencyRecords.InFlight;
import dev.santong.platform.kit.problem.ApiProblems;
import dev.santong.platform.kit.problem.InvalidField;
import dev.santong.platform.kit.web.ProblemResponses;
import dev.santong.platform.kit.web.RequestBodyLimitFilter.BodyTooLargeException;

/**
 * The {@code Idempotency-Key} request header (IETF draft-ietf-httpapi-idempotency-key-header) on every POST and PATCH:
 * the first request with a key is answered and, when it succeeded, its response is kept; the same key with the same
 * request (method, path, query and body, JSON compared canonically) gets that response again with
 * {@code Idempotent-Replayed: true}; the same key with another request is a 422; the same key while the first is still
 * being answered waits briefly for it and is otherwise a 409 with {@code Retry-After}.
 * <p>
 * Keys belong to the caller (the token's subject), so one caller's key never meets another's. A refused or failed
 * request wrote nothing and keeps nothing: its key is free again, so a retry after a fix (a SKU added, stock
 * arrived) is answered afresh. Business keys in the bodies keep working underneath, for callers that send none.
 */
public class IdempotencyKeyFilter extends OncePerRequestFilter {

    public static final String HEADER = "Idempotency-Key";
    public static final String REPLAYED = "Idempotent-Replayed";

    // A structured-field string (the draft's form, quoted) or a bare token: printable ASCII, bounded.
    private static final Pattern KEY = Pattern.compile("[\\x21-\\x7E]{1,255}");
    private static final int MAX_KEPT_RESPONSE = 256 * 1024;
    private static final Duration POLL = Duration.ofMillis(50);

    private final IdempotencyRecords records;
    private final Duration inFlightWait;

    public IdempotencyKeyFilter(IdempotencyRecords records, Duration inFlightWait) {
        this.records = records;
        this.inFlightWait = inFlightWait;
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        String method = request.getMethod();
        return request.getHeader(HEADER) == null || !(method.equals("POST") || method.equals("PATCH"));
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        Authentication caller = SecurityContextHolder.getContext().getAuthentication();
        if (caller == null || caller instanceof AnonymousAuthenticationToken || !caller.isAuthenticated()) {
            chain.doFilter(request, response);
            return;
        }
        String key = unquoted(request.getHeader(HEADER));
        if (!KEY.matcher(key).matches()) {
            ProblemResponses.write(response, ApiProblems.invalid(List.of(new InvalidField(HEADER,
                    "must be 1-255 printable ASCII characters without spaces, optionally in double quotes"))));
            return;
        }
        byte[] body;
        try {
            body = request.getInputStream().readAllBytes();
        } catch (BodyTooLargeException tooLarge) {
            ProblemResponses.tooLarge(response, tooLarge.maxBytes());
            return;
        }
        String scope = Fingerprint.ofCanonical(caller.getName() + "\n" + key);
        String fingerprint = Fingerprint.ofCanonical(request.getMethod() + " " + request.getRequestURI() + "?"
                + (request.getQueryString() == null ? "" : request.getQueryString()) + "\n" + Fingerprint.ofBody(body));
        Claim claim = claimWaitingForAnAnswer(scope, fingerprint);
        switch (claim) {
            case Claimed claimed -> answer(new BodyKept(request, body), response, chain, scope);
            case Answered answered -> replay(answered, response);
            case InFlight inFlight -> {
                response.setHeader(HttpHeaders.RETRY_AFTER, "1");
                ProblemResponses.write(response, ApiProblems.of(HttpStatus.CONFLICT, "idempotency-key-in-flight", "Request in progress",
                        "A request with this Idempotency-Key is still being answered; retry shortly with the same key"));
            }
            case IdempotencyRecords.OtherRequest other -> ProblemResponses.write(response, ApiProblems.of(HttpStatus.UNPROCESSABLE_CONTENT,
                    "idempotency-key-reused", "Idempotency key reused",
                    "Idempotency-Key " + key + " was already used for a different request"));
        }
    }

    private Claim claimWaitingForAnAnswer(String scope, String fingerprint) throws ServletException {
        long deadline = System.nanoTime() + inFlightWait.toNanos();
        Claim claim = records.claim(scope, fingerprint);
        // A client that retries at once (a timeout, a double tap) usually gets the first answer instead of a 409.
        while (claim instanceof InFlight && System.nanoTime() < deadline) {
            try {
                Thread.sleep(POLL);
            } catch (InterruptedException interrupted) {
                Thread.currentThread().interrupt();
                throw new ServletException("interrupted while waiting for the first answer", interrupted);
            }
            claim = records.claim(scope, fingerprint);
        }
        return claim;
    }

    private void answer(HttpServletRequest request, HttpServletResponse response, FilterChain chain, String scope)
            throws ServletException, IOException {
        ContentCachingResponseWrapper kept = new ContentCachingResponseWrapper(response);
        boolean answered = false;
        try {
            chain.doFilter(request, kept);
            int status = kept.getStatus();
            byte[] content = kept.getContentAsByteArray();
            if (status >= 200 && status < 300 && content.length <= MAX_KEPT_RESPONSE) {
                records.complete(scope, status, kept.getContentType(), kept.getHeader(HttpHeaders.LOCATION), content);
                answered = true;
            }
        } finally {
            if (!answered) {
                records.release(scope);
            }
            kept.copyBodyToResponse();
        }
    }

    private static void replay(Answered answered, HttpServletResponse response) throws IOException {
        response.setStatus(answered.status());
        response.setHeader(REPLAYED, "true");
        if (answered.contentType() != null) {
            response.setContentType(answered.contentType());
        }
        if (answered.location() != null) {
            response.setHeader(HttpHeaders.LOCATION, answered.location());
        }
        if (answered.body() != null) {
            response.getOutputStream().write(answered.body());
        }
    }

    private static String unquoted(String header) {
        String trimmed = header.trim();
        return trimmed.length() >= 2 && trimmed.startsWith("\"") && trimmed.endsWith("\"") ? trimmed.substring(1, trimmed.length() - 1) : trimmed;
    }

    /** The body, read once to fingerprint it, handed to the application as if unread. */
    private static final class BodyKept extends HttpServletRequestWrapper {

        private final byte[] body;

        BodyKept(HttpServletRequest request, byte[] body) {
            super(request);
            this.body = body;
        }

        @Override
        public ServletInputStream getInputStream() {
            ByteArrayInputStream in = new ByteArrayInputStream(body);
            return new ServletInputStream() {
                @Override
                public int read() {
                    return in.read();
                }

                @Override
                public int read(byte[] buffer, int offset, int length) {
                    return in.read(buffer, offset, length);
                }

                @Override
                public boolean isFinished() {
                    return in.available() == 0;
                }

                @Override
                public boolean isReady() {
                    return true;
                }

                @Override
                public void setReadListener(ReadListener listener) {
                    // The whole body is in memory: it is available at once and read to the end without waiting.
                    try {
                        listener.onDataAvailable();
                        listener.onAllDataRead();
                    } catch (IOException failed) {
                        listener.onError(failed);
                    }
                }
            };
        }

        @Override
        public java.io.BufferedReader getReader() {
            String encoding = getCharacterEncoding();
            return new java.io.BufferedReader(new java.io.InputStreamReader(getInputStream(),
                    encoding == null ? StandardCharsets.UTF_8 : java.nio.charset.Charset.forName(encoding)));
        }
    }
}
