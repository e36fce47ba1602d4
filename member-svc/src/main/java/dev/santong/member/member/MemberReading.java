package dev.santong.member.member;

import java.util.List;

import org.springframework.stereotype.Component;

import dev.santong.member.member.MemberAccess.Intent;
import dev.santong.member.member.Members.IdentityRow;
import dev.santong.member.member.Members.MemberRow;
import dev.santong.platform.kit.security.CallerIdentity;

/**
 * Reading a member: HQ admin and the shopper themselves see everything, an analyst and a till a masked view (enough to confirm with
 * the shopper, nothing to copy). Old ids of merged members resolve to the survivor, so links, receipts and POS
 * caches keep working.
 */
@Component
public class MemberReading {

    private final Members members;
    private final MemberAccess access;
    private final ResolutionEvidence evidence;

    MemberReading(Members members, MemberAccess access, ResolutionEvidence evidence) {
        this.members = members;
        this.access = access;
        this.evidence = evidence;
    }

    public MemberView read(String memberId, CallerIdentity caller) {
        MemberRow member = access.check(memberId, caller, Intent.READ);
        String resolvedFrom = member.id().equals(memberId) ? null : memberId;
        MemberView view = view(member, resolvedFrom, members.identitiesOf(member.id()), masksIdentities(caller));
        if (caller.isShopper()) {
            List<MemberView.IdentityView> all = new java.util.ArrayList<>(view.identities());
            all.addAll(evidence.pendingClaims(member.id()));
            view = new MemberView(view.id(), view.resolvedFrom(), view.displayName(), view.status(), view.enrolledChannel(), view.enrolledStore(),
                    view.enrolledAt(), List.copyOf(all));
        }
        return view;
    }

    /** Contact details in full for HQ admin and the shopper; masked for a store and for an analyst, who only reads figures. */
    static boolean masksIdentities(CallerIdentity caller) {
        if (caller.hasRole("hq-admin")) {
            return false;
        }
        return caller.hasRole("hq-analyst") || MemberAccess.isStoreCaller(caller);
    }

    public MemberView readOwn(CallerIdentity caller) {
        return read(access.own(caller).id(), caller);
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
        String name = masked ? nameInitial(member.displayName()) : member.displayName();
        return new MemberView(member.id(), resolvedFrom, name, member.status(), member.enrolledChannel(),
                member.enrolledStore(), member.enrolledAt(), views);
    }

    public static String nameInitial(String name) {
        return name == null || name.isEmpty() ? null : name.substring(0, 1) + "*";
    }

    public static String mask(IdentityType type, String value) {
        return switch (type) {
            case PHONE -> ContactNormaliser.maskPhone(value);
            case EMAIL -> ContactNormaliser.maskEmail(value);
            case ONLINE_ACCOUNT -> "linked";
            default -> value.length() <= 4 ? "****" : "****" + value.substring(value.length() - 4);
        };
    }
}
