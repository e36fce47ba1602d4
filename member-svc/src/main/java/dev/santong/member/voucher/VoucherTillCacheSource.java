package dev.santong.member.voucher;

import org.springframework.stereotype.Component;

import dev.santong.member.member.TillCacheSource;

/** A voucher issued or redeemed changes what a till shows of the member. */
@Component
class VoucherTillCacheSource implements TillCacheSource {

    @Override
    public String changedSince() {
        return """
                SELECT member_id, issued_at AS changed_at FROM voucher WHERE issued_at >= :afterTime
                UNION ALL SELECT member_id, redeemed_at FROM voucher WHERE redeemed_at >= :afterTime""";
    }
}
