package dev.santong.member.points;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

import dev.santong.member.member.Channel;
import dev.santong.member.points.PointsLedger.Entry;
import dev.santong.member.points.PointsLedger.Kind;
import dev.santong.platform.kit.money.Money;

/**
 * A ledger line about to be written, built by name ({@code of(...).keyed(...).in(...)}) instead of sixteen positional
 * arguments, and turned into the {@link Entry} the caller answers with once the database gave it an id.
 */
record NewEntry(String memberId, String originMemberId, Kind kind, long points, String businessKey, String fingerprint,
        Channel channel, String storeId, String reference, BigDecimal amount, String currency, Long relatedEntryId,
        Integer rulesVersion, String reason, String actor, Instant occurredAt) {

    /** An HQ line of the member (and the side of a merge it belongs to); the rest is added by name. */
    static NewEntry of(Kind kind, String memberId, String originMemberId, long points, String actor, Instant occurredAt) {
        return new NewEntry(memberId, originMemberId, kind, points, null, null, Channel.HQ, null, null, null, null, null, null, null,
                actor, occurredAt);
    }

    NewEntry keyed(String key, String requestFingerprint) {
        return new NewEntry(memberId, originMemberId, kind, points, key, requestFingerprint, channel, storeId, reference, amount, currency,
                relatedEntryId, rulesVersion, reason, actor, occurredAt);
    }

    /** Where it happened: the channel, the store (for a store channel) and the purchase or return reference. */
    NewEntry in(Channel where, String store, String ref) {
        return new NewEntry(memberId, originMemberId, kind, points, businessKey, fingerprint, where, store, ref, amount, currency,
                relatedEntryId, rulesVersion, reason, actor, occurredAt);
    }

    NewEntry amount(BigDecimal value, String inCurrency) {
        return new NewEntry(memberId, originMemberId, kind, points, businessKey, fingerprint, channel, storeId, reference, value, inCurrency,
                relatedEntryId, rulesVersion, reason, actor, occurredAt);
    }

    /** The entry this one reverses or gives back. */
    NewEntry relatedTo(long entryId) {
        return new NewEntry(memberId, originMemberId, kind, points, businessKey, fingerprint, channel, storeId, reference, amount, currency,
                entryId, rulesVersion, reason, actor, occurredAt);
    }

    NewEntry underRules(int version) {
        return new NewEntry(memberId, originMemberId, kind, points, businessKey, fingerprint, channel, storeId, reference, amount, currency,
                relatedEntryId, version, reason, actor, occurredAt);
    }

    NewEntry because(String why) {
        return new NewEntry(memberId, originMemberId, kind, points, businessKey, fingerprint, channel, storeId, reference, amount, currency,
                relatedEntryId, rulesVersion, why, actor, occurredAt);
    }

    /** As stored (DECIMAL(14,2), DATETIME(6)), so the answer matches what a later read or a replay returns. */
    Entry written(long id, Instant recordedAt) {
        BigDecimal storedAmount = amount == null ? null : amount.setScale(2, RoundingMode.HALF_UP);
        return new Entry(id, memberId, originMemberId, kind, points, businessKey, channel, storeId, reference, Money.ofNullable(storedAmount, currency),
                relatedEntryId, rulesVersion, reason, occurredAt.truncatedTo(ChronoUnit.MICROS), recordedAt.truncatedTo(ChronoUnit.MICROS));
    }
}
