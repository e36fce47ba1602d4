package dev.santong.member.member;

import java.util.List;

import org.springframework.security.access.AccessDeniedException;
import org.springframework.stereotype.Component;

import dev.santong.member.member.Members.IdentityRow;
import dev.santong.member.member.Members.MemberRow;
import dev.santong.platform.kit.problem.ResourceNotFoundException;
import dev.santong.platform.kit.security.CallerIdentity;

/**
 * Who may read which member, and how much: HQ everything; a shopper only the member their account belongs to
 * (anything else is "not found", so ids cannot be probed); a till a masked view. Old ids of merged members
 * resolve to the survivor, so links, receipts and POS caches keep working.
 */
@Component
public class MemberReading {

    private final Members members;

    MemberReading(Members members) {
        this.members = members;
    }

    public MemberView read(String memberId, CallerIdentity caller) {
        MemberRow member = members.resolve(memberId);
        List<IdentityRow> identities = members.identitiesOf(member.id());
        String resolvedFrom = member.id().equals(memberId) ? null : memberId;
        if (caller.isHq()) {
            return view(member, resolvedFrom, identities, false);
        }
        if (Members.ERASED.equals(member.status())) {
            throw new ResourceNotFoundException("member", memberId);
        }
        if (caller.hasRole("pos") || caller.hasRole("store-staff")) {
            return view(member, resolvedFrom, identities, true);
        }
        if (caller.hasRole("customer")) {
            if (ownedBy(identities, caller)) {
                return view(member, resolvedFrom, identities, false);
            }
            throw new ResourceNotFoundException("member", memberId);
        }
        throw new AccessDeniedException("no role that may read members");
    }

    /** The id of the shopper's own member; 404 when the account has not enrolled. */
    public String ownMemberId(CallerIdentity caller) {
        if (!caller.hasRole("customer")) {
            throw new AccessDeniedException("only a shopper has an own member");
        }
        return members.findIdentity(IdentityType.ONLINE_ACCOUNT, caller.subject())
                .orElseThrow(() -> new ResourceNotFoundException("member of this account", "me"))
                .memberId();
    }

    public MemberView readOwn(CallerIdentity caller) {
        return read(ownMemberId(caller), caller);
    }

    static boolean ownedBy(List<IdentityRow> identities, CallerIdentity caller) {
        return identities.stream().anyMatch(identity -> identity.type() == IdentityType.ONLINE_ACCOUNT
                && identity.value().equals(caller.subject()));
    }

    static MemberView view(MemberRow member, String resolvedFrom, List<IdentityRow> identities, boolean masked) {
        List<MemberView.IdentityView> views = identities.stream()
                .map(identity -> new MemberView.IdentityView(identity.type(),
                        masked ? mask(identity.type(), identity.value()) : identity.value(), identity.verified(),
                        identity.sourceChannel(), identity.sourceStore(), identity.firstSeenAt()))
                .toList();
        String name = member.displayName();
        if (masked) {
            name = nameInitial(name);
        }
        return new MemberView(member.id(), resolvedFrom, name, member.status(), member.enrolledChannel(),
                member.enrolledStore(), member.enrolledAt(), views);
    }

    static String nameInitial(String name) {
        return name == null || name.isEmpty() ? null : name.substring(0, 1) + "*";
    }

    static String mask(IdentityType type, String value) {
        return switch (type) {
            case PHONE -> ContactNormaliser.maskPhone(value);
            case EMAIL -> ContactNormaliser.maskEmail(value);
            case ONLINE_ACCOUNT -> "linked";
            default -> value.length() <= 4 ? "****" : "****" + value.substring(value.length() - 4);
        };
    }
}
