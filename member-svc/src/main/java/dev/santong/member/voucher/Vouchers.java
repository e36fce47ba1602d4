package dev.santong.member.voucher;

import java.math.BigDecimal;
import java.security.SecureRandom;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

import dev.santong.member.member.Channel;
import dev.santong.member.member.Members;
import dev.santong.member.member.Members.MemberRow;
import dev.santong.platform.kit.money.Money;
import dev.santong.platform.kit.money.MoneyInVersion1;
import dev.santong.platform.kit.persistence.SqlTime;
import dev.santong.platform.kit.problem.ConflictException;
import dev.santong.platform.kit.problem.InvalidField;
import dev.santong.platform.kit.problem.InvalidRequestException;
import dev.santong.platform.kit.problem.ResourceNotFoundException;

import io.swagger.v3.oas.annotations.media.Schema;

/**
 * Issuing and redeeming vouchers. A member gets at most one voucher per campaign (the database's unique key), so a
 * re-run issue adds only what is missing. Redemption is one conditional update: issued, in its validity window and
 * valid in the channel; of many simultaneous redemptions exactly one changes the row.
 */
@Component
public class Vouchers {

    /**
     * @param code     the bearer code itself; null in what a store is shown (a till redeems the code the shopper presents)
     * @param codeHint its last four characters, to tell a member's vouchers apart
     */
    @Schema(example = """
            {"code": "V-7Q2M-9XKD-41PR", "codeHint": "…41PR", "campaign": "birthday-2026", "memberId": "01a20bc5-f360-7b8a-b1b7-947ef07e36c8", \
            "kind": "FIXED_AMOUNT", "value": {"amount": "50.00", "currency": "CNY"}, "percent": null, "service": null, "validFrom": "2026-11-01T00:00:00Z", \
            "validUntil": "2026-12-31T16:00:00Z", "channels": ["ONLINE", "STORE"], "status": "ISSUED", "redeemedAt": null, \
            "redeemedChannel": null, "redeemedStore": null, "redemptionReference": null}""")
    public record Voucher(String code, String codeHint, String campaign, String memberId, VoucherSpec.Kind kind,
            @MoneyInVersion1(amount = "amount", currency = "currency") @Schema(description = "What a fixed-amount voucher takes off; null for other kinds") Money value,
            BigDecimal percent, String service, Instant validFrom, Instant validUntil, Set<Channel> channels, String status,
            Instant redeemedAt, Channel redeemedChannel, String redeemedStore, String redemptionReference) {

        public Voucher withoutCode() {
            return new Voucher(null, codeHint, campaign, memberId, kind, value, percent, service, validFrom, validUntil, channels,
                    status, redeemedAt, redeemedChannel, redeemedStore, redemptionReference);
        }
    }

    /** What a till or an app shows to tell vouchers apart: the code's last four characters. */
    public static String hint(String code) {
        return code.length() <= 4 ? "" : code.substring(code.length() - 4);
    }

    @Schema(example = """
            {"issued": 1, "alreadyHeld": 0}""")
    public record Issued(int issued, int alreadyHeld) {
    }

    public record Redeemed(Voucher voucher, boolean replayed) {
    }

    // Crockford base32 without look-alikes: codes are read out and typed at tills.
    private static final char[] ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ".toCharArray();
    private static final SecureRandom RANDOM = new SecureRandom();

    private final JdbcClient jdbc;
    private final TransactionTemplate transactions;
    private final Members members;
    private final Clock clock;

    Vouchers(JdbcClient jdbc, TransactionTemplate transactions, Members members, Clock clock) {
        this.members = members;
        this.jdbc = jdbc;
        this.transactions = transactions;
        this.clock = clock;
    }

    public Issued issue(VoucherSpec spec, List<String> memberIds, String by) {
        validate(spec);
        int issued = 0;
        for (String memberId : memberIds) {
            try {
                // The driver counts a duplicate-key no-op as a changed row, so "already held" is read from the refusal.
                // To the live member, share-locked: a merge running now waits, then moves the voucher with the rest.
                transactions.executeWithoutResult(status -> jdbc.sql("""
                    INSERT INTO voucher (id, code, campaign, member_id, origin_member_id, kind, amount, currency, percent_off, service,
                        valid_from, valid_until, channels, status, issued_by, issued_at)
                    VALUES (:id, :code, :campaign, :member, :member, :kind, :amount, :currency, :percent, :service, :from, :until,
                        :channels, 'ISSUED', :by, :at)""")
                    .param("id", UUID.randomUUID().toString()).param("code", newCode()).param("campaign", spec.campaign())
                    .param("member", liveMember(memberId)).param("kind", spec.kind().name()).param("amount", spec.amount())
                    .param("currency", spec.currency()).param("percent", spec.percent()).param("service", spec.service())
                    .param("from", SqlTime.of(spec.validFrom())).param("until", SqlTime.of(spec.validUntil()))
                    .param("channels", spec.channels().stream().map(Enum::name).sorted().collect(Collectors.joining(",")))
                    .param("by", by).param("at", SqlTime.of(clock.instant()))
                    .update());
                issued++;
            } catch (org.springframework.dao.DuplicateKeyException alreadyHeld) {
                // One voucher per member per campaign: this member has it.
            }
        }
        return new Issued(issued, memberIds.size() - issued);
    }

