package dev.santong.member.member;

import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.springframework.security.access.AccessDeniedException;
import org.springframework.stereotype.Component;

import dev.santong.member.member.Members.IdentityRow;
import dev.santong.member.member.Members.MemberRow;
import dev.santong.member.member.ResolutionEvidence.Purpose;
import dev.santong.platform.kit.problem.InvalidRequestException;
import dev.santong.platform.kit.problem.ResourceNotFoundException;
import dev.santong.platform.kit.security.CallerIdentity;

/**
 * What a till asks on every member scan: one indexed read of the identity, then only what a cashier needs to greet
 * the shopper (masked phone, name initial) and what other parts add (tier, points balance) through
 * {@link TillFacts}. Each lookup is recorded as evidence of how the member was recognised.
 */
@Component
public class PosLookup {

    /** Facts a till shows beside the member, contributed by the parts that own them (tier, points). */
    public interface TillFacts {
        void addTo(String memberId, Map<String, Object> facts);
    }

    @io.swagger.v3.oas.annotations.media.Schema(example = """
            {"memberId": "01a20bc5-f360-7b8a-b1b7-947ef07e36c8", "maskedPhone": "137****0001", "nameInitial": "A*", "matchedBy": "PHONE", \
            "matchedVerified": true, "facts": {"pointsBalance": 2388, "tier": "SILVER"}}""")
    public record TillView(String memberId, String maskedPhone, String nameInitial, IdentityType matchedBy, boolean matchedVerified,
            Map<String, Object> facts) {
    }

    private final Members members;
    private final ResolutionEvidence evidence;
    private final MemberQrCodes qrCodes;
    private final ContactNormaliser contacts;
    private final List<TillFacts> tillFacts;

    PosLookup(Members members, ResolutionEvidence evidence, MemberQrCodes qrCodes, MemberProperties properties, List<TillFacts> tillFacts) {
        this.members = members;
        this.evidence = evidence;
        this.qrCodes = qrCodes;
        this.contacts = new ContactNormaliser(properties.defaultPhoneRegion());
        this.tillFacts = tillFacts;
    }

    public TillView lookup(String phone, String card, String code, String qr, CallerIdentity caller) {
        if (!MemberAccess.isStoreCaller(caller) && !caller.isHq()) {
            throw new AccessDeniedException("member lookup is for tills, store staff and HQ");
        }
        long given = java.util.stream.Stream.of(phone, card, code, qr).filter(value -> value != null && !value.isBlank()).count();
        if (given != 1) {
            throw new InvalidRequestException("phone", "give exactly one of phone, card, code or qr");
        }
        MemberRow member;
        IdentityType matchedBy;
        boolean verified;
        if (qr != null && !qr.isBlank()) {
            // The signed code proves the shopper holds the member's app session right now.
            member = members.resolve(qrCodes.memberIdOf(qr.strip()));
            matchedBy = IdentityType.ONLINE_ACCOUNT;
            verified = true;
        } else {
            IdentityRow identity = find(phone, card, code).orElseThrow(() -> new ResourceNotFoundException("member", "with this identity"));
            member = members.findMember(identity.memberId()).orElseThrow();
            matchedBy = identity.type();
            verified = identity.verified();
        }
        if (!Members.ACTIVE.equals(member.status())) {
            throw new ResourceNotFoundException("member", "with this identity");
        }
        evidence.recordMatch(member.id(), matchedBy, verified, Purpose.LOOKUP, Channel.STORE, caller.storeId().orElse(null));
        String maskedPhone = members.identitiesOf(member.id()).stream().filter(identity -> identity.type() == IdentityType.PHONE)
                .findFirst().map(identity -> ContactNormaliser.maskPhone(identity.value())).orElse(null);
        Map<String, Object> facts = new java.util.LinkedHashMap<>();
        tillFacts.forEach(contributor -> contributor.addTo(member.id(), facts));
        return new TillView(member.id(), maskedPhone, MemberReading.nameInitial(member.displayName()), matchedBy, verified, facts);
    }

    /**
     * The member behind the identity a shopper presented at a till, for a write that names them so (an earn, a
     * redemption): no evidence and no till facts, which the till's own lookup already gave.
     *
     * @throws ResourceNotFoundException when nobody holds it, or its holder is no longer active
     */
    public MemberRow presented(String phone, String card, String code) {
        long given = java.util.stream.Stream.of(phone, card, code).filter(value -> value != null && !value.isBlank()).count();
        if (given != 1) {
            throw new InvalidRequestException("presented", "give exactly one of phone, card or memberCode");
        }
        IdentityRow identity = find(phone, card, code).orElseThrow(() -> new ResourceNotFoundException("member", "with this identity"));
        return members.findMember(identity.memberId()).filter(member -> Members.ACTIVE.equals(member.status()))
                .orElseThrow(() -> new ResourceNotFoundException("member", "with this identity"));
    }

    private Optional<IdentityRow> find(String phone, String card, String code) {
        if (phone != null && !phone.isBlank()) {
            return members.findIdentity(IdentityType.PHONE, contacts.phone("phone", phone));
        }
        if (card != null && !card.isBlank()) {
            return members.findIdentity(IdentityType.LOYALTY_CARD, contacts.code("card", card));
        }
        return members.findIdentity(IdentityType.POS_MEMBER_CODE, contacts.code("code", code));
    }
}
