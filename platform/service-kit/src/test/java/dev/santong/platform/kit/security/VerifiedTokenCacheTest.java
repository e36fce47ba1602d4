package dev.santong.platform.kit.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;
import org.springframework.security.oauth2.jwt.BadJwtException;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtDecoder;

import reactor.core.publisher.Mono;

/** A token is verified once, and only that exact token, while it is valid, is answered from memory. */
class VerifiedTokenCacheTest {

    private static final String GOOD = "header.payload.signature";

    /** Stands in for Nimbus: accepts only {@link #GOOD}, counting how often it is asked. */
    private final AtomicInteger verifications = new AtomicInteger();
    private Instant expiresAt = Instant.now().plusSeconds(300);
    private final JwtDecoder verifier = token -> {
        verifications.incrementAndGet();
        if (!token.equals(GOOD)) {
            throw new BadJwtException("signature does not match");
        }
        return Jwt.withTokenValue(token).header("alg", "RS256").subject("pos-store-9").expiresAt(expiresAt)
                .issuedAt(expiresAt.minusSeconds(600)).build();
    };

    @Test
    void aTokenIsVerifiedOnceThenAnsweredFromMemory() {
        CachingJwtDecoder decoder = new CachingJwtDecoder(verifier, new VerifiedTokenCache());
        Jwt first = decoder.decode(GOOD);
        Jwt second = decoder.decode(GOOD);
        assertThat(second).isSameAs(first);
        assertThat(verifications).hasValue(1);
    }

    @Test
    void aTokenDifferingInOneCharacterIsVerifiedAfreshAndItsRefusalIsNotKept() {
        CachingJwtDecoder decoder = new CachingJwtDecoder(verifier, new VerifiedTokenCache());
        decoder.decode(GOOD);
        String forged = GOOD.substring(0, GOOD.length() - 1) + "X";
        assertThatThrownBy(() -> decoder.decode(forged)).isInstanceOf(BadJwtException.class);
        assertThatThrownBy(() -> decoder.decode(forged)).isInstanceOf(BadJwtException.class);
        assertThat(verifications).as("the good one once, the forged one each time").hasValue(3);
    }

    @Test
    void anExpiredTokenIsNeverAnsweredFromMemory() throws Exception {
        expiresAt = Instant.now().plusMillis(300);
        CachingJwtDecoder decoder = new CachingJwtDecoder(verifier, new VerifiedTokenCache());
        decoder.decode(GOOD);
        decoder.decode(GOOD);
        assertThat(verifications).hasValue(1);
        Thread.sleep(400);
        decoder.decode(GOOD);
        assertThat(verifications).as("past its expiry the verifier decides again (and would refuse it)").hasValue(2);
    }

    @Test
    void aFloodOfDistinctTokensOnlyEvicts() {
        VerifiedTokenCache cache = new VerifiedTokenCache(5);
        for (int i = 0; i < 100; i++) {
            cache.remember("token-" + i, Jwt.withTokenValue("token-" + i).header("alg", "RS256").subject("s").expiresAt(expiresAt).build());
        }
        assertThat(cache.size()).isLessThanOrEqualTo(5);
    }

    @Test
    void theGatewaysDecoderKeepsOnlyWhatItVerified() {
        CachingReactiveJwtDecoder decoder = new CachingReactiveJwtDecoder(token -> Mono.fromCallable(() -> verifier.decode(token)),
                new VerifiedTokenCache());
        Jwt first = decoder.decode(GOOD).block();
        assertThat(decoder.decode(GOOD).block()).isSameAs(first);
        assertThatThrownBy(() -> decoder.decode("header.payload.forged").block()).isInstanceOf(BadJwtException.class);
        assertThatThrownBy(() -> decoder.decode("header.payload.forged").block()).isInstanceOf(BadJwtException.class);
        assertThat(verifications).hasValue(3);
    }
}
