package dev.santong.member.points;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.jdbc.support.KeyHolder;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

import dev.santong.member.member.Channel;
import dev.santong.member.member.Members;
import dev.santong.member.member.Members.MemberRow;
import dev.santong.platform.kit.idempotency.BusinessKeyReusedException;
import dev.santong.platform.kit.idempotency.Fingerprint;
import dev.santong.platform.kit.idempotency.IdempotentWrite;
import dev.santong.platform.kit.persistence.ConcurrentWriteRetry;
import dev.santong.platform.kit.persistence.SqlTime;
import dev.santong.platform.kit.problem.ConflictException;
import dev.santong.platform.kit.problem.InvalidRequestException;
import dev.santong.platform.kit.problem.ResourceNotFoundException;

/**
 * The points ledger. Entries are never updated or deleted; corrections are new entries, and a member's balance is
 * the sum of their entries ({@code points_account} caches it in the same transaction).
 * <ul>
 * <li><b>Exactly once:</b> every entry has a business key (the purchase, the redemption's order, the return). The
 * same key again with the same content answers the first result; with other content it is a 409.</li>
 * <li><b>No double spend:</b> every write locks the member's account row first, and a redemption takes points with
 * {@code UPDATE … SET balance = balance - p WHERE balance >= p}: the database, not Java, refuses an overdraft.</li>
 * <li><b>Lots:</b> earned points form a lot that expires {@code lotLifetimeDays} after the purchase; spending takes
 * the soonest-expiring lots first; expiry is applied before any write and is itself exactly once per lot.</li>
 * <li><b>Negative balances:</b> spending never goes below zero, but reversing points already spent may: the member
 * then owes points, which their next earns pay back first.</li>
 * </ul>
 */
@Component
class PointsLedger {

    public enum Kind { EARN, REDEEM, REVERSE_EARN, RETURN_REDEEMED, ADJUST, EXPIRE }

    public record Entry(long id, String memberId, String originMemberId, Kind kind, long points, String businessKey, Channel channel, String storeId,
            String reference, BigDecimal amount, String currency, Long relatedEntryId, Integer rulesVersion, String reason,
            Instant occurredAt, Instant recordedAt) {
    }

    /** @param replayed the same request was already applied: nothing new was written */
    public record Posted(Entry entry, long balance, boolean replayed) {
    }

    /** @param originMemberId the id the request named: an old id of a merged member keeps the entry with that side for an unmerge */
    public record EarnCommand(String memberId, String originMemberId, Channel channel, String storeId, String reference, String line, Instant occurredAt,
            String currency, List<EarnCalculation.Line> lines) {
    }

    public record RedeemCommand(String memberId, String originMemberId, Channel channel, String storeId, String reference, long points,
            BigDecimal orderAmount, String currency, Instant occurredAt) {
    }

    public record ReverseCommand(Channel purchaseChannel, String purchaseStoreId, String purchaseReference, String returnReference,
            Channel channel, String storeId, BigDecimal returnedAmount, String currency, Instant occurredAt) {
    }

    /** A reversal writes up to two entries: earned points taken back, redeemed points given back. */
    public record Reversed(Entry reversedEarn, Entry returnedRedemption, long balance, boolean replayed) {
    }

    private static final int ATTEMPTS = 5;
    /** Points given back after their original lots expired live this long, so the member can still use them. */
    static final Duration GIVE_BACK_GRACE = Duration.ofDays(30);

    private final JdbcClient jdbc;
    private final TransactionTemplate transactions;
    private final LoyaltyRulesStore rules;
    private final PurchaseFacts purchases;
    private final List<TierSource> tiers;
    private final ApplicationEventPublisher events;
    private final Members members;
    private final Clock clock;

    PointsLedger(JdbcClient jdbc, TransactionTemplate transactions, LoyaltyRulesStore rules, PurchaseFacts purchases,
            List<TierSource> tiers, ApplicationEventPublisher events, Members members, Clock clock) {
        this.jdbc = jdbc;
        this.transactions = transactions;
        this.rules = rules;
        this.purchases = purchases;
        this.tiers = tiers;
        this.events = events;
        this.members = members;
        this.clock = clock;
    }

    // ---------------------------------------------------------------- earn

