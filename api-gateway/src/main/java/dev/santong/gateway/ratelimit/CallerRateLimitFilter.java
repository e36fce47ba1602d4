package dev.santong.gateway.ratelimit;

import java.net.InetSocketAddress;
import java.time.Duration;

import org.redisson.api.RRateLimiterReactive;
import org.redisson.api.RateType;
import org.redisson.api.RedissonClient;
import org.springframework.cloud.gateway.filter.GatewayFilterChain;
import org.springframework.cloud.gateway.filter.GlobalFilter;
import org.springframework.cloud.gateway.route.Route;
import org.springframework.cloud.gateway.support.ServerWebExchangeUtils;
import org.springframework.cloud.gateway.support.ipresolver.RemoteAddressResolver;
import org.springframework.cloud.gateway.support.ipresolver.XForwardedRemoteAddressResolver;
import org.springframework.core.Ordered;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;

import dev.santong.platform.kit.problem.ApiProblems;
import dev.santong.platform.kit.problem.ReactiveProblems;
import dev.santong.platform.kit.security.CallerIdentity;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import io.github.resilience4j.reactor.circuitbreaker.operator.CircuitBreakerOperator;
import reactor.core.publisher.Mono;

/**
 * Limits callers with Redis rate limiters shared by all gateway replicas, by what they are: each shopper on their own,
 * each store as a whole (its tills and staff together), the shop's server under its own larger quota (it serves every
 * shopper), each HQ user, anyone else per token client and subject, and reads without a token (the shop's catalogue) per
 * client address. Runs after authentication: a request the edge refused is not counted. Every answer names its policy
 * ({@code RateLimit-Policy}); a 429 says when to come back ({@code Retry-After}, {@code RateLimit}).
 */
@Component
class CallerRateLimitFilter implements GlobalFilter, Ordered {

    /** Its thresholds are configured under resilience4j.circuitbreaker.instances.rate-limit-redis. */
    static final String REDIS_BREAKER = "rate-limit-redis";

    // Redisson's Lua scripts assert this when the limiter's settings are not in Redis.
    private static final String NOT_INITIALISED = "RateLimiter is not initialized";

    private final RedissonClient redisson;
    private final RateLimitProperties properties;
    private final RemoteAddressResolver clientAddress;
    private final CircuitBreaker redisBreaker;
    private final LocalRateLimits local;
    private final RateLimitLeases leases;
    private final OutageLog outage = new OutageLog();

