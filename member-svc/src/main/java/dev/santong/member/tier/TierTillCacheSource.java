package dev.santong.member.tier;

import org.springframework.stereotype.Component;

import dev.santong.member.member.TillCacheSource;

/** A tier change changes what a till shows of the member. */
@Component
class TierTillCacheSource implements TillCacheSource {

    @Override
    public String changedSince() {
        return "SELECT member_id, since AS changed_at FROM member_tier WHERE since >= :afterTime";
    }
}
