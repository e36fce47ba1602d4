package dev.santong.member.tillcache;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import dev.santong.member.member.ContactNormaliser;
import dev.santong.member.member.IdentityType;
import dev.santong.member.member.MemberReading;
import dev.santong.member.member.Members;
import dev.santong.member.voucher.Vouchers;
import dev.santong.member.member.Members.MemberRow;
import dev.santong.member.member.PosLookup;
import dev.santong.member.member.TillCacheSource;
import dev.santong.platform.kit.money.Money;
import dev.santong.platform.kit.money.MoneyInVersion1;
import dev.santong.platform.kit.persistence.SqlTime;
import dev.santong.platform.kit.problem.InvalidRequestException;

/**
 * A store's till cache, as changes since a cursor. A member appears again whenever anything a till shows changes
 * (identities, balance, tier, vouchers, merge or erasure); a merged or erased member comes as a removal.
 * <p>
 * The cursor is the change time and member id of the last entry; changes younger than {@link #SETTLE} are held back so
 * a write still committing with an earlier time is never skipped.
 * <p>
 * Lookup keys are {@code hex(HMAC-SHA256(key, "<TYPE>:<normalised value>"))} (PHONE in E.164, LOYALTY_CARD and
 * POS_MEMBER_CODE upper-case without spaces or dashes) under the store's current {@link TillKeys key}, which every page
 * carries: the till computes the same for what it scans or is told and matches, without holding numbers. When the key
 * rotates, a cursor of the old key starts the feed again from the beginning ({@code resync}): the till drops what it
 * holds and takes the whole cache under the new key.
 */
@Component
class TillCacheFeed {

    static final Duration SETTLE = Duration.ofSeconds(5);
    private static final Duration REGULARS = Duration.ofDays(365);
    private static final List<IdentityType> TILL_KEYS = List.of(IdentityType.PHONE, IdentityType.LOYALTY_CARD, IdentityType.POS_MEMBER_CODE);

    /**
     * @param codeKey  the key of {@code "VOUCHER:" + code}: the till checks a code the shopper presents offline without holding codes
     * @param codeHint the code's last four characters
     */
    @io.swagger.v3.oas.annotations.media.Schema(name = "TillCacheVoucher")
    public record Voucher(String codeKey, String codeHint, String kind,
            @MoneyInVersion1(amount = "amount", currency = "currency") Money value, BigDecimal percentOff,
            String service, Instant validFrom, Instant validUntil) {
    }

    /** @param status ACTIVE, or REMOVED (merged into {@code mergedInto}, or erased): the till drops it */
    @io.swagger.v3.oas.annotations.media.Schema(name = "TillCacheMember")
    public record Entry(String memberId, String status, String mergedInto, List<String> lookupKeys, String maskedPhone, String nameInitial,
            Map<String, Object> facts, List<Voucher> vouchers) {
    }

    /** The key the page's lookup keys are made with; the till needs it to match. */
    public record LookupKey(String id, String algorithm, String secret, Instant validUntil) {
    }

    /** @param resync the cursor was of an older key: this page starts the cache again, the till drops what it holds */
    @io.swagger.v3.oas.annotations.media.Schema(example = """
            {"cursor": "2970:1796535010348195~01a249d4-c2c0-7b91-bea0-f02100e921ea", "members": [{"memberId": "01a20bc5-f360-7b8a-b1b7-947ef07e36c8", \
            "status": "ACTIVE", "mergedInto": null, "lookupKeys": ["6b4e6e078f36d2e072ba83af3ed133d178fa2118eddc20399b886d9dba6934b0"], \
            "maskedPhone": "137****0001", "nameInitial": "A*", "facts": {"pointsBalance": 2388, "tier": "SILVER"}, "vouchers": [{\
            "codeKey": "0c1d5e8a9b7f6e4d3c2b1a0f9e8d7c6b5a4f3e2d1c0b9a8f7e6d5c4b3a2f1e0d", "codeHint": "41PR", "kind": "FIXED_AMOUNT", \
            "value": {"amount": "50.00", "currency": "CNY"}, "percentOff": null, "service": null, "validFrom": "2026-11-01T00:00:00Z", \
            "validUntil": "2026-12-31T16:00:00Z"}]}], "more": true, "key": {"id": "9:2970", "algorithm": "HMAC-SHA256", \
            "secret": "f83b6e5060df9bbb24ed55e1b29a0e2a6b4336e804e0b652705e3a80f401ab7d", "validUntil": "2026-12-10T00:00:00Z"}, "resync": false}""")
    public record Page(String cursor, List<Entry> members, boolean more, LookupKey key, boolean resync) {
    }

    private final JdbcClient jdbc;
    private final Members members;
    private final List<PosLookup.TillFacts> tillFacts;
    private final Vouchers vouchers;
    private final Clock clock;
    private final TillKeys keys;
    /** Every module's changes a till sees, and the members a store's cache holds: composed once from their sources. */
    private final String changes;
    private final String storeMembers;

