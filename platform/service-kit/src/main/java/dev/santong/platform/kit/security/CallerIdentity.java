package dev.santong.platform.kit.security;

import java.util.Map;
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
public record CallerIdentity(String subject, Set<String> roles, Optional<String> storeId, Map<String, Object> claims) {

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
        return new CallerIdentity(jwt.getSubject(), roles, Optional.ofNullable(store).filter(s -> !s.isBlank()), jwt.getClaims());
    }

    /** The OIDC {@code phone_number}, only when the identity provider marked it verified. */
    public Optional<String> verifiedPhone() {
        return verified("phone_number", "phone_number_verified");
    }

    /** The OIDC {@code email}, only when the identity provider marked it verified. */
    public Optional<String> verifiedEmail() {
        return verified("email", "email_verified");
    }

    private Optional<String> verified(String valueClaim, String flagClaim) {
        Object flag = claims.get(flagClaim);
        boolean isVerified = Boolean.TRUE.equals(flag) || "true".equals(flag);
        return isVerified && claims.get(valueClaim) instanceof String value && !value.isBlank() ? Optional.of(value) : Optional.empty();
    }

    public boolean hasRole(String role) {
        return roles.contains(role);
    }

    public boolean isHq() {
        return hasRole("hq-admin") || hasRole("hq-analyst");
    }

    /** A shopper acting for themselves: the customer role without a store, HQ or shop-server role beside it. */
    public boolean isShopper() {
        return hasRole("customer") && !hasRole("pos") && !hasRole("store-staff") && !isHq() && !hasRole("shop-backend");
    }

    /**
     * A POS or a member of store staff acting for {@code store}, or channel-sync-svc relaying what that store's tills
     * recorded (it applies every store's uploads, so it stands in for each of them).
     */
    public boolean actsForStore(String store) {
        return isSyncRelay() || (hasRole("pos") || hasRole("store-staff")) && storeId.map(store::equals).orElse(false);
    }

    /** channel-sync-svc applying stores' uploaded transactions ({@code pos-sync}). */
    public boolean isSyncRelay() {
        return hasRole("pos-sync");
    }
}
