package dev.santong.aftersales.membership;

import org.springframework.stereotype.Component;

import dev.santong.aftersales.RemoteFailures;

/** A member's free-service benefits in member-svc (a FREE_SERVICE voucher such as "one free repair a year"). */
@Component
public class Benefits {

    private final MemberClient members;

    Benefits(MemberClient members) {
        this.members = members;
    }

    /** Whether the member can use one now in the channel; member-svc not answering is a 503 (nothing was decided). */
    public boolean available(String memberId, String service, String channel) {
        try {
            return !members.benefits(memberId, service, channel).isEmpty();
        } catch (RuntimeException e) {
            if (RemoteFailures.status(e) == 404) {
                return false;
            }
            throw RemoteFailures.unavailable("member-svc (benefits)", e);
        }
    }

    /** Uses one for the case, once (member-svc keys it by the case); a failure is thrown for the outbox to try again. */
    public void use(String memberId, String service, String caseId, String channel, String storeId, String idempotencyKey) {
        members.useBenefit(idempotencyKey, memberId, service, new MemberClient.BenefitUse(channel, storeId, "case-" + caseId));
    }
}
