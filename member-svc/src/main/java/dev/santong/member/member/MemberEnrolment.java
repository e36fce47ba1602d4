package dev.santong.member.member;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

import com.fasterxml.uuid.Generators;
import com.fasterxml.uuid.impl.TimeBasedEpochGenerator;

import dev.santong.member.member.EnrolmentResponse.Outcome;
import dev.santong.member.member.EnrolmentResponse.Resolution;
import dev.santong.member.member.Members.IdentityRow;
import dev.santong.member.member.Members.MemberRow;
import dev.santong.member.member.ResolutionEvidence.Purpose;
import dev.santong.platform.kit.persistence.ConcurrentWriteRetry;
import dev.santong.platform.kit.problem.InvalidRequestException;
import dev.santong.platform.kit.security.CallerIdentity;

/**
 * Enrolment from any channel, resolving to the member the request's identities prove.
 * <ul>
 * <li>An identity a member already has returns that member (a till retrying, the same shopper at a second store),
 * never a duplicate; the match is recorded with its evidence.</li>
 * <li>A typed phone or e-mail proves nothing: it never hands an existing member to a shopper's online account.
 * Only the account itself, or a phone or e-mail the identity provider verified, does.</li>
 * <li>Identities held by another member than the one resolved are queued for HQ review, not merged silently.</li>
 * </ul>
 */
@Component
class MemberEnrolment {

    public record Enrolled(MemberRow member, Resolution resolution, List<PendingLink> pendingLinks) {
    }

    /** Another member holding one of the request's identities; {@code proven} when the request verified it. */
    public record PendingLink(String otherMemberId, IdentityType type, boolean proven) {
    }

    // Time-ordered ids keep InnoDB inserts at the end of the primary key.
    private static final TimeBasedEpochGenerator IDS = Generators.timeBasedEpochGenerator();
    // Enough for every identity a concurrent enrolment could insert first, and a deadlock or two under load.
    private static final int ATTEMPTS = 6;

    private final Members members;
    private final ResolutionEvidence evidence;
    private final MemberAudit audit;
    private final TransactionTemplate transactions;
    private final ContactNormaliser contacts;
    private final Clock clock;
    private final ApplicationEventPublisher events;

    MemberEnrolment(Members members, ResolutionEvidence evidence, MemberAudit audit, TransactionTemplate transactions,
            MemberProperties properties, Clock clock, ApplicationEventPublisher events) {
        this.events = events;
        this.members = members;
        this.evidence = evidence;
        this.audit = audit;
        this.transactions = transactions;
        this.contacts = new ContactNormaliser(properties.defaultPhoneRegion());
        this.clock = clock;
    }

    public Enrolled enrol(EnrolMemberRequest request, CallerIdentity caller) {
        authorise(request, caller);
        List<IdentityClaim> claims = claims(request, caller);
        return ConcurrentWriteRetry.inTransaction(transactions, ATTEMPTS, status -> enrolOnce(request, caller, claims));
    }

    private Enrolled enrolOnce(EnrolMemberRequest request, CallerIdentity caller, List<IdentityClaim> claims) {
        Map<IdentityClaim, IdentityRow> held = new LinkedHashMap<>();
        for (IdentityClaim claim : claims) {
            members.findIdentity(claim.type(), claim.value()).ifPresent(row -> held.put(claim, row));
        }
        Instant now = clock.instant();
        Optional<Map.Entry<IdentityClaim, IdentityRow>> match = provingMatch(held, caller);
        MemberRow member;
        Resolution resolution;
        if (match.isPresent()) {
            member = members.findMember(match.get().getValue().memberId()).orElseThrow();
            // Verified when either side proved it: the holder had it verified, or this request's identity provider did.
            boolean verified = match.get().getKey().verified() || match.get().getValue().verified();
            resolution = new Resolution(Outcome.EXISTING, match.get().getKey().type(), verified, 0);
            evidence.recordMatch(member.id(), match.get().getKey().type(), verified, Purpose.ENROLMENT, request.channel(),
                    request.storeId());
        } else {
            member = new MemberRow(IDS.generate().toString(), blankToNull(request.displayName()), Members.ACTIVE,
                    request.channel(), request.storeId(), now, null);
            members.insertMember(member);
            audit.record(member.id(), null, "ENROLLED", caller, "enrolled via " + request.channel());
            resolution = new Resolution(Outcome.ENROLLED, null, null, 0);
        }
        List<PendingLink> pending = new ArrayList<>();
        for (IdentityClaim claim : claims) {
            IdentityRow row = held.get(claim);
            if (row == null) {
                members.insertIdentity(member.id(), member.id(), claim, request.channel(), request.storeId(), now);
            } else if (row.memberId().equals(member.id())) {
                if (claim.verified() && !row.verified()) {
                    members.markVerified(row.id());
                }
            } else {
                evidence.queueCandidate(member.id(), row, claim.verified(), request.channel(), request.storeId());
                pending.add(new PendingLink(row.memberId(), claim.type(), claim.verified()));
                if (claim.verified()) {
                    events.publishEvent(new ProvenDuplicateFound(member.id(), row.memberId(), claim.type()));
                }
            }
        }
        resolution = new Resolution(resolution.outcome(), resolution.matchedBy(), resolution.matchedVerified(), pending.size());
        return new Enrolled(member, resolution, pending);
    }

