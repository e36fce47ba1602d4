package dev.santong.gateway.ratelimit;

import java.time.Duration;
import java.util.Optional;

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
import dev.santong.platform.kit.security.CallerIdentity;
import reactor.core.publisher.Mono;

/**
 * Limits callers with Redis rate limiters shared by all gateway replicas, by what they are: each shopper on their own,
 * each store as a whole (its tills and staff together), the shop's server under its own larger quota (it serves every
 * shopper), each HQ user, anyone else per token client and subject. Runs after authentication, so only callers with a
 * valid token are counted. Every answer names its policy ({@code RateLimit-Policy}); a 429 says when to come back
 * ({@code Retry-After}, {@code RateLimit}).
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
                .map(CallerRateLimitFilter::caller)
                .flatMap(caller -> {
                    RateLimitProperties.Limit limit = properties.of(caller.limitClass());
                    exchange.getResponse().getHeaders().set("RateLimit-Policy", policy(caller, limit));
                    return tryAcquire(caller, limit).map(allowed -> allowed ? Optional.<Caller>empty() : Optional.of(caller));
                })
                .defaultIfEmpty(Optional.empty())
                .flatMap(refused -> refused.isEmpty() ? chain.filter(exchange) : refuse(exchange, refused.get()));
    }

    /** @param limitClass shopper, store, shop-backend, hq or default; {@code key} who is counted together */
    record Caller(String limitClass, String key) {
    }

    static Caller caller(JwtAuthenticationToken token) {
        CallerIdentity identity = CallerIdentity.of(token);
        String client = token.getToken().getClaimAsString("azp");
        if ((identity.hasRole("pos") || identity.hasRole("store-staff")) && identity.storeId().isPresent()) {
            return new Caller("store", "store:" + identity.storeId().get());
        }
        if (identity.hasRole("shop-backend")) {
            return new Caller("shop-backend", "client:" + client);
        }
        if (identity.isHq()) {
            return new Caller("hq", "hq:" + identity.subject());
        }
        if (identity.isShopper()) {
            return new Caller("shopper", "shopper:" + identity.subject());
        }
        return new Caller("default", (client == null ? "-" : client) + ":" + identity.subject());
    }

    /**
     * One Redis round trip per request: the limiter is created only when Redis says it does not exist (a caller's
     * first request, or after it sat idle past its keep-alive, which every acquire renews).
     */
    private Mono<Boolean> tryAcquire(Caller caller, RateLimitProperties.Limit limit) {
        RRateLimiterReactive limiter = redisson.reactive().getRateLimiter(properties.keyPrefix() + caller.key());
        Duration keepAlive = limit.period().multipliedBy(10).plusMinutes(1);
        return limiter.tryAcquire()
                .onErrorResume(CallerRateLimitFilter::notInitialised,
                        missing -> limiter.trySetRate(RateType.OVERALL, limit.requests(), limit.period(), keepAlive)
                                .then(limiter.tryAcquire()));
    }

    /** The IETF RateLimit header fields' policy: the class's quota ({@code q}) per window in seconds ({@code w}). */
    private static String policy(Caller caller, RateLimitProperties.Limit limit) {
        return "\"" + caller.limitClass() + "\";q=" + limit.requests() + ";w=" + Math.max(1, limit.period().toSeconds());
    }

    private static boolean notInitialised(Throwable error) {
        return error.getMessage() != null && error.getMessage().contains(NOT_INITIALISED);
    }

    private Mono<Void> refuse(ServerWebExchange exchange, Caller caller) {
        RateLimitProperties.Limit limit = properties.of(caller.limitClass());
        long retryAfter = Math.max(1, limit.period().toSeconds());
        exchange.getResponse().getHeaders().set("Retry-After", Long.toString(retryAfter));
        exchange.getResponse().getHeaders().set("RateLimit", "\"" + caller.limitClass() + "\";r=0;t=" + retryAfter);
        ProblemDetail problem = ApiProblems.of(HttpStatus.TOO_MANY_REQUESTS, "rate-limited", "Too many requests",
                "More than " + limit.requests() + " requests in " + limit.period() + " for this " + caller.limitClass().replace('-', ' ')
                        + "; retry after " + retryAfter + " s");
        return ReactiveProblems.write(exchange, problem);
    }

    @Override
    public int getOrder() {
        return Ordered.HIGHEST_PRECEDENCE + 100;
    }
}
