package dev.santong.member.directory;

import java.time.Instant;
import java.util.Optional;
import java.util.function.Predicate;

import org.springframework.stereotype.Component;

import dev.santong.member.member.Channel;
import dev.santong.member.member.MemberSearch;
import dev.santong.member.member.Members;
import dev.santong.member.points.TierSource;
import dev.santong.member.segment.Segments;
import dev.santong.platform.kit.web.Cursor;
import dev.santong.platform.kit.web.FilteredPages;
import dev.santong.platform.kit.web.Page;
import io.swagger.v3.oas.annotations.media.Schema;

/**
 * Finds members for HQ. Name, phone digits and store narrow the query; tier and segment are decided by their own modules
 * for each member read, so a page may hold fewer members than asked for (only a missing {@code next} means the end).
 */
@Component
class MemberDirectory {

    @Schema(example = """
            {"id": "6d3f2b1c-0e5a-4b7e-9c1d-2a3b4c5d6e7f", "displayName": "Alice Wang", "phone": "138****8000", "tier": "GOLD", \
            "enrolledChannel": "STORE", "enrolledStore": "9", "enrolledAt": "2026-11-01T02:03:04Z"}""")
    record Listed(String id, String displayName, @Schema(description = "Masked like a till shows it") String phone, String tier,
            Channel enrolledChannel, String enrolledStore, Instant enrolledAt) {
    }

    record Query(String name, String phoneSuffix, String tier, Long segment, String store) {
    }

    private static final int BATCH = 200;
    private static final int MAX_SCANNED = 2_000;

    private final MemberSearch search;
    private final TierSource tiers;
    private final Segments segments;

    MemberDirectory(MemberSearch search, TierSource tiers, Segments segments) {
        this.search = search;
        this.tiers = tiers;
        this.segments = segments;
    }

    Page<Listed> find(Query query, String cursor, int limit) {
        Predicate<Members.MemberRow> inSegment = query.segment() == null ? member -> true : segments.membership(query.segment());
        MemberSearch.Criteria criteria = new MemberSearch.Criteria(query.name(), query.phoneSuffix(), query.store());
        return FilteredPages.read(cursor, limit, BATCH, MAX_SCANNED, after -> search.find(criteria, checked(after), BATCH), MemberSearch::keyOf,
                found -> found.stream().map(member -> listed(member, query.tier(), inSegment)).flatMap(Optional::stream).toList(),
                listed -> listed.enrolledAt() + "~" + listed.id());
    }

    private Optional<Listed> listed(MemberSearch.Found found, String wantedTier, Predicate<Members.MemberRow> inSegment) {
        Members.MemberRow member = found.member();
        String tier = tiers.currentTier(member.id()).orElse(null);
        if (wantedTier != null && !wantedTier.equals(tier) || !inSegment.test(member)) {
            return Optional.empty();
        }
        return Optional.of(new Listed(member.id(), member.displayName(), found.phone(), tier, member.enrolledChannel(), member.enrolledStore(),
                member.enrolledAt()));
    }

    private static Optional<String> checked(Optional<String> after) {
        if (after.isPresent() && !MemberSearch.isKey(after.get())) {
            throw Cursor.notGivenOut();
        }
        return after;
    }
}
