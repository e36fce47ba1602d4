package dev.santong.member.points;

import java.time.Clock;
import java.util.Optional;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import dev.santong.platform.kit.persistence.SqlTime;

/**
 * A member's cached balance ({@code points_account}), written in the transaction of every entry; its row is the lock
 * every ledger write takes first, so two writes for one member never interleave.
 */
@Component
class PointsAccounts {

    private final JdbcClient jdbc;
    private final Clock clock;

    PointsAccounts(JdbcClient jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    /** Locks the member's account row (creating it at zero), returning the balance. */
    long lock(String memberId) {
        Optional<Long> balance = jdbc.sql("SELECT balance FROM points_account WHERE member_id = :m FOR UPDATE").param("m", memberId)
                .query(Long.class).optional();
        if (balance.isPresent()) {
            return balance.get();
        }
        // First write for this member: create the row (a concurrent first write makes this a no-op), then lock it.
        jdbc.sql("INSERT INTO points_account (member_id, balance, updated_at) VALUES (:m, 0, :at) ON DUPLICATE KEY UPDATE member_id = member_id")
                .param("m", memberId).param("at", SqlTime.of(clock.instant())).update();
        return jdbc.sql("SELECT balance FROM points_account WHERE member_id = :m FOR UPDATE").param("m", memberId).query(Long.class).single();
    }

    /** The row is locked by this transaction, so the new balance is the old one plus the change. */
    long add(String memberId, long balanceBefore, long delta) {
        if (delta != 0) {
            jdbc.sql("UPDATE points_account SET balance = balance + :d, updated_at = :at WHERE member_id = :m")
                    .param("d", delta).param("at", SqlTime.of(clock.instant())).param("m", memberId).update();
        }
        return balanceBefore + delta;
    }

    /** Spends {@code points} only if the balance covers them: the database, not Java, refuses an overdraft. */
    boolean takeIfCovered(String memberId, long points) {
        return jdbc.sql("UPDATE points_account SET balance = balance - :p, updated_at = :at WHERE member_id = :m AND balance >= :p")
                .param("p", points).param("at", SqlTime.of(clock.instant())).param("m", memberId).update() == 1;
    }

    long balanceOf(String memberId) {
        return jdbc.sql("SELECT balance FROM points_account WHERE member_id = :m").param("m", memberId).query(Long.class).optional().orElse(0L);
    }
}
