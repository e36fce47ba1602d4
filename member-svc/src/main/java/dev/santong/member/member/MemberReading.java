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
 * (others are "not found", so ids cannot be probed); a till a masked view.
 */
@Component
public class MemberReading {

    private final Members members;

    MemberReading(Members members) {
        this.members = members;
    }

    public MemberView read(String memberId, CallerIdentity caller) {
        MemberRow member = members.findMember(memberId).orElseThrow(() -> new ResourceNotFoundException("member", memberId));
        List<IdentityRow> identities = members.identitiesOf(memberId);
        if (caller.isHq()) {
            return view(member, identities, false);
        }
        if (caller.hasRole("pos") || caller.hasRole("store-staff")) {
            return view(member, identities, true);
        }
        if (caller.hasRole("customer")) {
            boolean own = identities.stream().anyMatch(identity -> identity.type() == IdentityType.ONLINE_ACCOUNT
                    && identity.value().equals(caller.subject()));
            if (own) {
                return view(member, identities, false);
            }
            throw new ResourceNotFoundException("member", memberId);
        }
        throw new AccessDeniedException("no role that may read members");
    }

    public MemberView readOwn(CallerIdentity caller) {
        if (!caller.hasRole("customer")) {
            throw new AccessDeniedException("only a shopper has an own member");
        }
        IdentityRow account = members.findIdentity(IdentityType.ONLINE_ACCOUNT, caller.subject())
                .orElseThrow(() -> new ResourceNotFoundException("member of account", caller.subject()));
        return read(account.memberId(), caller);
    }

    static MemberView view(MemberRow member, List<IdentityRow> identities, boolean masked) {
        List<MemberView.IdentityView> views = identities.stream()
                .map(identity -> new MemberView.IdentityView(identity.type(),
                        masked ? mask(identity) : identity.value(), identity.verified(), identity.sourceChannel(),
                        identity.sourceStore(), identity.firstSeenAt()))
                .toList();
        String name = member.displayName();
        if (masked && name != null && !name.isEmpty()) {
            name = name.substring(0, 1) + "*";
        }
        return new MemberView(member.id(), name, member.status(), member.enrolledChannel(), member.enrolledStore(),
                member.enrolledAt(), views);
    }

    private static String mask(IdentityRow identity) {
        return switch (identity.type()) {
            case PHONE -> ContactNormaliser.maskPhone(identity.value());
            case EMAIL -> ContactNormaliser.maskEmail(identity.value());
            case ONLINE_ACCOUNT -> "linked";
            default -> identity.value().length() <= 4 ? "****" : "****" + identity.value().substring(identity.value().length() - 4);
        };
    }
}
