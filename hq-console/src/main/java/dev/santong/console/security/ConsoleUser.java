package dev.santong.console.security;

import java.util.Optional;
import java.util.Set;

import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.oauth2.core.oidc.user.OidcUser;

/** Who is signed in, as the console's pages need it: the roles that decide the menus, and a store's staff's store. */
public record ConsoleUser(String name, Set<String> roles, String storeId) {

    public static final String HQ_ADMIN = "hq-admin";
    public static final String HQ_ANALYST = "hq-analyst";
    public static final String STORE_STAFF = "store-staff";

    public static ConsoleUser of(Authentication authentication) {
        Set<String> roles = new java.util.TreeSet<>();
        for (GrantedAuthority authority : authentication.getAuthorities()) {
            if (authority.getAuthority().startsWith("ROLE_")) {
                roles.add(authority.getAuthority().substring("ROLE_".length()));
            }
        }
        String name = authentication.getName();
        String store = null;
        if (authentication.getPrincipal() instanceof OidcUser user) {
            name = Optional.ofNullable(user.getPreferredUsername()).orElse(name);
            store = user.getClaimAsString("store_id");
        }
        return new ConsoleUser(name, Set.copyOf(roles), store);
    }

    public boolean isHq() {
        return roles.contains(HQ_ADMIN) || roles.contains(HQ_ANALYST);
    }

    /** HQ admin: the one who acts on everything; an analyst reads. */
    public boolean canAct() {
        return roles.contains(HQ_ADMIN);
    }

    public boolean isStoreStaff() {
        return roles.contains(STORE_STAFF) && storeId != null;
    }

    /** HQ sees every store; staff their own. */
    public boolean maySee(String store) {
        return isHq() || isStoreStaff() && storeId.equals(store);
    }
}
