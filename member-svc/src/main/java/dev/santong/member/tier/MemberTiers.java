package dev.santong.member.tier;

import java.math.BigDecimal;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import dev.santong.member.member.PosLookup;
import dev.santong.member.points.PointsFigures;
import dev.santong.member.points.PurchaseFacts;
import dev.santong.member.points.PurchaseRecorded;
import dev.santong.member.points.TierSource;
import dev.santong.platform.kit.money.Money;
import dev.santong.platform.kit.money.MoneyInVersion1;
import dev.santong.platform.kit.persistence.SqlTime;

/**
 * Members' tiers. A purchase that makes a member qualify for a higher tier upgrades them at once. A reached tier is
 * held for {@link TierProgramme#holdMonths()} months (the grace rule); only the review at a monthly period end after
 * that may lower it, to what the member then qualifies for. Qualification counts the last 12 months in every channel:
 * net spend (purchases less returns) in the tier's currency, or points earned (less points reversed by returns).
 */
@Component
class MemberTiers implements TierSource, PosLookup.TillFacts {

    public enum Cause { UPGRADE, DOWNGRADE, KEPT, MERGE, UNMERGE }

    /** @param spend12Months net of returns, in the currency of the tiers' spend thresholds; none when no tier has one */
    public record Status(String memberId, String tier, String name, Instant since, Instant heldUntil,
            @MoneyInVersion1 Money spend12Months,
            long points12Months) {
    }

    public record Change(String fromTier, String toTier, Cause cause, Instant at) {
    }

    record Held(String tier, Instant since, Instant heldUntil) {
    }

    private static final Duration QUALIFYING_WINDOW = Duration.ofDays(365);

    private final JdbcClient jdbc;
    private final TierProgramme programme;
    private final Clock clock;
    private final PurchaseFacts purchases;
    private final PointsFigures pointsFigures;

    MemberTiers(JdbcClient jdbc, TierProgramme programme, Clock clock, PurchaseFacts purchases, PointsFigures pointsFigures) {
        this.jdbc = jdbc;
        this.purchases = purchases;
        this.pointsFigures = pointsFigures;
        this.programme = programme;
        this.clock = clock;
    }

    @Override
    public Optional<String> currentTier(String memberId) {
        return held(memberId).map(Held::tier).or(() -> base().map(TierDefinition::code));
    }

    @Override
    public void addTo(String memberId, Map<String, Object> facts) {
        currentTier(memberId).ifPresent(tier -> facts.put("tier", tier));
    }

    /** Upgrade at once when a purchase (or a return) changed what the member qualifies for; never a downgrade here. */
    @EventListener
    void onPurchase(PurchaseRecorded purchase) {
        requalify(purchase.memberId(), clock.instant(), Cause.UPGRADE, null);
    }

    public Optional<Status> status(String memberId) {
        Optional<String> tier = currentTier(memberId);
        if (tier.isEmpty()) {
            return Optional.empty();
        }
        Instant now = clock.instant();
        Optional<Held> held = held(memberId);
        String name = programme.find(tier.get()).map(TierDefinition::name).orElse(tier.get());
        Money spend = programme.definitions().stream().map(TierDefinition::spendCurrency).filter(java.util.Objects::nonNull)
                .findFirst().map(currency -> Money.of(spend(memberId, currency, now), currency)).orElse(null);
        return Optional.of(new Status(memberId, tier.get(), name, held.map(Held::since).orElse(null),
                held.map(Held::heldUntil).orElse(null), spend, points(memberId, now)));
    }

    public List<Change> history(String memberId) {
        return jdbc.sql("SELECT from_tier, to_tier, cause, at FROM tier_change WHERE member_id = :m ORDER BY at, id")
                .param("m", memberId)
                .query((rs, n) -> new Change(rs.getString("from_tier"), rs.getString("to_tier"), Cause.valueOf(rs.getString("cause")),
                        rs.getTimestamp("at").toInstant()))
                .list();
    }

    /** The period-end review: members whose hold has ended get the tier they qualify for now (possibly lower). */
    public int review(Instant at) {
        List<String> due = jdbc.sql("SELECT member_id FROM member_tier WHERE held_until <= :at")
                .param("at", SqlTime.of(at)).query(String.class).list();
        int changed = 0;
        for (String memberId : due) {
            Held held = held(memberId).orElseThrow();
            TierDefinition qualifying = qualifying(memberId, at);
            int heldRank = programme.find(held.tier()).map(TierDefinition::rank).orElse(Integer.MAX_VALUE);
            Instant until = holdFrom(at);
            if (qualifying.rank() < heldRank) {
                setTier(memberId, memberId, held.tier(), qualifying.code(), at, until, Cause.DOWNGRADE, null, held.heldUntil());
                changed++;
            } else {
                jdbc.sql("UPDATE member_tier SET held_until = :until WHERE member_id = :m")
                        .param("until", SqlTime.of(until)).param("m", memberId).update();
                recordChange(memberId, memberId, held.tier(), held.tier(), Cause.KEPT, null, at, held.heldUntil());
            }
        }
        return changed;
    }

