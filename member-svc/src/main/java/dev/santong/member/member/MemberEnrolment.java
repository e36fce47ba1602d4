package dev.santong.member.member;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.springframework.security.access.AccessDeniedException;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

import com.fasterxml.uuid.Generators;
import com.fasterxml.uuid.impl.TimeBasedEpochGenerator;

import dev.santong.member.member.EnrolmentResponse.Outcome;
import dev.santong.member.member.EnrolmentResponse.Resolution;
import dev.santong.member.member.Members.IdentityRow;
import dev.santong.member.member.Members.MemberRow;
import dev.santong.platform.kit.persistence.DuplicateKeyRetry;
import dev.santong.platform.kit.problem.ConflictException;
import dev.santong.platform.kit.problem.InvalidRequestException;
import dev.santong.platform.kit.security.CallerIdentity;

/**
 * Enrolment from any channel. Enrolling an identity a member already has returns that member (a till retrying,
 * or the same shopper at a second store), never a duplicate. Identities that point to two different members,
 * or an unverified phone a shopper claims online, are refused instead of being merged silently.
 */
@Component
public class MemberEnrolment {

    record Enrolled(MemberRow member, Resolution resolution) {
    }

    private record Claim(IdentityType type, String value, boolean verified) {
    }

    // Time-ordered ids keep InnoDB inserts at the end of the primary key.
    private static final TimeBasedEpochGenerator IDS = Generators.timeBasedEpochGenerator();
    private static final int ATTEMPTS = 3;

    private final Members members;
    private final TransactionTemplate transactions;
    private final ContactNormaliser contacts;
    private final Clock clock;

    MemberEnrolment(Members members, TransactionTemplate transactions, MemberProperties properties, Clock clock) {
        this.members = members;
        this.transactions = transactions;
        this.contacts = new ContactNormaliser(properties.defaultPhoneRegion());
        this.clock = clock;
    }

    public Enrolled enrol(EnrolMemberRequest request, CallerIdentity caller) {
        authorise(request, caller);
        List<Claim> claims = claims(request, caller);
        // Another till may enrol one of these identities between our read and our insert: the next attempt
        // resolves to that member.
        return DuplicateKeyRetry.inTransaction(transactions, ATTEMPTS, status -> enrolOnce(request, caller, claims));
    }

    private Enrolled enrolOnce(EnrolMemberRequest request, CallerIdentity caller, List<Claim> claims) {
        Map<Claim, IdentityRow> owned = new LinkedHashMap<>();
        for (Claim claim : claims) {
            members.findIdentity(claim.type(), claim.value()).ifPresent(row -> owned.put(claim, row));
        }
        long owners = owned.values().stream().map(IdentityRow::memberId).distinct().count();
        if (owners > 1) {
            throw new ConflictException("identities-of-different-members",
                    "The identities given belong to different members; HQ can review and merge them");
        }
        Instant now = clock.instant();
        if (owners == 0) {
            MemberRow member = new MemberRow(IDS.generate().toString(), blankToNull(request.displayName()), "ACTIVE",
                    request.channel(), request.storeId(), now);
            members.insertMember(member);
            claims.forEach(claim -> members.insertIdentity(identity(member.id(), claim, request, now)));
            return new Enrolled(member, new Resolution(Outcome.ENROLLED, null, null));
        }
        Map.Entry<Claim, IdentityRow> match = owned.entrySet().iterator().next();
        if (caller.hasRole("customer") && match.getKey().type() != IdentityType.ONLINE_ACCOUNT) {
            // A typed phone or e-mail proves nothing: linking it to this account could hand someone else's
            // membership to the caller.
            throw new ConflictException("identity-claimed",
                    "The " + match.getKey().type().name().toLowerCase() + " given is already registered to a member;"
                            + " verify it to link it to this account");
        }
        String memberId = match.getValue().memberId();
        for (Claim claim : claims) {
            if (!owned.containsKey(claim)) {
                members.insertIdentity(identity(memberId, claim, request, now));
            }
        }
        MemberRow member = members.findMember(memberId).orElseThrow();
        return new Enrolled(member, new Resolution(Outcome.EXISTING, match.getKey().type(), match.getValue().verified()));
    }

    private static void authorise(EnrolMemberRequest request, CallerIdentity caller) {
        if (caller.hasRole("pos") || caller.hasRole("store-staff")) {
            if (request.channel() != Channel.STORE || request.storeId() == null || !caller.actsForStore(request.storeId())) {
                throw new AccessDeniedException("a store enrols with channel STORE for its own store only");
            }
        } else if (caller.hasRole("hq-admin")) {
            if (request.channel() == Channel.STORE && request.storeId() == null) {
                throw new InvalidRequestException("storeId", "is required for channel STORE");
            }
        } else if (caller.hasRole("customer")) {
            if (request.channel() != Channel.ONLINE) {
                throw new AccessDeniedException("a shopper enrols online");
            }
        } else {
            throw new AccessDeniedException("no role that may enrol members");
        }
    }

    private List<Claim> claims(EnrolMemberRequest request, CallerIdentity caller) {
        List<Claim> claims = new ArrayList<>();
        if (caller.hasRole("customer") && request.channel() == Channel.ONLINE) {
            claims.add(new Claim(IdentityType.ONLINE_ACCOUNT, caller.subject(), true));
        }
        Optional.ofNullable(blankToNull(request.phone()))
                .ifPresent(phone -> claims.add(new Claim(IdentityType.PHONE, contacts.phone("phone", phone), false)));
        Optional.ofNullable(blankToNull(request.email()))
                .ifPresent(email -> claims.add(new Claim(IdentityType.EMAIL, contacts.email(email), false)));
        if (claims.isEmpty()) {
            throw new InvalidRequestException("phone", "is required: a member needs a phone, an e-mail or an online account");
        }
        return claims;
    }

    private static IdentityRow identity(String memberId, Claim claim, EnrolMemberRequest request, Instant now) {
        return new IdentityRow(memberId, claim.type(), claim.value(), claim.verified(), request.channel(), request.storeId(), now);
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.strip();
    }
}
