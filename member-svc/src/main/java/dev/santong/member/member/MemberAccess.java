package dev.santong.member.member;

import org.springframework.security.access.AccessDeniedException;
import org.springframework.stereotype.Component;

import dev.santong.member.member.Members.MemberRow;
import dev.santong.platform.kit.problem.ResourceNotFoundException;
import dev.santong.platform.kit.security.CallerIdentity;

/**
 * The object-level rule of every member endpoint, enforced here whatever the gateway let through: HQ admins
 * everything, HQ analysts read-only, a till or store staff only the member in front of them (looked up or enrolled at
 * that store within {@code santong.member.till-presence}), a shopper only their own member. Anything a caller may not
 * reach is "not found", so ids cannot be probed.
 */
@Component
public class MemberAccess {

    public enum Intent { READ, WRITE }

    private final Members members;
    private final TillPresence presence;

    MemberAccess(Members members, TillPresence presence) {
        this.members = members;
        this.presence = presence;
    }

    /** The live member {@code requestedId} stands for (old ids resolve), if the caller may act on it. */
    public MemberRow check(String requestedId, CallerIdentity caller, Intent intent) {
        MemberRow member = members.resolve(requestedId);
        if (caller.hasRole("hq-admin")) {
            return member;
        }
        if (caller.hasRole("hq-analyst")) {
            if (intent == Intent.WRITE) {
                throw new AccessDeniedException("HQ analysts read only");
            }
            return member;
        }
        if (Members.ERASED.equals(member.status())) {
            throw new ResourceNotFoundException("member", requestedId);
        }
        if (caller.isSyncRelay()) {
            return member;
        }
        if (caller.hasRole("pos") || caller.hasRole("store-staff")) {
            if (caller.storeId().isEmpty()) {
                throw new AccessDeniedException("a store caller without a store_id claim");
            }
            // Presented as the member or under an old id of theirs (looked up or enrolled before a merge).
            String store = caller.storeId().get();
            if (!presence.presented(member.id(), store) && (requestedId.equals(member.id()) || !presence.presented(requestedId, store))) {
                throw new ResourceNotFoundException("member", requestedId);
            }
            return member;
        }
        if (caller.hasRole("customer") && MemberReading.ownedBy(members.identitiesOf(member.id()), caller)) {
            return member;
        }
        if (caller.hasRole("customer")) {
            throw new ResourceNotFoundException("member", requestedId);
        }
        throw new AccessDeniedException("no role that may act on members");
    }

    /** The shopper's own member; 404 when the account has not enrolled. */
    public MemberRow own(CallerIdentity caller) {
        if (!caller.hasRole("customer")) {
            throw new AccessDeniedException("only a shopper has an own member");
        }
        String memberId = members.findIdentity(IdentityType.ONLINE_ACCOUNT, caller.subject())
                .orElseThrow(() -> new ResourceNotFoundException("member of this account", "me"))
                .memberId();
        return members.resolve(memberId);
    }

    /** Whether the shopper account {@code subject} belongs to the member {@code memberId} stands for (old ids resolve). */
    public boolean accountOwns(String subject, String memberId) {
        if (memberId == null) {
            return false;
        }
        return members.findIdentity(IdentityType.ONLINE_ACCOUNT, subject)
                .map(identity -> members.resolve(identity.memberId()).id().equals(members.resolve(memberId).id()))
                .orElse(false);
    }

    /** A till, store staff, or channel-sync-svc applying what a till recorded offline. */
    public static boolean isStoreCaller(CallerIdentity caller) {
        return caller.hasRole("pos") || caller.hasRole("store-staff") || caller.isSyncRelay();
    }

    /** A shopper acting for themselves (not staff, HQ or the shop's server). */
    public static boolean isShopper(CallerIdentity caller) {
        return caller.isShopper();
    }

    /** Sales of a store are the store's; online orders are the shop server's; HQ may post either. */
    public static void authoriseSale(CallerIdentity caller, Channel channel, String storeId) {
        if (caller.hasRole("hq-admin")) {
            return;
        }
        if (isStoreCaller(caller)) {
            if (channel == Channel.STORE && storeId != null && caller.actsForStore(storeId)) {
                return;
            }
            throw new AccessDeniedException("a store posts its own store's sales only");
        }
        if (caller.hasRole("shop-backend") && channel == Channel.ONLINE && storeId == null) {
            return;
        }
        throw new AccessDeniedException("no role that may post sales of this channel and store");
    }
}