    public Posted earn(EarnCommand command, String actor) {
        String key = "earn:" + PurchaseFacts.key(command.channel(), command.storeId(), command.reference())
                + (command.line() == null ? "" : ":" + command.line());
        BigDecimal total = command.lines().stream().map(EarnCalculation.Line::amount).reduce(BigDecimal.ZERO, BigDecimal::add);
        String hash = hash(command.channel(), command.storeId(), command.reference(), command.line(), command.occurredAt(),
                command.currency(), command.lines().stream().map(l -> l.sku() + "|" + l.category() + "|" + plain(l.amount())).toList());
        return ConcurrentWriteRetry.inTransaction(transactions, ATTEMPTS, status -> {
            String memberId = liveMember(command.memberId());
            return IdempotentWrite.once(earlierPosting(key, memberId), hash, PointsLedger::referenceReused,
                    () -> earnFirst(command, actor, memberId, key, hash, total)).result();
        });
    }

    private Posted earnFirst(EarnCommand command, String actor, String memberId, String key, String hash, BigDecimal total) {
        long before = lockAccount(memberId);
        before = expireDue(memberId, before);
        LoyaltyRulesStore.Versioned current = rules.current();
        String tier = tiers.stream().map(t -> t.currentTier(memberId)).flatMap(Optional::stream).findFirst().orElse(null);
        EarnCalculation.Earned earned = EarnCalculation.compute(current.rules(), command.channel(), command.currency(),
                command.lines(), tier, command.occurredAt());
        Entry earning = insert(NewEntry.of(Kind.EARN, memberId, command.originMemberId(), earned.points(), actor, command.occurredAt())
                .keyed(key, hash).in(command.channel(), command.storeId(), command.reference()).amount(total, command.currency())
                .underRules(current.version()));
        long entryId = earning.id();
        long balance = earned.points() > 0 ? credit(memberId, command.originMemberId(), entryId, earned.points(), before,
                command.occurredAt(), command.occurredAt().plus(Duration.ofDays(current.rules().lotLifetimeDays()))) : before;
        purchases.record(memberId, command.originMemberId(), command.channel(), command.storeId(), command.reference(), total,
                command.currency(), command.occurredAt());
        events.publishEvent(new PurchaseRecorded(memberId));
        return new Posted(earning, balance, false);
    }

    // ---------------------------------------------------------------- redeem

    public Posted redeem(RedeemCommand command, String actor) {
        String key = "redeem:" + PurchaseFacts.key(command.channel(), command.storeId(), command.reference());
        String hash = hash(command.channel(), command.storeId(), command.reference(), command.points(), plain(command.orderAmount()),
                command.currency());
        LoyaltyRules current = rules.current().rules();
        if (command.points() < current.minRedeemPoints()) {
            throw new InvalidRequestException("points", "must be at least " + current.minRedeemPoints());
        }
        BigDecimal value = EarnCalculation.value(current, command.currency(), command.points());
        if (value == null) {
            throw new InvalidRequestException("currency", "points cannot pay in " + command.currency());
        }
        BigDecimal limit = command.orderAmount().multiply(current.maxRedeemShareOfOrder()).setScale(2, RoundingMode.FLOOR);
        if (value.compareTo(limit) > 0) {
            throw new InvalidRequestException("points", "would pay " + value + " " + command.currency() + ", more than the "
                    + current.maxRedeemShareOfOrder().movePointRight(2).stripTrailingZeros().toPlainString() + "% of the order points may pay ("
                    + limit + ")");
        }
        return ConcurrentWriteRetry.inTransaction(transactions, ATTEMPTS, status -> {
            String memberId = liveMember(command.memberId());
            return IdempotentWrite.once(earlierPosting(key, memberId), hash, PointsLedger::referenceReused,
                    () -> redeemFirst(command, actor, memberId, key, hash, value)).result();
        });
    }

    private Posted redeemFirst(RedeemCommand command, String actor, String memberId, String key, String hash, BigDecimal value) {
        long before = lockAccount(memberId);
        expireDue(memberId, before);
        int taken = jdbc.sql("UPDATE points_account SET balance = balance - :p, updated_at = :at WHERE member_id = :m AND balance >= :p")
                .param("p", command.points()).param("at", SqlTime.of(clock.instant())).param("m", memberId).update();
        if (taken == 0) {
            throw new ConflictException("insufficient-points", "The balance does not cover " + command.points() + " points");
        }
        Entry redemption = insert(NewEntry.of(Kind.REDEEM, memberId, command.originMemberId(), -command.points(), actor, command.occurredAt())
                .keyed(key, hash).in(command.channel(), command.storeId(), command.reference()).amount(value, command.currency()));
        takeFromLots(memberId, redemption.id(), command.points(), null);
        return new Posted(redemption, balanceOf(memberId), false);
    }

