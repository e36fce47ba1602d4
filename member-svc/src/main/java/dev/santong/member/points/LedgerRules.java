package dev.santong.member.points;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import dev.santong.platform.kit.problem.InvalidRequestException;

/**
 * The ledger's rules as plain arithmetic, apart from the rows they are applied to: what a redemption may pay, how much
 * of a purchase a return takes back, which lots a debit draws on, how a debt is paid back, when given-back points expire.
 */
final class LedgerRules {

    /** Points given back after their original lots expired live this long, so the member can still use them. */
    static final Duration GIVE_BACK_GRACE = Duration.ofDays(30);

    /** What a lot holds now, in the order a debit draws on lots. */
    record LotBalance(long lotId, long remaining) {
    }

    /** Points a debit takes from one lot. */
    record Take(long lotId, long points) {
    }

    /** A debit (an entry with negative points) and how much of it no lot covered. */
    record Uncovered(long entryId, long points) {
    }

    /** Points a lot pays towards one uncovered debit. */
    record Payment(long entryId, long points) {
    }

    private LedgerRules() {
    }

    /**
     * The money value of redeeming {@code points} on an order: at least the programme's minimum, in a currency points
     * can pay in, and no more than the programme's share of the order.
     *
     * @throws InvalidRequestException naming {@code points} or {@code currency}
     */
    static BigDecimal redemptionValue(LoyaltyRules rules, String currency, long points, BigDecimal orderAmount) {
        if (points < rules.minRedeemPoints()) {
            throw new InvalidRequestException("points", "must be at least " + rules.minRedeemPoints());
        }
        BigDecimal value = EarnCalculation.value(rules, currency, points);
        if (value == null) {
            throw new InvalidRequestException("currency", "points cannot pay in " + currency);
        }
        BigDecimal limit = orderAmount.multiply(rules.maxRedeemShareOfOrder()).setScale(2, RoundingMode.FLOOR);
        if (value.compareTo(limit) > 0) {
            throw new InvalidRequestException("points", "would pay " + value + " " + currency + ", more than the "
                    + rules.maxRedeemShareOfOrder().movePointRight(2).stripTrailingZeros().toPlainString() + "% of the order points may pay ("
                    + limit + ")");
        }
        return value;
    }

    /**
     * {@code floor(points × part / whole)}: after returns totalling R of a purchase of A, exactly this much of its
     * points is taken back (or given back), whatever the number of partial returns.
     */
    static long proRata(long points, BigDecimal part, BigDecimal whole) {
        if (whole.signum() == 0) {
            return 0;
        }
        return BigDecimal.valueOf(points).multiply(part).divide(whole, 0, RoundingMode.FLOOR).longValueExact();
    }

    /**
     * What a debit of {@code points} takes from lots given in the order it draws on them; what they cannot cover is not
     * taken (it becomes the member's debt).
     */
    static List<Take> draw(List<LotBalance> lots, long points) {
        List<Take> takes = new ArrayList<>();
        long left = points;
        for (LotBalance lot : lots) {
            if (left == 0) {
                break;
            }
            long take = Math.min(left, lot.remaining());
            if (take > 0) {
                takes.add(new Take(lot.lotId(), take));
                left -= take;
            }
        }
        return takes;
    }

    /** The debt still to pay from open lots: what the lots hold beyond a balance of zero or more. */
    static long debtBesideLots(long inLots, long balance) {
        return Math.max(0, inLots - Math.max(0, balance));
    }

    /** How a debt of {@code owed} is paid: the oldest uncovered debits first, each up to what it lacks. */
    static List<Payment> payBack(List<Uncovered> debits, long owed) {
        List<Payment> payments = new ArrayList<>();
        long left = owed;
        for (Uncovered debit : debits) {
            long pay = Math.min(left, debit.points());
            if (pay > 0) {
                payments.add(new Payment(debit.entryId(), pay));
                left -= pay;
            }
        }
        return payments;
    }

    /** Given-back points keep the latest expiry of the lots they were spent from, or live the grace period if that is sooner. */
    static Instant giveBackExpiry(Optional<Instant> latestExpiryOfSpentLots, Instant now) {
        Instant floor = now.plus(GIVE_BACK_GRACE);
        return latestExpiryOfSpentLots.filter(latest -> !latest.isBefore(floor)).orElse(floor);
    }

    /** A lot expires once; if an unmerge later handed points back to it, each further expiry has its own key. */
    static String expiryKey(long lotId, long earlierExpiries) {
        return "expire:lot:" + lotId + (earlierExpiries == 0 ? "" : ":" + earlierExpiries);
    }
}
