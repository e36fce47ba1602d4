package dev.santong.member.member;

import java.time.Clock;
import java.time.Duration;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import dev.santong.platform.kit.persistence.SqlTime;

/**
 * Whether a shopper was in front of a store's till a short while ago: the till looked them up by an identity they
 * presented (phone, card, member code, app code) or enrolled them there. A store reaches a member only so.
 */
@Component
class TillPresence {

    private final JdbcClient jdbc;
    private final Clock clock;
    private final Duration window;

    TillPresence(JdbcClient jdbc, Clock clock, @Value("${santong.member.till-presence:PT30M}") Duration window) {
        this.jdbc = jdbc;
        this.clock = clock;
        this.window = window;
    }

    boolean presented(String memberId, String store) {
        String since = SqlTime.of(clock.instant().minus(window));
        return jdbc.sql("""
                SELECT EXISTS (SELECT 1 FROM identity_match WHERE member_id = :m AND store_id = :store AND matched_at >= :since)
                    OR EXISTS (SELECT 1 FROM member WHERE id = :m AND enrolled_store = :store AND enrolled_at >= :since)""")
                .param("m", memberId).param("store", store).param("since", since).query(Boolean.class).single();
    }
}