    // ---------------------------------------------------------------- reverse (returns, cancellations)

    /**
     * Takes back the points a purchase earned and gives back the points redeemed on it, pro rata to the amount
     * returned so far: after returns totalling R of a purchase of A, exactly floor(E × R / A) of its E earned points are
     * reversed and floor(D × R / A) of its D redeemed points given back, whatever the number of partial returns.
     */
    public Reversed reverse(ReverseCommand command, String actor) {
        String purchaseKey = PurchaseFacts.key(command.purchaseChannel(), command.purchaseStoreId(), command.purchaseReference());
        String key = "reverse:" + purchaseKey + ":" + command.returnReference();
        String hash = hash(purchaseKey, command.returnReference(), command.channel(), command.storeId(), plain(command.returnedAmount()),
                command.currency());
        return ConcurrentWriteRetry.inTransaction(transactions, ATTEMPTS, status -> IdempotentWrite.once(
                earlier(key).map(earlier -> new IdempotentWrite.Earlier<>(earlier.fingerprint(), new Reversed(earlier.result(),
                        findByKey("return-redeemed:" + purchaseKey + ":" + command.returnReference()).orElse(null),
                        balanceOf(earlier.result().memberId()), true))),
                hash, PointsLedger::referenceReused, () -> reverseFirst(command, actor, purchaseKey, key, hash)).result());
    }

    private Reversed reverseFirst(ReverseCommand command, String actor, String purchaseKey, String key, String hash) {
        Entry earn = findByKey("earn:" + purchaseKey)
                .orElseThrow(() -> new ResourceNotFoundException("earned purchase", purchaseKey));
        // The entry moves with its member's merges; whoever holds it now is locked before anything is taken back.
        String memberId = liveMember(earn.memberId());
        long balance = expireDue(memberId, lockAccount(memberId));
        PurchaseFacts.Purchase purchase = purchases.lockForReturn(purchaseKey).orElseThrow();
        if (!purchase.currency().equals(command.currency())) {
            throw new InvalidRequestException("currency", "must be the purchase's currency " + purchase.currency());
        }
        BigDecimal returnedSoFar = purchase.returnedAmount().add(command.returnedAmount());
        if (returnedSoFar.compareTo(purchase.amount()) > 0) {
            throw new ConflictException("returned-more-than-bought", "Returns would total " + returnedSoFar + " of a purchase of "
                    + purchase.amount() + " " + purchase.currency());
        }
        long reverseNow = proRata(earn.points(), returnedSoFar, purchase.amount()) - sumRelated(earn.id(), Kind.REVERSE_EARN);
        Entry reversal = insert(NewEntry.of(Kind.REVERSE_EARN, memberId, earn.originMemberId(), -reverseNow, actor, command.occurredAt())
                .keyed(key, hash).in(command.channel(), command.storeId(), command.returnReference())
                .amount(command.returnedAmount(), command.currency()).relatedTo(earn.id()));
        long reversalId = reversal.id();
        takeFromLots(memberId, reversalId, reverseNow, earn.id());
        balance = addToBalance(memberId, balance, -reverseNow);

        Entry giveBack = null;
        Optional<Entry> redemption = findByKey("redeem:" + purchaseKey);
        if (redemption.isPresent()) {
            long redeemed = -redemption.get().points();
            long giveNow = proRata(redeemed, returnedSoFar, purchase.amount()) - sumRelated(redemption.get().id(), Kind.RETURN_REDEEMED);
            if (giveNow > 0) {
                giveBack = insert(NewEntry.of(Kind.RETURN_REDEEMED, memberId, redemption.get().originMemberId(), giveNow, actor,
                        command.occurredAt())
                        .keyed("return-redeemed:" + purchaseKey + ":" + command.returnReference(), hash)
                        .in(command.channel(), command.storeId(), command.returnReference()).amount(null, command.currency())
                        .relatedTo(redemption.get().id()));
                long giveBackId = giveBack.id();
                balance = credit(memberId, redemption.get().originMemberId(), giveBackId, giveNow, balance, clock.instant(),
                        giveBackExpiry(redemption.get().id()));
            }
        }
        purchases.setReturned(purchaseKey, returnedSoFar);
        events.publishEvent(new PurchaseRecorded(memberId));
        return new Reversed(reversal, giveBack, balance, false);
    }