    /** Upgrades the member if their last 12 months now reach a higher tier than the one held. */
    void requalify(String memberId, Instant at, Cause cause, Long mergeId) {
        Optional<TierDefinition> base = base();
        if (base.isEmpty()) {
            return;
        }
        Optional<Held> held = held(memberId);
        int heldRank = held.flatMap(h -> programme.find(h.tier())).map(TierDefinition::rank).orElse(0);
        int topRank = programme.definitions().stream().mapToInt(TierDefinition::rank).max().orElse(0);
        if (held.isPresent() && heldRank >= topRank) {
            // Nothing higher to reach: the year's figures need not be summed.
            return;
        }
        TierDefinition qualifying = qualifying(memberId, at);
        if (qualifying.rank() > heldRank || (held.isEmpty() && qualifying.rank() > 0)) {
            setTier(memberId, memberId, held.map(Held::tier).orElse(base.get().code()), qualifying.code(), at, holdFrom(at), cause, mergeId,
                    held.map(Held::heldUntil).orElse(null));
        }
    }

    TierDefinition qualifying(String memberId, Instant at) {
        List<TierDefinition> tiers = programme.definitions();
        long points = points(memberId, at);
        // The spend in each currency the tiers name, summed once however many tiers name it.
        Map<String, BigDecimal> spends = new java.util.HashMap<>();
        return tiers.stream()
                .filter(tier -> tier.qualifies(tier.spendCurrency() == null ? BigDecimal.ZERO
                        : spends.computeIfAbsent(tier.spendCurrency(), currency -> spend(memberId, currency, at)), points))
                .max(Comparator.comparingInt(TierDefinition::rank)).orElseThrow();
    }

    Optional<Held> held(String memberId) {
        return jdbc.sql("SELECT tier_code, since, held_until FROM member_tier WHERE member_id = :m").param("m", memberId)
                .query((rs, n) -> new Held(rs.getString("tier_code"), rs.getTimestamp("since").toInstant(),
                        rs.getTimestamp("held_until").toInstant()))
                .optional();
    }

    void setTier(String memberId, String originMemberId, String from, String to, Instant since, Instant heldUntil, Cause cause,
            Long mergeId, Instant fromHeldUntil) {
        jdbc.sql("""
                INSERT INTO member_tier (member_id, tier_code, since, held_until) VALUES (:m, :t, :since, :until)
                ON DUPLICATE KEY UPDATE tier_code = VALUES(tier_code), since = VALUES(since), held_until = VALUES(held_until)""")
                .param("m", memberId).param("t", to).param("since", SqlTime.of(since)).param("until", SqlTime.of(heldUntil)).update();
        recordChange(memberId, originMemberId, from, to, cause, mergeId, since, fromHeldUntil);
    }

    void clearTier(String memberId) {
        jdbc.sql("DELETE FROM member_tier WHERE member_id = :m").param("m", memberId).update();
    }

    private void recordChange(String memberId, String origin, String from, String to, Cause cause, Long mergeId, Instant at,
            Instant fromHeldUntil) {
        jdbc.sql("""
                INSERT INTO tier_change (member_id, origin_member_id, from_tier, to_tier, cause, from_held_until, merge_id, at)
                VALUES (:m, :o, :from, :to, :cause, :fromHeld, :merge, :at)""")
                .param("m", memberId).param("o", origin).param("from", from).param("to", to).param("cause", cause.name())
                .param("fromHeld", SqlTime.of(fromHeldUntil)).param("merge", mergeId).param("at", SqlTime.of(at)).update();
    }

    private Optional<TierDefinition> base() {
        return programme.definitions().stream().filter(TierDefinition::isBase).findFirst();
    }

    /** The hold ends at the first monthly period end at least holdMonths away: reviews happen on the 1st (UTC). */
    private Instant holdFrom(Instant at) {
        return at.atZone(ZoneOffset.UTC).plusMonths(programme.holdMonths()).plusMonths(1).withDayOfMonth(1).toLocalDate()
                .atStartOfDay(ZoneOffset.UTC).toInstant();
    }

    BigDecimal spend(String memberId, String currency, Instant at) {
        return purchases.netSpend(memberId, currency, at.minus(QUALIFYING_WINDOW), at);
    }

    long points(String memberId, Instant at) {
        return pointsFigures.earned(memberId, at.minus(QUALIFYING_WINDOW), at);
    }

    Optional<Instant> heldUntilBeforeMerge(String memberId, long mergeId) {
        return jdbc.sql("SELECT from_held_until FROM tier_change WHERE member_id = :m AND merge_id = :merge AND cause = 'MERGE'")
                .param("m", memberId).param("merge", mergeId).query(Timestamp.class).optional().map(Timestamp::toInstant);
    }

    Optional<String> tierBeforeMerge(String memberId, long mergeId) {
        return jdbc.sql("SELECT from_tier FROM tier_change WHERE member_id = :m AND merge_id = :merge AND cause = 'MERGE'")
                .param("m", memberId).param("merge", mergeId).query(String.class).optional();
    }
}
