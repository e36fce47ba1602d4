package dev.santong.platform.kit.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.oauth2.jwt.Jwt;

class KeycloakRealmRoleConverterTest {

    private final KeycloakRealmRoleConverter converter = new KeycloakRealmRoleConverter();

    private static Jwt token(Map<String, Object> claims) {
        Jwt.Builder builder = Jwt.withTokenValue("t").header("alg", "RS256").subject("s")
                .issuedAt(Instant.now()).expiresAt(Instant.now().plusSeconds(60));
        claims.forEach(builder::claim);
        return builder.build();
    }

    @Test
    void nestedRealmRolesBecomeRoleAuthoritiesBesideScopes() {
        Jwt jwt = token(Map.of("realm_access", Map.of("roles", List.of("pos", "hq-admin")), "scope", "openid profile"));
        assertThat(converter.convert(jwt)).extracting(GrantedAuthority::getAuthority)
                .containsExactlyInAnyOrder("ROLE_pos", "ROLE_hq-admin", "SCOPE_openid", "SCOPE_profile");
    }

    @Test
    void aTokenWithoutRealmRolesHasNoRoleAuthorities() {
        assertThat(converter.convert(token(Map.of("scope", "openid")))).extracting(GrantedAuthority::getAuthority)
                .containsExactly("SCOPE_openid");
        assertThat(converter.convert(token(Map.of("realm_access", "not-a-map")))).isEmpty();
    }
}
