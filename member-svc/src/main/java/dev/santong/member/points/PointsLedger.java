package dev.santong.member.points;

import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.MeterRegistry;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

import dev.santong.member.member.Channel;
import dev.santong.member.member.Members;
import dev.santong.member.member.Members.MemberRow;
import dev.santong.platform.kit.idempotency.BusinessKeyReusedException;
import dev.santong.platform.kit.idempotency.Fingerprint;
import dev.santong.platform.kit.idempotency.IdempotentWrite;
import dev.santong.platform.kit.money.Money;
import dev.santong.platform.kit.money.MoneyInVersion1;
import dev.santong.platform.kit.persistence.ConcurrentWriteRetry;
import dev.santong.platform.kit.problem.ConflictException;
import dev.santong.platform.kit.problem.InvalidRequestException;
import dev.santong.platform.kit.problem.ResourceNotFoundException;
import dev.santong.platform.kit.web.Cursor;
import dev.santong.platform.kit.web.Page;

import io.swagger.v3.oas.annotations.media.Schema;

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

    @Schema(name = "PointsEntry", example = """
            {"id": 4182, "memberId": "01a20bc5-f360-7b8a-b1b7-947ef07e36c8", "originMemberId": "01a20bc5-f360-7b8a-b1b7-947ef07e36c8", \
            "kind": "EARN", "points": 199, "businessKey": "earn:STORE:9:9-3-20261120-1041", "channel": "STORE", "storeId": "9", \
            "reference": "9-3-20261120-1041", "basis": {"amount": "199.00", "currency": "CNY"}, "relatedEntryId": null, "rulesVersion": 3, "reason": null, \
            "occurredAt": "2026-11-20T02:15:00Z", "recordedAt": "2026-11-20T02:15:01Z"}""")
    public record Entry(long id, String memberId, String originMemberId, Kind kind, long points, String businessKey, Channel channel, String storeId,
            String reference,
            @MoneyInVersion1(amount = "amount", currency = "currency") @Schema(description = "What the points were reckoned on: the purchase, "
                    + "the returned goods or the order; none for adjustments and expiries") Money basis,
            Long relatedEntryId, Integer rulesVersion, String reason,
            Instant occurredAt, Instant recordedAt) {
    }

    /** @param replayed the same request was already applied: nothing new was written */
    @Schema(example = """
            {"entry": {"id": 4182, "memberId": "01a20bc5-f360-7b8a-b1b7-947ef07e36c8", "originMemberId": "01a20bc5-f360-7b8a-b1b7-947ef07e36c8", \
            "kind": "EARN", "points": 199, "businessKey": "earn:STORE:9:9-3-20261120-1041", "channel": "STORE", "storeId": "9", \
            "reference": "9-3-20261120-1041", "amount": 199.00, "currency": "CNY", "relatedEntryId": null, "rulesVersion": 3, "reason": null, \
            "occurredAt": "2026-11-20T02:15:00Z", "recordedAt": "2026-11-20T02:15:01Z"}, "balance": 1245, "replayed": false}""")
    public record Posted(Entry entry, long balance, boolean replayed) {
    }

    /** @param originMemberId the id the request named: an old id of a merged member keeps the entry with that side for an unmerge */
    public record EarnCommand(String memberId, String originMemberId, Channel channel, String storeId, String reference, String line, Instant occurredAt,
            String currency, List<PurchaseFacts.Item> items, List<PurchaseFacts.Tender> tenders) {

        List<EarnCalculation.Line> lines() {
            return items.stream().map(item -> new EarnCalculation.Line(item.sku(), item.category(), item.amount())).toList();
        }
    }

    public record RedeemCommand(String memberId, String originMemberId, Channel channel, String storeId, String reference, long points,
            BigDecimal orderAmount, String currency, Instant occurredAt) {
    }

    public record ReverseCommand(Channel purchaseChannel, String purchaseStoreId, String purchaseReference, String returnReference,
            Channel channel, String storeId, BigDecimal returnedAmount, String currency, Instant occurredAt) {
    }

    /** A reversal writes up to two entries: earned points taken back, redeemed points given back. */
    @Schema(example = """
            {"reversedEarn": {"id": 4190, "memberId": "01a20bc5-f360-7b8a-b1b7-947ef07e36c8", \
            "originMemberId": "01a20bc5-f360-7b8a-b1b7-947ef07e36c8", "kind": "REVERSE_EARN", "points": -100, \
            "businessKey": "reverse-earn:STORE:9:RMA-77", "channel": "STORE", "storeId": "9", "reference": "RMA-77", "amount": 99.50, \
            "currency": "CNY", "relatedEntryId": 4182, "rulesVersion": 3, "reason": null, "occurredAt": "2026-11-22T09:00:00Z", \
            "recordedAt": "2026-11-22T09:00:01Z"}, "returnedRedemption": null, "balance": 1145, "replayed": false}""")
    public record Reversed(Entry reversedEarn, Entry returnedRedemption, long balance, boolean replayed) {
    }

    private static final int ATTEMPTS = 5;

    private final PointsEntries entries;
    private final PointsLots lots;
    private final PointsAccounts accounts;
    private final TransactionTemplate transactions;
    private final LoyaltyRulesStore rules;
    private final PurchaseFacts purchases;
    private final List<TierSource> tiers;
    private final ApplicationEventPublisher events;
    private final Members members;
    private final Clock clock;
    private final MeterRegistry meters;

    PointsLedger(PointsEntries entries, PointsLots lots, PointsAccounts accounts, TransactionTemplate transactions, LoyaltyRulesStore rules,
            PurchaseFacts purchases, List<TierSource> tiers, ApplicationEventPublisher events, Members members, Clock clock, MeterRegistry meters) {
        this.meters = meters;
        this.entries = entries;
        this.lots = lots;
        this.accounts = accounts;
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
        BigDecimal total = command.items().stream().map(PurchaseFacts.Item::amount).reduce(BigDecimal.ZERO, BigDecimal::add);
        // Quantities and tenders stay out of the fingerprint: it is what earns were compared by before they were kept, and
        // a resend differing only in them changes no points (the first one's are kept).
        String hash = hash(command.channel(), command.storeId(), command.reference(), command.line(), command.occurredAt(),
                command.currency(), command.items().stream().map(l -> l.sku() + "|" + l.category() + "|" + plain(l.amount())).toList());
        // A new key is the rule and a resend the exception: the first attempt writes without asking for the key, whose
        // unique index refuses a second entry; the retry that follows (ConcurrentWriteRetry) finds the earlier one.
        boolean[] lookedUp = { false };
        return counted("earned", ConcurrentWriteRetry.inTransaction(transactions, ATTEMPTS, status -> {
            String memberId = liveMember(command.memberId());
            Optional<IdempotentWrite.Earlier<Posted>> earlier = lookedUp[0] ? earlierPosting(key, memberId) : Optional.empty();
            lookedUp[0] = true;
            return IdempotentWrite.once(earlier, hash, PointsLedger::referenceReused,
                    () -> earnFirst(command, actor, memberId, key, hash, total)).result();
        }));
    }

    /** Points earned and redeemed per channel, once per posting (a replay is not counted again), with their distribution. */
    private Posted counted(String what, Posted posted) {
        if (!posted.replayed() && posted.entry().points() != 0) {
            DistributionSummary.builder("santong.member.points." + what)
                    .description("Points " + what + " per posting").tag("channel", String.valueOf(posted.entry().channel()))
                    .serviceLevelObjectives(10, 50, 100, 500, 1000, 5000).register(meters).record(Math.abs(posted.entry().points()));
        }
        return posted;
    }

    private Posted earnFirst(EarnCommand command, String actor, String memberId, String key, String hash, BigDecimal total) {
        long before = lockAccount(memberId);
        before = expireDue(memberId, before);
        LoyaltyRulesStore.Versioned current = rules.current();
        String tier = tiers.stream().map(t -> t.currentTier(memberId)).flatMap(Optional::stream).findFirst().orElse(null);
        EarnCalculation.Earned earned = EarnCalculation.compute(current.rules(), command.channel(), command.currency(),
                command.lines(), tier, command.occurredAt());
        Entry earning = entries.insert(NewEntry.of(Kind.EARN, memberId, command.originMemberId(), earned.points(), actor, command.occurredAt())
                .keyed(key, hash).in(command.channel(), command.storeId(), command.reference()).amount(total, command.currency())
                .underRules(current.version()));
        long entryId = earning.id();
        long balance = earned.points() > 0 ? credit(memberId, command.originMemberId(), entryId, earned.points(), before,
                command.occurredAt(), command.occurredAt().plus(Duration.ofDays(current.rules().lotLifetimeDays()))) : before;
        purchases.record(memberId, command.originMemberId(), command.channel(), command.storeId(), command.reference(), total,
                command.currency(), command.occurredAt());
        purchases.recordContents(PurchaseFacts.key(command.channel(), command.storeId(), command.reference()), command.items(), command.tenders());
        events.publishEvent(new PurchaseRecorded(memberId));
        return new Posted(earning, balance, false);
    }

    // ---------------------------------------------------------------- redeem

    public Posted redeem(RedeemCommand command, String actor) {
        String key = "redeem:" + PurchaseFacts.key(command.channel(), command.storeId(), command.reference());
        String hash = hash(command.channel(), command.storeId(), command.reference(), command.points(), plain(command.orderAmount()),
                command.currency());
        BigDecimal value = LedgerRules.redemptionValue(rules.current().rules(), command.currency(), command.points(), command.orderAmount());
        return counted("redeemed", ConcurrentWriteRetry.inTransaction(transactions, ATTEMPTS, status -> {
            String memberId = liveMember(command.memberId());
            return IdempotentWrite.once(earlierPosting(key, memberId), hash, PointsLedger::referenceReused,
                    () -> redeemFirst(command, actor, memberId, key, hash, value)).result();
        }));
    }

    private Posted redeemFirst(RedeemCommand command, String actor, String memberId, String key, String hash, BigDecimal value) {
        long before = lockAccount(memberId);
        expireDue(memberId, before);
        if (!accounts.takeIfCovered(memberId, command.points())) {
            throw new ConflictException("insufficient-points", "The balance does not cover " + command.points() + " points");
        }
        Entry redemption = entries.insert(NewEntry.of(Kind.REDEEM, memberId, command.originMemberId(), -command.points(), actor, command.occurredAt())
                .keyed(key, hash).in(command.channel(), command.storeId(), command.reference()).amount(value, command.currency()));
        takeFromLots(memberId, redemption.id(), command.points(), null);
        return new Posted(redemption, accounts.balanceOf(memberId), false);
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
                entries.earlier(key).map(earlier -> new IdempotentWrite.Earlier<>(earlier.fingerprint(), new Reversed(earlier.result(),
                        entries.byKey("return-redeemed:" + purchaseKey + ":" + command.returnReference()).orElse(null),
                        accounts.balanceOf(earlier.result().memberId()), true))),
                hash, PointsLedger::referenceReused, () -> reverseFirst(command, actor, purchaseKey, key, hash)).result());
    }

    private Reversed reverseFirst(ReverseCommand command, String actor, String purchaseKey, String key, String hash) {
        Entry earn = entries.byKey("earn:" + purchaseKey)
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
        long reverseNow = LedgerRules.proRata(earn.points(), returnedSoFar, purchase.amount()) - entries.sumRelated(earn.id(), Kind.REVERSE_EARN);
        Entry reversal = entries.insert(NewEntry.of(Kind.REVERSE_EARN, memberId, earn.originMemberId(), -reverseNow, actor, command.occurredAt())
                .keyed(key, hash).in(command.channel(), command.storeId(), command.returnReference())
                .amount(command.returnedAmount(), command.currency()).relatedTo(earn.id()));
        long reversalId = reversal.id();
        takeFromLots(memberId, reversalId, reverseNow, earn.id());
        balance = accounts.add(memberId, balance, -reverseNow);

        Entry giveBack = null;
        Optional<Entry> redemption = entries.byKey("redeem:" + purchaseKey);
        if (redemption.isPresent()) {
            long redeemed = -redemption.get().points();
            long giveNow = LedgerRules.proRata(redeemed, returnedSoFar, purchase.amount())
                    - entries.sumRelated(redemption.get().id(), Kind.RETURN_REDEEMED);
            if (giveNow > 0) {
                giveBack = entries.insert(NewEntry.of(Kind.RETURN_REDEEMED, memberId, redemption.get().originMemberId(), giveNow, actor,
                        command.occurredAt())
                        .keyed("return-redeemed:" + purchaseKey + ":" + command.returnReference(), hash)
                        .in(command.channel(), command.storeId(), command.returnReference()).amount(null, command.currency())
                        .relatedTo(redemption.get().id()));
                long giveBackId = giveBack.id();
                balance = credit(memberId, redemption.get().originMemberId(), giveBackId, giveNow, balance, clock.instant(),
                        LedgerRules.giveBackExpiry(lots.latestExpiryDrawnBy(redemption.get().id()), clock.instant()));
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
        Entry adjustment = entries.insert(NewEntry.of(Kind.ADJUST, memberId, originMemberId, points, actor, now).keyed(key, hash)
                .in(Channel.HQ, null, reference).because(reason));
        long entryId = adjustment.id();
        if (points > 0) {
            long balance = credit(memberId, originMemberId, entryId, points, before, now,
                    now.plus(Duration.ofDays(rules.current().rules().lotLifetimeDays())));
            return new Posted(adjustment, balance, false);
        }
        takeFromLots(memberId, entryId, -points, null);
        return new Posted(adjustment, accounts.add(memberId, before, points), false);
    }

    // ---------------------------------------------------------------- expiry

    /** Expires every lot of the member due by now, each once (its entry's key is the lot). The account row is locked. */
    long expireDue(String memberId, long balance) {
        for (PointsLots.DueLot lot : lots.lockDue(memberId, clock.instant())) {
            // The expiry belongs to the lot's side: an unmerge takes it back with the lot.
            long entryId = entries.insert(NewEntry.of(Kind.EXPIRE, memberId, lot.origin(), -lot.remaining(), "system:expiry", lot.expiresAt())
                    .keyed(LedgerRules.expiryKey(lot.id(), lots.expiriesOf(lot.id())), "expiry")).id();
            lots.use(lot.id(), entryId, lot.remaining());
            balance = accounts.add(memberId, balance, -lot.remaining());
        }
        return balance;
    }

    /** Members with lots due, for the background expiry that keeps the liability figure exact. */
    public List<String> membersWithDueLots(int limit) {
        return lots.membersWithDueLots(limit);
    }

    public void expire(String memberId) {
        ConcurrentWriteRetry.inTransaction(transactions, ATTEMPTS, status -> expireDue(memberId, lockAccount(memberId)));
    }

    // ---------------------------------------------------------------- reads

    /** The balance as of now: the cached sum less lots that expired and are not yet written off. */
    public long balanceAsOfNow(String memberId) {
        return accounts.balanceOf(memberId) - lots.dueNotWrittenOff(memberId);
    }

    public long balanceOf(String memberId) {
        return accounts.balanceOf(memberId);
    }

    /** The ledger's own sum, to prove the cached balance equal. */
    public long sumOfEntries(String memberId) {
        return entries.sumOf(memberId);
    }

    public List<Entry> entries(String memberId, int limit) {
        return entries.latest(memberId, limit);
    }

    /** A page of the ledger, newest first; the cursor is the last entry's id. */
    public Page<Entry> entries(String memberId, String cursor, int limit) {
        Optional<Long> before = Cursor.parse(cursor, 1).map(position -> Cursor.number(position.key(0)));
        return Page.of(entries.latest(memberId, before, limit + 1), limit, entry -> Cursor.of(Long.toString(entry.id())));
    }

    public List<PointsLots.Lot> openLots(String memberId) {
        return lots.open(memberId);
    }

    // ---------------------------------------------------------------- internals

    /** The posting a key already stands for, which must be the same member's (merges move postings to the survivor). */
    private Optional<IdempotentWrite.Earlier<Posted>> earlierPosting(String key, String memberId) {
        return entries.earlier(key).map(earlier -> {
            if (!earlier.result().memberId().equals(memberId)) {
                throw new BusinessKeyReusedException("The " + key.substring(0, key.indexOf(':'))
                        + " of this reference was already applied to another member");
            }
            return new IdempotentWrite.Earlier<>(earlier.fingerprint(), new Posted(earlier.result(), accounts.balanceOf(memberId), true));
        });
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
        lots.open(memberId, origin, entryId, points, earnedAt, expiresAt);
        long balance = accounts.add(memberId, balanceBefore, points);
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
        long owed = LedgerRules.debtBesideLots(lots.heldBy(survivorId), accounts.balanceOf(survivorId));
        if (owed > 0) {
            LedgerRules.payBack(lots.uncoveredDebits(survivorId), owed)
                    .forEach(payment -> takeFromLots(survivorId, payment.entryId(), payment.points(), null));
        }
    }

    /** Locks the member's account row (creating it at zero), returning the balance. Every write starts here. */
    long lockAccount(String memberId) {
        return accounts.lock(memberId);
    }

    /**
     * Takes {@code points} from the member's lots, soonest expiry first (from {@code preferredEarnEntry}'s own lot first,
     * for a reversal). What the lots cannot cover becomes the member's debt: the balance goes below zero.
     */
    void takeFromLots(String memberId, long entryId, long points, Long preferredEarnEntry) {
        LedgerRules.draw(lots.lockForDraw(memberId, preferredEarnEntry), points).forEach(take -> lots.use(take.lotId(), entryId, take.points()));
    }

    /** The kit's one fingerprint recipe over the parts that make two requests with one key the same. */
    private static String hash(Object... parts) {
        return Fingerprint.of(java.util.Arrays.asList(parts));
    }

    private static String plain(BigDecimal amount) {
        return amount == null ? null : amount.stripTrailingZeros().toPlainString();
    }
}