    // ---------------------------------------------------------------- adjust

    /** HQ's correction, with a reason. A negative adjustment may not overdraw the balance. */
    public Posted adjust(String requestedMemberId, String originMemberId, long points, String reason, String reference, String actor) {
        String key = "adjust:" + reference;
        String hash = hash(requestedMemberId, points, reason);
        return ConcurrentWriteRetry.inTransaction(transactions, ATTEMPTS, status -> {
            String memberId = liveMember(requestedMemberId);
            return IdempotentWrite.once(earlierPosting(key, memberId), hash, PointsLedger::referenceReused,
                    () -> adjustFirst(memberId, originMemberId, points, reason, reference, actor, key, hash)).result();
        });
    }

    private Posted adjustFirst(String memberId, String originMemberId, long points, String reason, String reference, String actor,
            String key, String hash) {
        long before = lockAccount(memberId);
        before = expireDue(memberId, before);
        Instant now = clock.instant();
        if (points < 0 && before + points < 0) {
            throw new ConflictException("insufficient-points", "The balance " + before + " does not cover " + -points + " points");
        }
        Entry adjustment = insert(NewEntry.of(Kind.ADJUST, memberId, originMemberId, points, actor, now).keyed(key, hash)
                .in(Channel.HQ, null, reference).because(reason));
        long entryId = adjustment.id();
        if (points > 0) {
            long balance = credit(memberId, originMemberId, entryId, points, before, now,
                    now.plus(Duration.ofDays(rules.current().rules().lotLifetimeDays())));
            return new Posted(adjustment, balance, false);
        }
        takeFromLots(memberId, entryId, -points, null);
        return new Posted(adjustment, addToBalance(memberId, before, points), false);
    }

    // ---------------------------------------------------------------- expiry

    /** Expires every lot of the member due by now, each once (its entry's key is the lot). The account row is locked. */
    long expireDue(String memberId, long balance) {
        Instant now = clock.instant();
        record DueLot(long id, long remaining, String origin, Instant expiresAt) {
        }
        List<DueLot> due = jdbc.sql("""
                SELECT id, points_remaining, origin_member_id, expires_at FROM points_lot
                WHERE member_id = :m AND expires_at <= :now AND points_remaining > 0 ORDER BY expires_at, id FOR UPDATE""")
                .param("m", memberId).param("now", SqlTime.of(now))
                .query((rs, n) -> new DueLot(rs.getLong("id"), rs.getLong("points_remaining"), rs.getString("origin_member_id"),
                        rs.getTimestamp("expires_at").toInstant()))
                .list();
        for (DueLot lot : due) {
            // The expiry belongs to the lot's side: an unmerge takes it back with the lot.
            // A lot expires once, unless an unmerge later handed points back to it: each further expiry has its own key.
            long earlierUses = jdbc.sql("""
                    SELECT COUNT(*) FROM points_lot_use u JOIN points_entry e ON e.id = u.entry_id WHERE u.lot_id = :lot AND e.kind = 'EXPIRE'""")
                    .param("lot", lot.id()).query(Long.class).single();
            String key = "expire:lot:" + lot.id() + (earlierUses == 0 ? "" : ":" + earlierUses);
            long entryId = insert(NewEntry.of(Kind.EXPIRE, memberId, lot.origin(), -lot.remaining(), "system:expiry", lot.expiresAt())
                    .keyed(key, "expiry")).id();
            useLot(lot.id(), entryId, lot.remaining());
            balance = addToBalance(memberId, balance, -lot.remaining());
        }
        return balance;
    }

    /** Members with lots due, for the background expiry that keeps the liability figure exact. */
    public List<String> membersWithDueLots(int limit) {
        return jdbc.sql("SELECT DISTINCT member_id FROM points_lot WHERE expires_at <= :now AND points_remaining > 0 LIMIT :limit")
                .param("now", SqlTime.of(clock.instant())).param("limit", limit).query(String.class).list();
    }

    public void expire(String memberId) {
        ConcurrentWriteRetry.inTransaction(transactions, ATTEMPTS, status -> expireDue(memberId, lockAccount(memberId)));
    }

