package dev.santong.member.voucher;

import java.util.Map;

import org.springframework.core.annotation.Order;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import dev.santong.member.member.MemberPart;
import dev.santong.member.member.OwnedRows;

/** Vouchers as a {@link MemberPart}: the survivor holds both sides' vouchers; an unmerge gives each back, used or not. */
@Component
@Order(50)
class VoucherPart implements MemberPart {

    private final JdbcClient jdbc;
    private final Vouchers vouchers;
    private final OwnedRows rows;

    VoucherPart(JdbcClient jdbc, Vouchers vouchers, OwnedRows rows) {
        this.jdbc = jdbc;
        this.vouchers = vouchers;
        this.rows = rows;
    }

    @Override
    public String name() {
        return "vouchers";
    }

    @Override
    public Object preview(String survivorId, String mergedId) {
        return Map.of("moving", vouchers.of(mergedId).stream().map(Vouchers.Voucher::campaign).toList());
    }

    @Override
    public void merge(MergeContext merge) {
        rows.moveToSurvivor("voucher", merge);
    }

    @Override
    public void unmerge(MergeContext merge) {
        rows.moveBack("voucher", merge);
    }

    @Override
    public Object export(String memberId) {
        return vouchers.of(memberId);
    }

    /** Vouchers are no personal data; unused ones are revoked, since nobody can use them any more. */
    @Override
    public void erase(String memberId) {
        jdbc.sql("UPDATE voucher SET status = 'REVOKED' WHERE member_id = :m AND status = 'ISSUED'").param("m", memberId).update();
    }
}
