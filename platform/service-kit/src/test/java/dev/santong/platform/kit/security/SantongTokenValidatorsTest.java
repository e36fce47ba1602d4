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
            SantongTokenValidators.forProperties(new SantongSecurityProperties(ISSUER, null, null, null, null));

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
        assertThat(new SantongSecurityProperties(ISSUER, "", "", null, null).jwkSetUri()).isEqualTo(ISSUER + "/protocol/openid-connect/certs");
    }

    @Test
    void refusesATokenNotYetValid() {
        assertThat(validator.validate(valid().notBefore(Instant.now().plusSeconds(600)).build()).hasErrors()).isTrue();
    }

    @Test
    void takesOnlyTheClientsOnItsAllowListWhenItHasOne() {
        OAuth2TokenValidator<Jwt> listed = SantongTokenValidators.forProperties(
                new SantongSecurityProperties(ISSUER, null, null, null, List.of("online-shop", "pos-store-*")));
        assertThat(listed.validate(valid().claim("azp", "online-shop").build()).hasErrors()).isFalse();
        assertThat(listed.validate(valid().claim("azp", "pos-store-12").build()).hasErrors()).isFalse();
        assertThat(listed.validate(valid().claim("azp", "member-svc").build()).hasErrors()).isTrue();
        assertThat(listed.validate(valid().claim("azp", "online-shop-2").build()).hasErrors()).as("no prefix of an exact name").isTrue();
        assertThat(listed.validate(valid().build()).hasErrors()).as("no client named").isTrue();
        assertThat(validator.validate(valid().claim("azp", "member-svc").build()).hasErrors()).as("no list: any client").isFalse();
    }
}
