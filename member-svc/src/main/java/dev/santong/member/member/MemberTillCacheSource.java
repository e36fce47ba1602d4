package dev.santong.member.member;

import java.util.List;

import org.springframework.stereotype.Component;

/** Enrolment, new identities, merges and erasures change what a till shows; a store's own enrolments are its members. */
@Component
class MemberTillCacheSource implements TillCacheSource {

    @Override
    public String changedSince() {
        return """
                SELECT id AS member_id, enrolled_at AS changed_at FROM member WHERE enrolled_at >= :afterTime
                UNION ALL SELECT member_id, first_seen_at FROM member_identity WHERE first_seen_at >= :afterTime
                UNION ALL SELECT member_id, at FROM member_audit WHERE at >= :afterTime""";
    }

    @Override
    public List<StoreTie> storeTies() {
        return List.of(new StoreTie("member", "id", "enrolled_store = :store"));
    }
}
