package dev.santong.platform.kit.security;

import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtException;

/** A decoder that verifies each distinct token once per {@link VerifiedTokenCache} lifetime, then answers from memory. */
public final class CachingJwtDecoder implements JwtDecoder {

    private final JwtDecoder verifier;
    private final VerifiedTokenCache cache;

    public CachingJwtDecoder(JwtDecoder verifier, VerifiedTokenCache cache) {
        this.verifier = verifier;
        this.cache = cache;
    }

    @Override
    public Jwt decode(String token) throws JwtException {
        Jwt known = cache.get(token);
        return known != null ? known : cache.remember(token, verifier.decode(token));
    }
}