    TillCacheFeed(JdbcClient jdbc, Members members, List<PosLookup.TillFacts> tillFacts, List<TillCacheSource> sources, Vouchers vouchers,
            Clock clock, TillKeys keys) {
        this.keys = keys;
        this.jdbc = jdbc;
        this.vouchers = vouchers;
        this.changes = sources.stream().map(TillCacheSource::changedSince).collect(Collectors.joining("\nUNION ALL "));
        this.storeMembers = sources.stream().flatMap(source -> source.storeMembers().stream()).collect(Collectors.joining("\nUNION "));
        this.members = members;
        this.tillFacts = tillFacts;
        this.clock = clock;
    }

    public Page after(String storeId, String cursor, int limit) {
        Instant now = clock.instant();
        Instant upTo = now.minus(SETTLE);
        TillKeys.Key key = keys.current(storeId);
        Instant afterTime = Instant.EPOCH;
        String afterMember = "";
        boolean resync = false;
        if (cursor != null && !cursor.isBlank()) {
            // <key period>:<change time in µs>~<member id>
            int colon = cursor.indexOf(':');
            int separator = cursor.indexOf('~');
            try {
                if (separator < 0) {
                    throw new IllegalArgumentException("no member part");
                }
                // A cursor of an older key (or from before keys) starts the cache again under the current one.
                if (colon < 0 || colon > separator || Long.parseLong(cursor.substring(0, colon)) != key.period()) {
                    resync = true;
                } else {
                    afterTime = Instant.ofEpochSecond(0, Long.parseLong(cursor.substring(colon + 1, separator)) * 1_000);
                    afterMember = cursor.substring(separator + 1);
                }
            } catch (RuntimeException e) {
                throw new InvalidRequestException("after", "is not a cursor this feed gave out");
            }
        }
        // Every change a till sees, by member: enrolment, identities, balance, tier, vouchers, merges and erasure. A member
        // with a change still settling waits whole: sent with an older change, it would come again for the younger one.
        record Changed(String memberId, Instant at) {
        }
        List<Changed> changed = jdbc.sql("SELECT member_id, MAX(changed_at) AS changed_at FROM (\n" + changes + "\n) changes\n" + """
                WHERE member_id IN (
                """ + storeMembers + """
                )
                GROUP BY member_id
                HAVING MAX(changed_at) <= :upTo
                    AND (MAX(changed_at) > :afterTime OR (MAX(changed_at) = :afterTime AND member_id > :afterMember))
                ORDER BY MAX(changed_at), member_id
                LIMIT :n""")
                .param("upTo", SqlTime.of(upTo)).param("store", storeId).param("since", SqlTime.of(now.minus(REGULARS)))
                .param("afterTime", SqlTime.of(afterTime)).param("afterMember", afterMember).param("n", limit + 1)
                .query((rs, n) -> new Changed(rs.getString("member_id"), rs.getTimestamp("changed_at").toInstant()))
                .list();
        boolean more = changed.size() > limit;
        List<Changed> page = more ? changed.subList(0, limit) : changed;
        List<Entry> entries = new ArrayList<>();
        for (Changed row : page) {
            entries.add(entry(row.memberId(), now, key));
        }
        String next = page.isEmpty() ? (resync || cursor == null || cursor.isBlank() ? key.period() + ":0~" : cursor)
                : key.period() + ":" + micros(page.getLast().at()) + "~" + page.getLast().memberId();
        return new Page(next, entries, more, new LookupKey(key.id(), key.algorithm(), key.secret(), key.validUntil()), resync);
    }

    private Entry entry(String memberId, Instant now, TillKeys.Key key) {
        MemberRow member = members.findMember(memberId).orElse(null);
        if (member == null || !Members.ACTIVE.equals(member.status())) {
            String survivor = member != null && Members.MERGED.equals(member.status()) ? members.resolve(memberId).id() : null;
            return new Entry(memberId, "REMOVED", survivor, List.of(), null, null, Map.of(), List.of());
        }
        List<String> lookupKeys = new ArrayList<>();
        String maskedPhone = null;
        for (Members.IdentityRow identity : members.identitiesOf(memberId)) {
            if (TILL_KEYS.contains(identity.type())) {
                lookupKeys.add(key.of(identity.type().name() + ":" + identity.value()));
            }
            if (identity.type() == IdentityType.PHONE && maskedPhone == null) {
                maskedPhone = ContactNormaliser.maskPhone(identity.value());
            }
        }
        Map<String, Object> facts = new LinkedHashMap<>();
        tillFacts.forEach(contributor -> contributor.addTo(memberId, facts));
        List<Voucher> vouchers = this.vouchers.usableInStoresAt(memberId, now).stream()
                .map(voucher -> new Voucher(key.of("VOUCHER:" + voucher.code()), voucher.codeHint(), voucher.kind().name(), voucher.value(),
                        voucher.percent(), voucher.service(), voucher.validFrom(), voucher.validUntil()))
                .toList();
        return new Entry(memberId, "ACTIVE", null, lookupKeys, maskedPhone, MemberReading.nameInitial(member.displayName()), facts, vouchers);
    }

    private static long micros(Instant instant) {
        return instant.getEpochSecond() * 1_000_000 + instant.getNano() / 1_000;
    }
}