    /**
     * The held identity that may decide which member this request is about. The shopper's own account always
     * does. For a shopper, otherwise only an identity the identity provider verified; for a till or HQ, the first
     * held identity in the order the claims were built (card, member code, phone, e-mail, platform ids).
     */
    private static Optional<Map.Entry<IdentityClaim, IdentityRow>> provingMatch(Map<IdentityClaim, IdentityRow> held,
            CallerIdentity caller) {
        Optional<Map.Entry<IdentityClaim, IdentityRow>> account = held.entrySet().stream()
                .filter(entry -> entry.getKey().type() == IdentityType.ONLINE_ACCOUNT).findFirst();
        if (account.isPresent()) {
            return account;
        }
        if (caller.isShopper()) {
            return held.entrySet().stream().filter(entry -> entry.getKey().verified()).findFirst();
        }
        return held.entrySet().stream().findFirst();
    }

    private static void authorise(EnrolMemberRequest request, CallerIdentity caller) {
        if (MemberAccess.isStoreCaller(caller)) {
            if (request.channel() != Channel.STORE || request.storeId() == null || !caller.actsForStore(request.storeId())) {
                throw new AccessDeniedException("a store enrols with channel STORE for its own store only");
            }
        } else if (caller.hasRole("hq-admin")) {
            if (request.channel() == Channel.STORE && request.storeId() == null) {
                throw new InvalidRequestException("storeId", "is required for channel STORE");
            }
        } else if (caller.hasRole("customer")) {
            if (request.channel() != Channel.ONLINE || request.storeId() != null) {
                throw new AccessDeniedException("a shopper enrols online");
            }
        } else {
            throw new AccessDeniedException("no role that may enrol members");
        }
    }

    private List<IdentityClaim> claims(EnrolMemberRequest request, CallerIdentity caller) {
        boolean shopper = caller.isShopper() && request.channel() == Channel.ONLINE;
        List<IdentityClaim> claims = new ArrayList<>();
        if (shopper) {
            claims.add(new IdentityClaim(IdentityType.ONLINE_ACCOUNT, caller.subject(), true));
        }
        Optional.ofNullable(blankToNull(request.loyaltyCardNumber()))
                .ifPresent(card -> claims.add(new IdentityClaim(IdentityType.LOYALTY_CARD, contacts.code("loyaltyCardNumber", card), false)));
        Optional.ofNullable(blankToNull(request.posMemberCode()))
                .ifPresent(code -> claims.add(new IdentityClaim(IdentityType.POS_MEMBER_CODE, contacts.code("posMemberCode", code), false)));

        Optional<String> verifiedPhone = shopper ? caller.verifiedPhone().map(p -> contacts.phone("phone", p)) : Optional.empty();
        Optional<String> phone = Optional.ofNullable(blankToNull(request.phone())).map(p -> contacts.phone("phone", p)).or(() -> verifiedPhone);
        phone.ifPresent(p -> claims.add(new IdentityClaim(IdentityType.PHONE, p, verifiedPhone.map(p::equals).orElse(false))));

        Optional<String> verifiedEmail = shopper ? caller.verifiedEmail().map(contacts::email) : Optional.empty();
        Optional<String> email = Optional.ofNullable(blankToNull(request.email())).map(contacts::email).or(() -> verifiedEmail);
        email.ifPresent(e -> claims.add(new IdentityClaim(IdentityType.EMAIL, e, verifiedEmail.map(e::equals).orElse(false))));

        List<EnrolMemberRequest.ExternalId> externalIds = request.externalIdsOrEmpty();
        for (int i = 0; i < externalIds.size(); i++) {
            EnrolMemberRequest.ExternalId external = externalIds.get(i);
            claims.add(new IdentityClaim(IdentityType.EXTERNAL_PLATFORM,
                    contacts.externalId("externalIds[" + i + "]", external.platform(), external.id()), false));
        }
        if (claims.isEmpty()) {
            throw new InvalidRequestException("phone", "is required: a member needs a phone, an e-mail, a card, a member code or an online account");
        }
        if (claims.stream().map(c -> c.type() + c.value()).distinct().count() != claims.size()) {
            throw new InvalidRequestException("externalIds", "lists the same identity twice");
        }
        return claims;
    }


    static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.strip();
    }
}
