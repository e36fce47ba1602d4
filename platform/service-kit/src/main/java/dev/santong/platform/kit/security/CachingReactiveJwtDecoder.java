package dev.santong.platform.kit.security;

import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.ReactiveJwtDecoder;

import reactor.core.publisher.Mono;

/** The gateway's decoder: each distinct token verified once per {@link VerifiedTokenCache} lifetime. */
public final class CachingReactiveJwtDecoder implements ReactiveJwtDecoder {

    private final ReactiveJwtDecoder verifier;
    private final VerifiedTokenCache cache;

    public CachingReactiveJwtDecoder(ReactiveJwtDecoder verifier, VerifiedTokenCache cache) {
        this.verifier = verifier;
        this.cache = cache;
    }

    @Override
    public Mono<Jwt> decode(String token) {
        Jwt known = cache.get(token);
        return known != null ? Mono.just(known) : verifier.decode(token).map(jwt -> cache.remember(token, jwt));
    }
}
