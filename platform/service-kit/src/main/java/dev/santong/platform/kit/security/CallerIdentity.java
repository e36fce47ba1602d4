package dev.santong.platform.kit.security;

import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;

/**
 * Who is calling, read from the validated token: the subject, the realm roles and, for a POS or store
 * staff, the store. Services use it for object-level rules ("a customer sees only their own member").
 */
public record CallerIdentity(String subject, Set<String> roles, Optional<String> storeId) {

    public static final String STORE_CLAIM = "store_id";

    public static CallerIdentity of(Authentication authentication) {
        if (!(authentication instanceof JwtAuthenticationToken token)) {
            throw new IllegalStateException("Santong endpoints are called with a bearer token");
        }
        Jwt jwt = token.getToken();
        Set<String> roles = token.getAuthorities().stream()
                .map(GrantedAuthority::getAuthority)
                .filter(authority -> authority.startsWith("ROLE_"))
                .map(authority -> authority.substring("ROLE_".length()))
                .collect(Collectors.toUnmodifiableSet());
        String store = jwt.getClaimAsString(STORE_CLAIM);
        return new CallerIdentity(jwt.getSubject(), roles, Optional.ofNullable(store).filter(s -> !s.isBlank()));
    }

    public boolean hasRole(String role) {
        return roles.contains(role);
    }

    public boolean isHq() {
        return hasRole("hq-admin") || hasRole("hq-analyst");
    }

    /** A POS or a member of store staff acting for {@code store}. */
    public boolean actsForStore(String store) {
        return (hasRole("pos") || hasRole("store-staff")) && storeId.map(store::equals).orElse(false);
    }
}