    // ---------------------------------------------------------------- reads

    /** The balance as of now: the cached sum less lots that expired and are not yet written off. */
    public long balanceAsOfNow(String memberId) {
        Long due = jdbc.sql("""
                SELECT COALESCE(SUM(points_remaining), 0) FROM points_lot WHERE member_id = :m AND expires_at <= :now AND points_remaining > 0""")
                .param("m", memberId).param("now", SqlTime.of(clock.instant())).query(Long.class).single();
        return balanceOf(memberId) - due;
    }

    public long balanceOf(String memberId) {
        return jdbc.sql("SELECT balance FROM points_account WHERE member_id = :m").param("m", memberId).query(Long.class).optional().orElse(0L);
    }

    /** The ledger's own sum, to prove the cached balance equal. */
    public long sumOfEntries(String memberId) {
        return jdbc.sql("SELECT COALESCE(SUM(points), 0) FROM points_entry WHERE member_id = :m").param("m", memberId).query(Long.class).single();
    }

    public List<Entry> entries(String memberId, int limit) {
        return jdbc.sql("SELECT * FROM points_entry WHERE member_id = :m ORDER BY id DESC LIMIT :limit")
                .param("m", memberId).param("limit", limit).query(PointsLedger::entry).list();
    }

    public record Lot(long id, long initial, long remaining, Instant earnedAt, Instant expiresAt) {
    }

    public List<Lot> openLots(String memberId) {
        return jdbc.sql("""
                SELECT id, points_initial, points_remaining, earned_at, expires_at FROM points_lot
                WHERE member_id = :m AND points_remaining > 0 AND expires_at > :now ORDER BY expires_at, id""")
                .param("m", memberId).param("now", SqlTime.of(clock.instant()))
                .query((rs, n) -> new Lot(rs.getLong("id"), rs.getLong("points_initial"), rs.getLong("points_remaining"),
                        rs.getTimestamp("earned_at").toInstant(), rs.getTimestamp("expires_at").toInstant()))
                .list();
    }

    // ---------------------------------------------------------------- internals

    /** The posting a key already stands for, which must be the same member's (merges move postings to the survivor). */
    private Optional<IdempotentWrite.Earlier<Posted>> earlierPosting(String key, String memberId) {
        return earlier(key).map(earlier -> {
            if (!earlier.result().memberId().equals(memberId)) {
                throw new BusinessKeyReusedException("The " + key.substring(0, key.indexOf(':'))
                        + " of this reference was already applied to another member");
            }
            return new IdempotentWrite.Earlier<>(earlier.fingerprint(), new Posted(earlier.result(), balanceOf(memberId), true));
        });
    }

    private Optional<IdempotentWrite.Earlier<Entry>> earlier(String key) {
        return jdbc.sql("SELECT * FROM points_entry WHERE business_key = :k").param("k", key)
                .query((rs, n) -> new IdempotentWrite.Earlier<>(rs.getString("request_hash"), entry(rs, n))).optional();
    }

    private static ConflictException referenceReused() {
        return new BusinessKeyReusedException("This reference was already applied with other content; nothing was applied twice");
    }

    /**
     * The live member the id stands for, share-locked until the write commits (see {@link Members#lockLive}); the first
     * step of every write, so nothing is written for a member a concurrent merge has just moved away.
     */
    private String liveMember(String memberId) {
        MemberRow member = members.lockLive(memberId).orElseThrow(() -> new ResourceNotFoundException("member", memberId));
        if (!Members.ACTIVE.equals(member.status())) {
            throw new ConflictException("member-not-active", "Member " + memberId + " is " + member.status().toLowerCase());
        }
        return member.id();
    }

    /**
     * The one rule for every credit (an earn, an adjustment, points given back): the points form a new lot, and a member
     * who owes points (a reversal after spending) pays that debt from it first, as recorded uses of the lot by the
     * reversals owed, so only what is left can be spent or expire and an unmerge can tell whose lot paid whose debt.
     * Returns the new balance.
     */
    private long credit(String memberId, String origin, long entryId, long points, long balanceBefore, Instant earnedAt, Instant expiresAt) {
        insertLot(memberId, origin, entryId, points, points, earnedAt, expiresAt);
        long balance = addToBalance(memberId, balanceBefore, points);
        if (balanceBefore < 0) {
            settleDebt(memberId);
        }
        return balance;
    }

