package dev.santong.console.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.oauth2.client.authentication.OAuth2AuthenticationToken;
import org.springframework.security.oauth2.core.oidc.OidcIdToken;
import org.springframework.security.oauth2.core.oidc.user.DefaultOidcUser;

class ConsoleUserTest {

    private static ConsoleUser signedIn(String username, String storeId, String... roles) {
        Map<String, Object> claims = new java.util.HashMap<>(Map.of("sub", "s-" + username, "preferred_username", username));
        if (storeId != null) {
            claims.put("store_id", storeId);
        }
        OidcIdToken idToken = new OidcIdToken("t", Instant.now(), Instant.now().plusSeconds(60), claims);
        List<SimpleGrantedAuthority> authorities = java.util.Arrays.stream(roles).map(role -> new SimpleGrantedAuthority("ROLE_" + role)).toList();
        DefaultOidcUser user = new DefaultOidcUser(authorities, idToken, "preferred_username");
        return ConsoleUser.of(new OAuth2AuthenticationToken(user, authorities, "keycloak"));
    }

    @Test
    void hqSeesEveryStoreAndOnlyItsAdminActs() {
        ConsoleUser admin = signedIn("hq-admin", null, "hq-admin");
        ConsoleUser analyst = signedIn("hq-analyst", null, "hq-analyst");
        assertThat(admin.maySee("9")).isTrue();
        assertThat(analyst.maySee("12")).isTrue();
        assertThat(admin.canAct()).isTrue();
        assertThat(analyst.canAct()).isFalse();
    }

    @Test
    void storeStaffSeeTheirOwnStoreOnlyAndStaffWithoutAStoreSeeNone() {
        ConsoleUser staff = signedIn("staff-9", "9", "store-staff");
        assertThat(staff.maySee("9")).isTrue();
        assertThat(staff.maySee("12")).isFalse();
        assertThat(staff.isHq()).isFalse();
        assertThat(signedIn("staff-x", null, "store-staff").maySee("9")).as("no store claim, no store").isFalse();
        assertThat(signedIn("alice", null, "customer").maySee("9")).isFalse();
    }
}
