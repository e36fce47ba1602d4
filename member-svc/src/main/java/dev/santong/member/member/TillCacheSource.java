package dev.santong.member.member;

import java.util.List;

/**
 * A module whose rows change what a till shows of a member (identities, balance, tier, vouchers) hands the till cache
 * the query of those changes over its own tables, so the cache follows every module without reading their tables.
 * The queries are combined into statements with the parameters {@code :afterTime}, {@code :store} and {@code :since}.
 */
public interface TillCacheSource {

    /**
     * A module's rows that tie a member to a store: rows of {@code table} where {@code condition} holds (with
     * {@code :store} and {@code :since}), naming the member in {@code memberColumn}. The feed reads them in member order
     * and asks them about one member, so an index should lead with the condition's equality columns, then the member.
     */
    record StoreTie(String table, String memberColumn, String condition) {
    }

    /**
     * SQL selecting {@code member_id} and {@code changed_at} (named so) of rows changed at or after {@code :afterTime},
     * each part by an index on its time.
     */
    String changedSince();

    /** How this module ties members to store {@code :store} since {@code :since}, if it does. */
    default List<StoreTie> storeTies() {
        return List.of();
    }
}