    private String liveMember(String memberId) {
        MemberRow member = members.lockLive(memberId).orElseThrow(() -> new ResourceNotFoundException("member", memberId));
        if (!Members.ACTIVE.equals(member.status())) {
            throw new ConflictException("member-not-active", "Member " + memberId + " is " + member.status().toLowerCase());
        }
        return member.id();
    }

    /**
     * Redeems once. The same redemption again (same reference, channel and store: a retry) answers the first result;
     * any other use of a redeemed voucher is a 409.
     */
    public Redeemed redeem(String code, Channel channel, String storeId, String reference) {
        return transactions.execute(status -> {
            Instant now = clock.instant();
            int changed = jdbc.sql("""
                    UPDATE voucher SET status = 'REDEEMED', redeemed_at = :now, redeemed_channel = :channel, redeemed_store = :store,
                        redemption_reference = :reference
                    WHERE code = :code AND status = 'ISSUED' AND valid_from <= :now AND valid_until > :now
                        AND FIND_IN_SET(:channel, channels) > 0""")
                    .param("now", SqlTime.of(now)).param("channel", channel.name()).param("store", storeId).param("reference", reference)
                    .param("code", code).update();
            Voucher voucher = find(code).orElseThrow(() -> new ResourceNotFoundException("voucher", code));
            if (changed == 1) {
                return new Redeemed(voucher, false);
            }
            if ("REDEEMED".equals(voucher.status())) {
                if (reference.equals(voucher.redemptionReference()) && channel == voucher.redeemedChannel()
                        && java.util.Objects.equals(storeId, voucher.redeemedStore())) {
                    return new Redeemed(voucher, true);
                }
                throw new ConflictException("voucher-used", "Voucher " + code + " was already redeemed");
            }
            if (!"ISSUED".equals(voucher.status())) {
                throw new ConflictException("voucher-" + voucher.status().toLowerCase(), "Voucher " + code + " is " + voucher.status().toLowerCase());
            }
            if (!voucher.channels().contains(channel)) {
                throw new ConflictException("voucher-not-for-channel", "Voucher " + code + " is valid in " + voucher.channels() + " only");
            }
            throw new ConflictException("voucher-not-valid-now", "Voucher " + code + " is valid from " + voucher.validFrom() + " until "
                    + voucher.validUntil());
        });
    }

    /**
     * Uses one of the member's free-service benefits (a FREE_SERVICE voucher of {@code service}, usable now in the
     * channel), the one lapsing soonest, for {@code reference}: once. The same reference again answers the voucher it
     * used (a retry); empty when the member has none left. The member's benefits are locked while one is chosen, so
     * two uses at once for one reference cannot take two.
     */
    public Optional<Redeemed> useBenefit(String memberId, String service, String reference, Channel channel, String storeId) {
        return transactions.execute(status -> {
            Instant now = clock.instant();
            jdbc.sql("SELECT id FROM voucher WHERE member_id = :m AND kind = 'FREE_SERVICE' FOR UPDATE").param("m", memberId).query(String.class).list();
            Optional<Voucher> earlier = jdbc.sql("""
                    SELECT * FROM voucher WHERE member_id = :m AND kind = 'FREE_SERVICE' AND status = 'REDEEMED' AND redemption_reference = :reference""")
                    .param("m", memberId).param("reference", reference).query(Vouchers::voucher).optional();
            if (earlier.isPresent()) {
                return Optional.of(new Redeemed(earlier.get().withoutCode(), true));
            }
            Optional<String> usable = jdbc.sql("""
                    SELECT code FROM voucher WHERE member_id = :m AND kind = 'FREE_SERVICE' AND service = :service AND status = 'ISSUED'
                        AND valid_from <= :now AND valid_until > :now AND FIND_IN_SET(:channel, channels) > 0
                    ORDER BY valid_until, id LIMIT 1""")
                    .param("m", memberId).param("service", service).param("now", SqlTime.of(now)).param("channel", channel.name())
                    .query(String.class).optional();
            return usable.map(code -> {
                jdbc.sql("""
                        UPDATE voucher SET status = 'REDEEMED', redeemed_at = :now, redeemed_channel = :channel, redeemed_store = :store,
                            redemption_reference = :reference WHERE code = :code AND status = 'ISSUED'""")
                        .param("now", SqlTime.of(now)).param("channel", channel.name()).param("store", storeId).param("reference", reference)
                        .param("code", code).update();
                return new Redeemed(find(code).orElseThrow().withoutCode(), false);
            });
        });
    }

