package dev.santong.goods.stock;

import org.springframework.security.access.AccessDeniedException;

import dev.santong.platform.kit.security.CallerIdentity;

/** Who may touch which stock: a store its own, HQ any; levels are for stores and HQ, shoppers see availability. */
final class StockAccess {

    private StockAccess() {
    }

    static void requireLocationWriter(CallerIdentity caller, String location) {
        if (caller.hasRole("hq-admin")) {
            return;
        }
        if (caller.actsForStore(location)) {
            return;
        }
        throw new AccessDeniedException("a store touches only its own store's stock");
    }

    /**
     * A movement's writer: the location's store or HQ, and service-svc (role {@code aftersales}) for returned goods
     * arriving and inspected wherever a case received them, and nothing else.
     */
    static void requireMovementWriter(CallerIdentity caller, String location, Cause cause) {
        if (caller.hasRole("aftersales") && cause.isReturnedGoods()) {
            return;
        }
        requireLocationWriter(caller, location);
    }

    static void requireStaffOrHq(CallerIdentity caller) {
        if (!caller.isHq() && !caller.hasRole("pos") && !caller.hasRole("store-staff") && !caller.isSyncRelay()) {
            throw new AccessDeniedException("stock levels are for stores and HQ; shoppers see availability");
        }
    }
}
