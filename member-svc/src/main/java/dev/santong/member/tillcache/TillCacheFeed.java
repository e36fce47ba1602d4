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
 * A store's till cache: a first sync takes the store's members as they are, page by page in id order, then the
 * changes since the sync began; every sync after it takes the changes since its cursor. A member appears again whenever
 * anything a till shows changes (identities, balance, tier, vouchers, merge or erasure); a merged or erased member
 * comes as a removal.
 * <p>
 * The cursor is the change time and member id of the last entry; changes younger than {@link #SETTLE} are held back so
 * a write still committing with an earlier time is never skipped. Both phases read by index, so a page costs what it
 * returns, not the number of the brand's members or changes.
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
    /**
     * Every module's changes a till sees; a store's members from {@code :afterMember} on, by id; whether
     * {@code latest.member_id} is one: composed once from their sources.
     */
    private final String changes;
    private final String storeMembersFrom;
    private final String tiedToStore;

    TillCacheFeed(JdbcClient jdbc, Members members, List<PosLookup.TillFacts> tillFacts, List<TillCacheSource> sources, Vouchers vouchers,
            Clock clock, TillKeys keys) {
        this.keys = keys;
        this.jdbc = jdbc;
        this.vouchers = vouchers;
        this.changes = sources.stream().map(TillCacheSource::changedSince).collect(Collectors.joining("\nUNION ALL "));
        List<TillCacheSource.StoreTie> ties = sources.stream().flatMap(source -> source.storeTies().stream()).toList();
        this.storeMembersFrom = ties.stream()
                .map(tie -> "(SELECT DISTINCT %2$s AS member_id FROM %1$s WHERE %3$s AND %2$s > :afterMember ORDER BY %2$s LIMIT :n)"
                        .formatted(tie.table(), tie.memberColumn(), tie.condition()))
                .collect(Collectors.joining("\nUNION "));
        this.tiedToStore = ties.stream()
                .map(tie -> "EXISTS (SELECT 1 FROM %1$s WHERE %3$s AND %2$s = latest.member_id)".formatted(tie.table(), tie.memberColumn(), tie.condition()))
                .collect(Collectors.joining("\n    OR "));
        this.members = members;
        this.tillFacts = tillFacts;
        this.clock = clock;
    }

    public Page after(String storeId, String cursor, int limit) {
        Instant now = clock.instant();
        Instant upTo = now.minus(SETTLE);
        TillKeys.Key key = keys.current(storeId);
        Position from = Position.parse(cursor, key, upTo);
        return from.snapshot() ? snapshot(storeId, from, limit, now, key) : changes(storeId, from, limit, now, upTo, key);
    }

    /**
     * Where a till is: in its first sync, the store's members in id order and then the changes since {@code time} (when
     * the sync began, less the settle time); after it, the changes since {@code time}, then those of that time after
     * {@code member}.
     */
    private record Position(boolean snapshot, Instant time, String member, boolean resync) {

        // <key period>:<change time in µs>~<member id>, or <key period>:S<sync start in µs>~<member id> during a first sync.
        static Position parse(String cursor, TillKeys.Key key, Instant upTo) {
            if (cursor == null || cursor.isBlank()) {
                return new Position(true, upTo, "", false);
            }
            int colon = cursor.indexOf(':');
            int separator = cursor.indexOf('~');
            try {
                if (separator < 0) {
                    throw new IllegalArgumentException("no member part");
                }
                // A cursor of an older key (or from before keys) starts the cache again under the current one.
                if (colon < 0 || colon > separator || Long.parseLong(cursor.substring(0, colon)) != key.period()) {
                    return new Position(true, upTo, "", true);
                }
                boolean snapshot = cursor.charAt(colon + 1) == 'S';
                long micros = Long.parseLong(cursor.substring(colon + (snapshot ? 2 : 1), separator));
                Instant time = Instant.ofEpochSecond(0, Math.multiplyExact(micros, 1_000L));
                // Every sync of a key began within its period, so a time before it is of no sync this feed gave out
                // (a first cursor of the earlier feed, or made up): it would read every change since then, page after page.
                if (time.isBefore(key.validFrom().minus(SETTLE))) {
                    return new Position(true, upTo, "", true);
                }
                return new Position(snapshot, time, cursor.substring(separator + 1), false);
            } catch (RuntimeException e) {
                throw new InvalidRequestException("after", "is not a cursor this feed gave out");
            }
        }

        String next(long period, String lastMember) {
            return period + ":" + (snapshot ? "S" : "") + micros(time) + "~" + lastMember;
        }
    }

    /**
     * A first sync: the store's members as they are now, by id from the tables that tie them to the store, so each page
     * costs what it returns. Who changes meanwhile comes again in the changes since the sync began.
     */
    private Page snapshot(String storeId, Position from, int limit, Instant now, TillKeys.Key key) {
        List<String> ids = jdbc.sql(storeMembersFrom + "\nORDER BY member_id LIMIT :n")
                .param("store", storeId).param("since", SqlTime.of(now.minus(REGULARS))).param("afterMember", from.member()).param("n", limit + 1)
                .query(String.class).list();
        boolean more = ids.size() > limit;
        List<String> page = more ? ids.subList(0, limit) : ids;
        List<Entry> entries = new ArrayList<>();
        for (String memberId : page) {
            Entry entry = entry(memberId, now, key);
            // A merged or erased member is not in a cache being filled from nothing.
            if ("ACTIVE".equals(entry.status())) {
                entries.add(entry);
            }
        }
        String next = more ? from.next(key.period(), page.getLast()) : new Position(false, from.time(), "", false).next(key.period(), "");
        return new Page(next, entries, more, lookupKey(key), from.resync());
    }

    /**
     * Every change a till sees since the cursor, by member: enrolment, identities, balance, tier, vouchers, merges and
     * erasure. A member with a change still settling waits whole: sent with an older change, it would come again for the
     * younger one.
     */
    private Page changes(String storeId, Position from, int limit, Instant now, Instant upTo, TillKeys.Key key) {
        record Changed(String memberId, Instant at) {
        }
        List<Changed> changed = jdbc.sql("SELECT member_id, changed_at FROM (SELECT member_id, MAX(changed_at) AS changed_at FROM (\n" + changes
                + "\n) changes GROUP BY member_id) latest\n" + """
                WHERE changed_at <= :upTo AND (changed_at > :afterTime OR (changed_at = :afterTime AND member_id > :afterMember))
                    AND (""" + tiedToStore + """
                )
                ORDER BY changed_at, member_id
                LIMIT :n""")
                .param("upTo", SqlTime.of(upTo)).param("store", storeId).param("since", SqlTime.of(now.minus(REGULARS)))
                .param("afterTime", SqlTime.of(from.time())).param("afterMember", from.member()).param("n", limit + 1)
                .query((rs, n) -> new Changed(rs.getString("member_id"), rs.getTimestamp("changed_at").toInstant()))
                .list();
        boolean more = changed.size() > limit;
        List<Changed> page = more ? changed.subList(0, limit) : changed;
        List<Entry> entries = new ArrayList<>();
        for (Changed row : page) {
            entries.add(entry(row.memberId(), now, key));
        }
        String next = page.isEmpty() ? from.next(key.period(), from.member())
                : new Position(false, page.getLast().at(), "", false).next(key.period(), page.getLast().memberId());
        return new Page(next, entries, more, lookupKey(key), from.resync());
    }

    private static LookupKey lookupKey(TillKeys.Key key) {
        return new LookupKey(key.id(), key.algorithm(), key.secret(), key.validUntil());
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
