package dev.santong.member.member;

import java.util.Optional;

/**
 * A module whose rows change what a till shows of a member (identities, balance, tier, vouchers) hands the till cache
 * the query of those changes over its own tables, so the cache follows every module without reading their tables.
 * The queries are combined into one statement with the parameters {@code :afterTime}, {@code :store} and {@code :since}.
 */
public interface TillCacheSource {

    /** SQL selecting {@code member_id} and {@code changed_at} (named so) of rows changed at or after {@code :afterTime}. */
    String changedSince();

    /** SQL selecting the {@code member_id} of members this module ties to store {@code :store} since {@code :since}, if any. */
    default Optional<String> storeMembers() {
        return Optional.empty();
    }
}