    /**
     * Pays a debt that sits beside open lots from those lots: after a credit, a merge (one side owed, the other had
     * points) or an unmerge (points given back to a lot). The debt is what the lots hold beyond a balance of zero or more;
     * each payment is a use of a lot by an uncovered reversal, so a later unmerge returns it to the lot and the debt to
     * the debtor.
     */
    void settleDebt(String survivorId) {
        long balance = balanceOf(survivorId);
        long inLots = jdbc.sql("SELECT COALESCE(SUM(points_remaining), 0) FROM points_lot WHERE member_id = :m").param("m", survivorId)
                .query(Long.class).single();
        long owed = inLots - Math.max(0, balance);
        if (owed <= 0) {
            return;
        }
        record Uncovered(long entryId, long points) {
        }
        // What a debit took beyond the lots it found: a reversal after spending, or what an unmerge handed back to a side.
        List<Uncovered> debits = jdbc.sql("""
                SELECT e.id, -e.points - COALESCE(SUM(u.points), 0) AS uncovered
                FROM points_entry e LEFT JOIN points_lot_use u ON u.entry_id = e.id
                WHERE e.member_id = :m AND e.points < 0 GROUP BY e.id, e.points HAVING uncovered > 0 ORDER BY e.id""")
                .param("m", survivorId).query((rs, n) -> new Uncovered(rs.getLong("id"), rs.getLong("uncovered"))).list();
        for (Uncovered debit : debits) {
            long pay = Math.min(owed, debit.points());
            if (pay > 0) {
                takeFromLots(survivorId, debit.entryId(), pay, null);
                owed -= pay;
            }
        }
    }

    /** Locks the member's account row (creating it at zero), returning the balance. Every write starts here. */
    long lockAccount(String memberId) {
        Optional<Long> balance = jdbc.sql("SELECT balance FROM points_account WHERE member_id = :m FOR UPDATE").param("m", memberId)
                .query(Long.class).optional();
        if (balance.isPresent()) {
            return balance.get();
        }
        // First write for this member: create the row (a concurrent first write makes this a no-op), then lock it.
        jdbc.sql("INSERT INTO points_account (member_id, balance, updated_at) VALUES (:m, 0, :at) ON DUPLICATE KEY UPDATE member_id = member_id")
                .param("m", memberId).param("at", SqlTime.of(clock.instant())).update();
        return jdbc.sql("SELECT balance FROM points_account WHERE member_id = :m FOR UPDATE").param("m", memberId).query(Long.class).single();
    }

    /** The account row is locked by this transaction, so the new balance is the old one plus the change. */
    private long addToBalance(String memberId, long balanceBefore, long delta) {
        if (delta != 0) {
            jdbc.sql("UPDATE points_account SET balance = balance + :d, updated_at = :at WHERE member_id = :m")
                    .param("d", delta).param("at", SqlTime.of(clock.instant())).param("m", memberId).update();
        }
        return balanceBefore + delta;
    }

    /**
     * Takes {@code points} from the member's lots, soonest expiry first (from {@code preferredEarnEntry}'s own lot first,
     * for a reversal). What the lots cannot cover becomes the member's debt: the balance goes below zero.
     */
    void takeFromLots(String memberId, long entryId, long points, Long preferredEarnEntry) {
        long left = points;
        List<long[]> lots = jdbc.sql("""
                SELECT id, points_remaining FROM points_lot WHERE member_id = :m AND points_remaining > 0
                ORDER BY CASE WHEN entry_id = :preferred THEN 0 ELSE 1 END, expires_at, id FOR UPDATE""")
                .param("m", memberId).param("preferred", preferredEarnEntry == null ? -1L : preferredEarnEntry)
                .query((rs, n) -> new long[] { rs.getLong("id"), rs.getLong("points_remaining") }).list();
        for (long[] lot : lots) {
            if (left == 0) {
                break;
            }
            long take = Math.min(left, lot[1]);
            useLot(lot[0], entryId, take);
            left -= take;
        }
    }

    private void useLot(long lotId, long entryId, long points) {
        jdbc.sql("UPDATE points_lot SET points_remaining = points_remaining - :p WHERE id = :id").param("p", points).param("id", lotId).update();
        jdbc.sql("INSERT INTO points_lot_use (lot_id, entry_id, points) VALUES (:lot, :entry, :p)")
                .param("lot", lotId).param("entry", entryId).param("p", points).update();
    }

