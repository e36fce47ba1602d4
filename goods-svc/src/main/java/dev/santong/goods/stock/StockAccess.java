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
     * Who ships, receives and keeps stock back at a location: its own store's tills and staff, or an HQ admin. Not
     * channel-sync-svc, which relays what tills recorded (movements) and nothing else.
     */
    static void requireLocationManager(CallerIdentity caller, String location) {
        if (caller.hasRole("hq-admin")) {
            return;
        }
        if (!caller.isSyncRelay() && caller.actsForStore(location)) {
            return;
        }
        throw new AccessDeniedException("a store manages only its own store's stock");
    }

    /** A location's movements are its store's business (receipt numbers, counts, losses): that store and HQ read them. */
    static void requireLocationReader(CallerIdentity caller, String location) {
        if (!caller.isHq() && !caller.actsForStore(location)) {
            throw new AccessDeniedException("a store reads its own location's movements only");
        }
    }

    /** The analyst reads what HQ reads and changes nothing. */
    static void requireNotReadOnly(CallerIdentity caller) {
        if (caller.hasRole("hq-analyst") && !caller.hasRole("hq-admin")) {
            throw new AccessDeniedException("HQ analysts read; they change nothing");
        }
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