    /** The member's free-service benefits of {@code service} usable now in the channel, soonest to lapse first, without codes. */
    public List<Voucher> benefits(String memberId, String service, Channel channel) {
        return jdbc.sql("""
                SELECT * FROM voucher WHERE member_id = :m AND kind = 'FREE_SERVICE' AND service = :service AND status = 'ISSUED'
                    AND valid_from <= :now AND valid_until > :now AND FIND_IN_SET(:channel, channels) > 0
                ORDER BY valid_until, id""")
                .param("m", memberId).param("service", service).param("now", SqlTime.of(clock.instant())).param("channel", channel.name())
                .query(Vouchers::voucher).list().stream().map(Voucher::withoutCode).toList();
    }

    public Optional<Voucher> find(String code) {
        return jdbc.sql("SELECT * FROM voucher WHERE code = :code").param("code", code).query(Vouchers::voucher).optional();
    }

    /** The member's vouchers a store accepts at {@code at}: issued, not redeemed, still valid; soonest to lapse first. */
    public List<Voucher> usableInStoresAt(String memberId, Instant at) {
        return jdbc.sql("""
                SELECT * FROM voucher WHERE member_id = :m AND status = 'ISSUED' AND valid_until > :now AND channels LIKE '%STORE%'
                ORDER BY valid_until""")
                .param("m", memberId).param("now", SqlTime.of(at)).query(Vouchers::voucher).list();
    }

    public List<Voucher> of(String memberId) {
        return jdbc.sql("SELECT * FROM voucher WHERE member_id = :m ORDER BY valid_until, code").param("m", memberId)
                .query(Vouchers::voucher).list();
    }

    private static void validate(VoucherSpec spec) {
        List<InvalidField> errors = new ArrayList<>();
        if (!spec.validUntil().isAfter(spec.validFrom())) {
            errors.add(new InvalidField("validUntil", "must be after validFrom"));
        }
        switch (spec.kind()) {
            case FIXED_AMOUNT -> {
                if (spec.amount() == null) {
                    errors.add(new InvalidField("amount", "is required for a fixed amount"));
                }
                if (spec.currency() == null) {
                    errors.add(new InvalidField("currency", "is required for a fixed amount"));
                }
            }
            case PERCENT -> {
                if (spec.percent() == null) {
                    errors.add(new InvalidField("percent", "is required for a percentage off"));
                }
            }
            case FREE_SERVICE -> {
                if (spec.service() == null || spec.service().isBlank()) {
                    errors.add(new InvalidField("service", "is required for a free service, e.g. REPAIR"));
                }
            }
        }
        if (!errors.isEmpty()) {
            throw new InvalidRequestException(errors);
        }
    }

    private static String newCode() {
        char[] code = new char[12];
        for (int i = 0; i < code.length; i++) {
            code[i] = ALPHABET[RANDOM.nextInt(ALPHABET.length)];
        }
        return new String(code);
    }

    private static Voucher voucher(ResultSet rs, int n) throws SQLException {
        java.sql.Timestamp redeemedAt = rs.getTimestamp("redeemed_at");
        String redeemedChannel = rs.getString("redeemed_channel");
        return new Voucher(rs.getString("code"), hint(rs.getString("code")), rs.getString("campaign"), rs.getString("member_id"),
                VoucherSpec.Kind.valueOf(rs.getString("kind")), Money.ofNullable(rs.getBigDecimal("amount"), rs.getString("currency")),
                rs.getBigDecimal("percent_off"), rs.getString("service"), rs.getTimestamp("valid_from").toInstant(),
                rs.getTimestamp("valid_until").toInstant(),
                java.util.Arrays.stream(rs.getString("channels").split(",")).map(Channel::valueOf).collect(Collectors.toSet()),
                rs.getString("status"), redeemedAt == null ? null : redeemedAt.toInstant(),
                redeemedChannel == null ? null : Channel.valueOf(redeemedChannel), rs.getString("redeemed_store"),
                rs.getString("redemption_reference"));
    }
}
