package dev.santong.member.member;

import java.time.Instant;

/**
 * Something a member owns (identities, consents; the points ledger, tier and vouchers when they exist). Each part
 * says what a merge would move, moves it, moves it back on unmerge, exports it and erases its personal data, so
 * that merge, unmerge, export and erasure cover every part without knowing them.
 * <p>
 * Rows a part owns carry the member they belong to now and the member they came from ({@code origin}): a merge
 * re-points the merged member's rows at the survivor; an unmerge re-points every row whose origin is the merged
 * member, also rows written since the merge through the merged member's old id.
 */
public interface MemberPart {

    /** Stable name, used as the key in previews and exports. */
    String name();

    /** What merging {@code mergedId} into {@code survivorId} would do to this part (counts, conflicts). */
    Object preview(String survivorId, String mergedId);

    void merge(MergeContext merge);

    void unmerge(MergeContext merge);

    /** Everything this part holds on the member, as plain data for a data-subject export. */
    Object export(String memberId);

    /** Removes or irreversibly pseudonymises the member's personal data; balances and audit facts stay. */
    void erase(String memberId);

    record MergeContext(long mergeId, String survivorId, String mergedId, Instant at, String actor) {
    }
}