    private void insertLot(String memberId, String origin, long entryId, long initial, long remaining, Instant earnedAt, Instant expiresAt) {
        jdbc.sql("""
                INSERT INTO points_lot (member_id, origin_member_id, entry_id, points_initial, points_remaining, earned_at, expires_at)
                VALUES (:m, :o, :e, :initial, :remaining, :earned, :expires)""")
                .param("m", memberId).param("o", origin).param("e", entryId).param("initial", initial).param("remaining", remaining)
                .param("earned", SqlTime.of(earnedAt)).param("expires", SqlTime.of(expiresAt)).update();
    }

    /** Given-back points keep the expiry of the lots they were spent from, or get a grace period if those expired. */
    private Instant giveBackExpiry(long redemptionEntryId) {
        Timestamp latest = jdbc.sql("""
                SELECT MAX(l.expires_at) FROM points_lot_use u JOIN points_lot l ON l.id = u.lot_id WHERE u.entry_id = :e""")
                .param("e", redemptionEntryId).query(Timestamp.class).single();
        Instant floor = clock.instant().plus(GIVE_BACK_GRACE);
        return latest == null || latest.toInstant().isBefore(floor) ? floor : latest.toInstant();
    }

    private Entry insert(NewEntry line) {
        KeyHolder id = new GeneratedKeyHolder();
        Instant recordedAt = clock.instant();
        jdbc.sql("""
                INSERT INTO points_entry (member_id, origin_member_id, kind, points, business_key, request_hash, channel, store_id,
                    reference, amount, currency, related_entry_id, rules_version, reason, actor, occurred_at, recorded_at)
                VALUES (:m, :o, :kind, :points, :key, :hash, :channel, :store, :reference, :amount, :currency, :related, :rules,
                    :reason, :actor, :occurred, :recorded)""")
                .param("m", line.memberId()).param("o", line.originMemberId()).param("kind", line.kind().name())
                .param("points", line.points()).param("key", line.businessKey()).param("hash", line.fingerprint())
                .param("channel", line.channel().name()).param("store", line.storeId()).param("reference", line.reference())
                .param("amount", line.amount()).param("currency", line.currency()).param("related", line.relatedEntryId())
                .param("rules", line.rulesVersion()).param("reason", line.reason()).param("actor", line.actor())
                .param("occurred", SqlTime.of(line.occurredAt())).param("recorded", SqlTime.of(recordedAt))
                .update(id);
        return line.written(id.getKey().longValue(), recordedAt);
    }

    private Optional<Entry> findByKey(String key) {
        return jdbc.sql("SELECT * FROM points_entry WHERE business_key = :k").param("k", key).query(PointsLedger::entry).optional();
    }

    private long sumRelated(long entryId, Kind kind) {
        return Math.abs(jdbc.sql("SELECT COALESCE(SUM(points), 0) FROM points_entry WHERE related_entry_id = :e AND kind = :k")
                .param("e", entryId).param("k", kind.name()).query(Long.class).single());
    }

    static long proRata(long points, BigDecimal part, BigDecimal whole) {
        if (whole.signum() == 0) {
            return 0;
        }
        return BigDecimal.valueOf(points).multiply(part).divide(whole, 0, RoundingMode.FLOOR).longValueExact();
    }

    /** The kit's one fingerprint recipe over the parts that make two requests with one key the same. */
    private static String hash(Object... parts) {
        return Fingerprint.of(java.util.Arrays.asList(parts));
    }

    private static String plain(BigDecimal amount) {
        return amount == null ? null : amount.stripTrailingZeros().toPlainString();
    }

    private static Entry entry(ResultSet rs, int n) throws SQLException {
        return new Entry(rs.getLong("id"), rs.getString("member_id"), rs.getString("origin_member_id"), Kind.valueOf(rs.getString("kind")), rs.getLong("points"),
                rs.getString("business_key"), Channel.valueOf(rs.getString("channel")), rs.getString("store_id"), rs.getString("reference"),
                rs.getBigDecimal("amount"), rs.getString("currency"), (Long) rs.getObject("related_entry_id", Long.class),
                (Integer) rs.getObject("rules_version", Integer.class), rs.getString("reason"), rs.getTimestamp("occurred_at").toInstant(),
                rs.getTimestamp("recorded_at").toInstant());
    }
}
