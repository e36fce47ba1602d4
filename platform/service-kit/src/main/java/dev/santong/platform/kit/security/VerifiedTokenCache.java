package dev.santong.platform.kit.security;

import java.time.Duration;
import java.time.Instant;

import org.springframework.security.oauth2.jwt.Jwt;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Expiry;

/**
 * Tokens this process has already verified (signature, issuer, audience, client, time), so a caller's next request
 * with the same token skips the signature check and the parse. The key is the whole token text: a token that differs
 * in any character, a forged signature included, is verified afresh. An entry never outlives its token's expiry nor
 * {@link #MAX_AGE}, and failures are never kept. Bounded in entries, so a flood of distinct tokens only evicts.
 */
public final class VerifiedTokenCache {

    /** Long enough to spare the work across a client's burst; short enough that a key rotation is felt within it. */
    public static final Duration MAX_AGE = Duration.ofMinutes(5);
    public static final long MAX_ENTRIES = 10_000;

    private final Cache<String, Jwt> verified;

    public VerifiedTokenCache() {
        this(MAX_ENTRIES);
    }

    VerifiedTokenCache(long maxEntries) {
        this.verified = Caffeine.newBuilder().maximumSize(maxEntries).expireAfter(new UntilTokenExpires()).build();
    }

    /** The token as verified before, or null. */
    public Jwt get(String token) {
        Jwt jwt = verified.getIfPresent(token);
        // The cache's own clock expires entries; this guards a token whose expiry has passed meanwhile all the same.
        return jwt != null && (jwt.getExpiresAt() == null || Instant.now().isBefore(jwt.getExpiresAt())) ? jwt : null;
    }

    /** Keeps a token that its decoder has just verified. */
    public Jwt remember(String token, Jwt jwt) {
        if (lifetime(jwt) > 0) {
            verified.put(token, jwt);
        }
        return jwt;
    }

    long size() {
        verified.cleanUp();
        return verified.estimatedSize();
    }

    private static long lifetime(Jwt jwt) {
        long max = MAX_AGE.toNanos();
        if (jwt.getExpiresAt() == null) {
            return max;
        }
        return Math.min(max, Duration.between(Instant.now(), jwt.getExpiresAt()).toNanos());
    }

    private static final class UntilTokenExpires implements Expiry<String, Jwt> {

        @Override
        public long expireAfterCreate(String token, Jwt jwt, long now) {
            return Math.max(0, lifetime(jwt));
        }

        @Override
        public long expireAfterUpdate(String token, Jwt jwt, long now, long current) {
            return Math.max(0, lifetime(jwt));
        }

        @Override
        public long expireAfterRead(String token, Jwt jwt, long now, long current) {
            return current;
        }
    }
}
