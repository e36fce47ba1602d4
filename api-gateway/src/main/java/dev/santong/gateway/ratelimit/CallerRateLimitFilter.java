package dev.santong.gateway.ratelimit;

import java.time.Duration;

import org.redisson.api.RRateLimiterReactive;
import org.redisson.api.RateType;
import org.redisson.api.RedissonClient;
import org.springframework.cloud.gateway.filter.GatewayFilterChain;
import org.springframework.cloud.gateway.filter.GlobalFilter;
import org.springframework.core.Ordered;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;

import dev.santong.platform.kit.problem.ApiProblems;
import dev.santong.platform.kit.problem.ReactiveProblems;
import reactor.core.publisher.Mono;

/**
 * Limits each caller (token client and subject) with a Redis rate limiter shared by all gateway replicas. Runs after
 * authentication, so only callers with a valid token are counted, each under their own key.
 */
@Component
class CallerRateLimitFilter implements GlobalFilter, Ordered {

    // Redisson's Lua scripts assert this when the limiter's settings are not in Redis.
    private static final String NOT_INITIALISED = "RateLimiter is not initialized";

    private final RedissonClient redisson;
    private final RateLimitProperties properties;

    CallerRateLimitFilter(RedissonClient redisson, RateLimitProperties properties) {
        this.redisson = redisson;
        this.properties = properties;
    }

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, GatewayFilterChain chain) {
        return exchange.getPrincipal()
                .filter(JwtAuthenticationToken.class::isInstance)
                .cast(JwtAuthenticationToken.class)
                .map(CallerRateLimitFilter::callerKey)
                .flatMap(this::tryAcquire)
                .defaultIfEmpty(true)
                .flatMap(allowed -> allowed ? chain.filter(exchange) : refuse(exchange));
    }

    /**
     * One Redis round trip per request: the limiter is created only when Redis says it does not exist (a caller's
     * first request, or after it sat idle past its keep-alive, which every acquire renews).
     */
    private Mono<Boolean> tryAcquire(String caller) {
        RRateLimiterReactive limiter = redisson.reactive().getRateLimiter(properties.keyPrefix() + caller);
        Duration keepAlive = properties.period().multipliedBy(10).plusMinutes(1);
        return limiter.tryAcquire()
                .onErrorResume(CallerRateLimitFilter::notInitialised,
                        missing -> limiter.trySetRate(RateType.OVERALL, properties.requests(), properties.period(), keepAlive)
                                .then(limiter.tryAcquire()));
    }

    private static boolean notInitialised(Throwable error) {
        return error.getMessage() != null && error.getMessage().contains(NOT_INITIALISED);
    }

    private Mono<Void> refuse(ServerWebExchange exchange) {
        long retryAfter = Math.max(1, properties.period().toSeconds());
        exchange.getResponse().getHeaders().set("Retry-After", Long.toString(retryAfter));
        ProblemDetail problem = ApiProblems.of(HttpStatus.TOO_MANY_REQUESTS, "rate-limited", "Too many requests",
                "More than " + properties.requests() + " requests in " + properties.period() + "; retry after " + retryAfter + " s");
        return ReactiveProblems.write(exchange, problem);
    }

    private static String callerKey(JwtAuthenticationToken token) {
        String client = token.getToken().getClaimAsString("azp");
        return (client == null ? "-" : client) + ":" + token.getToken().getSubject();
    }

    @Override
    public int getOrder() {
        return Ordered.HIGHEST_PRECEDENCE + 100;
    }
}
