package dev.santong.member.points;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.jdbc.support.KeyHolder;
import org.springframework.stereotype.Component;

import dev.santong.member.member.Channel;
import dev.santong.member.points.PointsLedger.Entry;
import dev.santong.member.points.PointsLedger.Kind;
import dev.santong.platform.kit.idempotency.IdempotentWrite;
import dev.santong.platform.kit.money.Money;
import dev.santong.platform.kit.persistence.SqlTime;

/** The ledger's entries ({@code points_entry}): written once, never updated or deleted, each under its business key. */
@Component
class PointsEntries {

    private final JdbcClient jdbc;
    private final Clock clock;

    PointsEntries(JdbcClient jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    /** Writes the line, answering the entry as stored (with its id and the time it was recorded). */
    Entry insert(NewEntry line) {
        KeyHolder id = new GeneratedKeyHolder();
        Instant recordedAt = clock.instant();
        jdbc.sql("""
                INSERT INTO points_entry (member_id, origin_member_id, kind, points, business_key, request_hash, channel, store_id,
                    reference, amount, currency, related_entry_id, rules_version, reason, actor, occurred_at, recorded_at)
                VALUES (:m, :o, :kind, :points, :key, :hash, :channel, :store, :reference, :amount, :currency, :related, :rules,
                    :reason, :actor, :occurred, :recorded)""")
                .param("m", line.memberId()).param("o", line.originMemberId()).param("kind", line.kind().name())
                .param("points", line.points()).param("key", line.businessKey()).param("hash", line.fingerprint())
                .param("channel", line.channel().name()).param("store", line.storeId()).param("reference", line.reference())
                .param("amount", line.amount()).param("currency", line.currency()).param("related", line.relatedEntryId())
                .param("rules", line.rulesVersion()).param("reason", line.reason()).param("actor", line.actor())
                .param("occurred", SqlTime.of(line.occurredAt())).param("recorded", SqlTime.of(recordedAt))
                .update(id);
        return line.written(id.getKey().longValue(), recordedAt);
    }

    Optional<Entry> byKey(String key) {
        return jdbc.sql("SELECT * FROM points_entry WHERE business_key = :k").param("k", key).query(PointsEntries::entry).optional();
    }

    /** The entry a key stands for, with the fingerprint of the request that wrote it. */
    Optional<IdempotentWrite.Earlier<Entry>> earlier(String key) {
        return jdbc.sql("SELECT * FROM points_entry WHERE business_key = :k").param("k", key)
                .query((rs, n) -> new IdempotentWrite.Earlier<>(rs.getString("request_hash"), entry(rs, n))).optional();
    }

    /** Points already written against an entry by entries of one kind (what earlier returns took back), as a positive number. */
    long sumRelated(long entryId, Kind kind) {
        return Math.abs(jdbc.sql("SELECT COALESCE(SUM(points), 0) FROM points_entry WHERE related_entry_id = :e AND kind = :k")
                .param("e", entryId).param("k", kind.name()).query(Long.class).single());
    }

    /** The ledger's own sum, to prove the cached balance equal. */
    long sumOf(String memberId) {
        return jdbc.sql("SELECT COALESCE(SUM(points), 0) FROM points_entry WHERE member_id = :m").param("m", memberId).query(Long.class).single();
    }

    List<Entry> latest(String memberId, int limit) {
        return latest(memberId, Optional.empty(), limit);
    }

    /** Newest first, those older than the entry {@code beforeId} when given. */
    List<Entry> latest(String memberId, Optional<Long> beforeId, int limit) {
        return jdbc.sql("SELECT * FROM points_entry WHERE member_id = :m" + (beforeId.isPresent() ? " AND id < :before" : "")
                        + " ORDER BY id DESC LIMIT :limit")
                .param("m", memberId).param("before", beforeId.orElse(null)).param("limit", limit).query(PointsEntries::entry).list();
    }

    private static Entry entry(ResultSet rs, int n) throws SQLException {
        return new Entry(rs.getLong("id"), rs.getString("member_id"), rs.getString("origin_member_id"), Kind.valueOf(rs.getString("kind")), rs.getLong("points"),
                rs.getString("business_key"), Channel.valueOf(rs.getString("channel")), rs.getString("store_id"), rs.getString("reference"),
                Money.ofNullable(rs.getBigDecimal("amount"), rs.getString("currency")), (Long) rs.getObject("related_entry_id", Long.class),
                (Integer) rs.getObject("rules_version", Integer.class), rs.getString("reason"), rs.getTimestamp("occurred_at").toInstant(),
                rs.getTimestamp("recorded_at").toInstant());
    }
}
