package dev.santong.platform.kit.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.springframework.security.oauth2.core.OAuth2TokenValidator;
import org.springframework.security.oauth2.jwt.Jwt;

class SantongTokenValidatorsTest {

    private static final String ISSUER = "http://localhost:8180/realms/santong";
    private final OAuth2TokenValidator<Jwt> validator =
            SantongTokenValidators.forProperties(new SantongSecurityProperties(ISSUER, null, null, null));

    private static Jwt.Builder valid() {
        return Jwt.withTokenValue("t").header("alg", "RS256").issuer(ISSUER).subject("someone")
                .audience(List.of("santong-api", "account")).issuedAt(Instant.now().minusSeconds(5))
                .expiresAt(Instant.now().plusSeconds(300));
    }

    @Test
    void acceptsATokenOfTheRealmForTheSuite() {
        assertThat(validator.validate(valid().build()).hasErrors()).isFalse();
    }

    @Test
    void refusesAnotherAudienceAnotherIssuerAnExpiredTokenOrNoSubject() {
        assertThat(validator.validate(valid().audience(List.of("account")).build()).hasErrors()).isTrue();
        assertThat(validator.validate(valid().issuer("http://localhost:8180/realms/master").build()).hasErrors()).isTrue();
        assertThat(validator.validate(valid().issuedAt(Instant.now().minusSeconds(900))
                .expiresAt(Instant.now().minusSeconds(600)).build()).hasErrors()).isTrue();
        assertThat(validator.validate(valid().subject(" ").build()).hasErrors()).isTrue();
    }

    @Test
    void theJwkSetDefaultsToTheRealmsCertsEndpoint() {
        assertThat(new SantongSecurityProperties(ISSUER, "", "", null).jwkSetUri()).isEqualTo(ISSUER + "/protocol/openid-connect/certs");
    }
}