    CallerRateLimitFilter(RedissonClient redisson, RateLimitProperties properties, CircuitBreakerRegistry breakers, LocalRateLimits local,
            RateLimitLeases leases) {
        this.leases = leases;
        this.redisson = redisson;
        this.properties = properties;
        this.redisBreaker = breakers.circuitBreaker(REDIS_BREAKER);
        this.local = local;
        // Behind the ingress the connection is the proxy's: the client is the entry the last trusted proxy appended.
        this.clientAddress = properties.trustedProxies() == 0 ? new RemoteAddressResolver() {
        } : XForwardedRemoteAddressResolver.maxTrustedIndex(properties.trustedProxies());
    }

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, GatewayFilterChain chain) {
        return exchange.getPrincipal()
                .filter(JwtAuthenticationToken.class::isInstance)
                .cast(JwtAuthenticationToken.class)
                .map(CallerRateLimitFilter::caller)
                // Only reads the edge lets through without a token get here without one: counted per client address.
                .switchIfEmpty(Mono.fromSupplier(() -> anonymous(exchange)))
                .flatMap(caller -> {
                    RateLimitProperties.Limit limit = properties.of(caller.limitClass());
                    exchange.getResponse().getHeaders().set("RateLimit-Policy", policy(caller, limit));
                    return decide(exchange, caller, limit).flatMap(decision -> switch (decision) {
                        case ALLOWED -> chain.filter(exchange);
                        case LIMITED -> refuse(exchange, caller);
                        case UNAVAILABLE -> unavailable(exchange);
                    });
                });
    }

    enum Decision {
        ALLOWED, LIMITED, UNAVAILABLE
    }

    /**
     * Redis decides, shared by every replica. When it does not answer in time, or its breaker is open after it failed
     * (so a Redis outage costs a request at most {@code redis-timeout}, and then nothing), the route's mode decides.
     */
    private Mono<Decision> decide(ServerWebExchange exchange, Caller caller, RateLimitProperties.Limit limit) {
        if (leases.tryTake(caller.key())) {
            // Counted against the shared limit already, when this replica took the lease.
            return Mono.just(Decision.ALLOWED);
        }
        Mono<Decision> shared = permit(caller, limit, LEASE_ROUNDS).map(allowed -> allowed ? Decision.ALLOWED : Decision.LIMITED);
        return shared.timeout(properties.redisTimeout())
                .transformDeferred(CircuitBreakerOperator.of(redisBreaker))
                .onErrorResume(failure -> Mono.fromSupplier(() -> whenRedisDown(exchange, caller, limit, failure)));
    }

    private Decision whenRedisDown(ServerWebExchange exchange, Caller caller, RateLimitProperties.Limit limit, Throwable failure) {
        Route route = exchange.getAttribute(ServerWebExchangeUtils.GATEWAY_ROUTE_ATTR);
        HttpMethod method = exchange.getRequest().getMethod();
        boolean read = HttpMethod.GET.equals(method) || HttpMethod.HEAD.equals(method) || HttpMethod.OPTIONS.equals(method);
        RateLimitProperties.Mode mode = properties.whenRedisDown().of(route == null ? null : route.getId(), read);
        outage.warn(failure, mode);
        return switch (mode) {
            case OPEN -> Decision.ALLOWED;
            case CLOSED -> Decision.UNAVAILABLE;
            case LOCAL -> local.tryAcquire(caller.key(), limit) ? Decision.ALLOWED : Decision.LIMITED;
        };
    }

    /** @param limitClass shopper, store, shop-backend, hq, anonymous, console or default; {@code key} who is counted together */
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

    private Caller anonymous(ServerWebExchange exchange) {
        InetSocketAddress client = clientAddress.resolve(exchange);
        String address = client == null || client.getAddress() == null ? "unknown" : client.getAddress().getHostAddress();
        Route route = exchange.getAttribute(ServerWebExchangeUtils.GATEWAY_ROUTE_ATTR);
        // The console's people carry a session cookie, not a token: counted per address, with a page's worth of quota.
        return route != null && "console".equals(route.getId()) ? new Caller("console", "console-ip:" + address)
                : new Caller("anonymous", "ip:" + address);
    }

    /** Leases one request waits for in turn, when the ones before went to the requests ahead of it. */
    private static final int LEASE_ROUNDS = 4;

    /**
     * A permit from Redis, when this replica's lease ({@link RateLimitLeases}) is used up. A caller whose quota is large
     * enough gets a new lease: one request asks Redis for it and the caller's other requests meanwhile wait for that
     * answer and take from it (each asking on its own took a lease each and kept only the last: a caller well under
     * its quota was refused). When not even a lease's worth is left, the single permit is asked for.
     */
    private Mono<Boolean> permit(Caller caller, RateLimitProperties.Limit limit, int rounds) {
        RRateLimiterReactive limiter = redisson.reactive().getRateLimiter(properties.keyPrefix() + caller.key());
        long lease = RateLimitLeases.sizeFor(limit);
        if (lease == 1) {
            return initialised(limiter, limit, limiter.tryAcquire());
        }
        Mono<Boolean> renewal = leases.renewal(caller.key(), () -> initialised(limiter, limit, limiter.tryAcquire(lease))
                .doOnNext(leased -> {
                    if (leased) {
                        leases.lease(caller.key(), lease, limit.period());
                    }
                })
                // The requests waiting for it have their own timeout; the lease's own ends the wait for the next ones.
                .timeout(properties.redisTimeout()));
        return renewal.flatMap(leased -> {
            if (leases.tryTake(caller.key())) {
                return Mono.just(true);
            }
            // The lease went to the requests ahead of this one: the next lease, or the single permit when none is left.
            return leased && rounds > 1 ? permit(caller, limit, rounds - 1) : initialised(limiter, limit, limiter.tryAcquire());
        });
    }

    /**
     * The acquire, after creating the limiter when Redis says it does not exist (a caller's first request, or after it
     * sat idle past its keep-alive, which every acquire renews).
     */
    private static Mono<Boolean> initialised(RRateLimiterReactive limiter, RateLimitProperties.Limit limit, Mono<Boolean> acquire) {
        Duration keepAlive = limit.period().multipliedBy(10).plusMinutes(1);
        return acquire.onErrorResume(CallerRateLimitFilter::notInitialised,
                missing -> limiter.trySetRate(RateType.OVERALL, limit.requests(), limit.period(), keepAlive).then(acquire));
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

    private static Mono<Void> unavailable(ServerWebExchange exchange) {
        exchange.getResponse().getHeaders().set("Retry-After", "5");
        return ReactiveProblems.write(exchange, ApiProblems.of(HttpStatus.SERVICE_UNAVAILABLE, "rate-limit-unavailable",
                "Rate limits cannot be checked", "This route takes no requests while its rate limits cannot be checked; retry after 5 s"));
    }

    /** One warning when Redis stops answering and one a minute while it stays away, instead of one per request. */
    private static final class OutageLog {

        private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(CallerRateLimitFilter.class);
        private final java.util.concurrent.atomic.AtomicLong lastWarned = new java.util.concurrent.atomic.AtomicLong();

        void warn(Throwable failure, RateLimitProperties.Mode mode) {
            long now = System.nanoTime();
            long last = lastWarned.get();
            if ((last == 0 || now - last > java.util.concurrent.TimeUnit.MINUTES.toNanos(1)) && lastWarned.compareAndSet(last, now)) {
                LOG.warn("Rate limits in Redis cannot be checked ({}); routes fall back to their when-redis-down mode (this request: {})",
                        failure.getClass().getSimpleName(), mode);
            }
        }
    }

    @Override
    public int getOrder() {
        return Ordered.HIGHEST_PRECEDENCE + 100;
    }
}
