package dev.santong.member.privacy;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import dev.santong.member.member.Channel;
import dev.santong.platform.kit.persistence.SqlTime;
import dev.santong.platform.kit.problem.InvalidRequestException;

import io.swagger.v3.oas.annotations.media.Schema;

/**
 * A member's consents: an append-only history per purpose and channel scope; the latest event is in force, so a
 * withdrawal takes effect the moment it is written.
 */
@Component
public class Consents {

    public enum Action { GIVEN, WITHDRAWN }

    /** Every channel; a consent given "everywhere". */
    public static final String ALL_CHANNELS = "*";

    public record Event(long id, String memberId, String originMemberId, ConsentPurpose purpose, String channelScope,
            Action action, Integer noticeVersion, Channel sourceChannel, String storeId, String recordedBy,
            Instant recordedAt, Long mergeId) {
    }

    /** What is in force for one purpose and channel scope. */
    @Schema(example = """
            {"purpose": "MARKETING_SMS", "channelScope": "*", "action": "GIVEN", "noticeVersion": 1, "since": "2026-11-20T02:12:00Z"}""")
    public record State(ConsentPurpose purpose, String channelScope, Action action, Integer noticeVersion, Instant since) {
    }

    public record Change(ConsentPurpose purpose, String channelScope, Action action, Integer noticeVersion,
            Channel sourceChannel, String storeId, String recordedBy) {
    }

    private static final String COLUMNS = """
            id, member_id, origin_member_id, purpose, channel_scope, action, notice_version, source_channel, store_id,
            recorded_by, recorded_at, merge_id""";

    private final JdbcClient jdbc;
    private final ConsentNotices notices;
    private final Clock clock;

    Consents(JdbcClient jdbc, ConsentNotices notices, Clock clock) {
        this.jdbc = jdbc;
        this.notices = notices;
        this.clock = clock;
    }

    /**
     * Records a change unless it is already in force (a retried request adds nothing to the history).
     *
     * @param originMemberId the id the request addressed: an old id of a merged member keeps its consents apart
     *                       for an unmerge
     */
    public State record(String memberId, String originMemberId, Change change) {
        if (change.action() == Action.GIVEN) {
            if (change.noticeVersion() == null) {
                throw new InvalidRequestException("noticeVersion", "is required when consent is given: the version of the notice shown");
            }
            notices.find(change.purpose(), change.noticeVersion()).orElseThrow(() -> new InvalidRequestException("noticeVersion",
                    "names no published notice of " + change.purpose()));
        }
        State current = inForce(memberId).get(key(change.purpose(), change.channelScope()));
        if (current != null && current.action() == change.action() && Objects.equals(current.noticeVersion(), change.noticeVersion())) {
            return current;
        }
        insert(memberId, originMemberId, change.purpose(), change.channelScope(), change.action(), change.noticeVersion(),
                change.sourceChannel(), change.storeId(), change.recordedBy(), clock.instant(), null);
        return inForce(memberId).get(key(change.purpose(), change.channelScope()));
    }

    void insert(String memberId, String originMemberId, ConsentPurpose purpose, String scope, Action action, Integer version,
            Channel sourceChannel, String storeId, String recordedBy, Instant at, Long mergeId) {
        jdbc.sql("""
                INSERT INTO consent_event (member_id, origin_member_id, purpose, channel_scope, action, notice_version,
                    source_channel, store_id, recorded_by, recorded_at, merge_id)
                VALUES (:member, :origin, :purpose, :scope, :action, :version, :source, :store, :by, :at, :merge)""")
                .param("member", memberId).param("origin", originMemberId).param("purpose", purpose.name())
                .param("scope", scope).param("action", action.name()).param("version", version)
                .param("source", sourceChannel.name()).param("store", storeId).param("by", recordedBy)
                .param("at", SqlTime.of(at)).param("merge", mergeId)
                .update();
    }

    public List<Event> history(String memberId) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM consent_event WHERE member_id = :m ORDER BY recorded_at, id")
                .param("m", memberId).query(Consents::event).list();
    }

    /** The latest event per (purpose, channel scope), keyed by {@link #key}. Ties at the same instant go to the later row. */
    public Map<String, State> inForce(String memberId) {
        Map<String, State> states = new LinkedHashMap<>();
        for (Event event : history(memberId)) {
            states.put(key(event.purpose(), event.channelScope()),
                    new State(event.purpose(), event.channelScope(), event.action(), event.noticeVersion(), event.recordedAt()));
        }
        return states;
    }

    public List<State> inForceList(String memberId) {
        return new ArrayList<>(inForce(memberId).values());
    }

    /**
     * Whether the member may be contacted for {@code purpose} in {@code channel}: the later of the channel's own
     * consent and the "every channel" one decides, so withdrawing everywhere also ends an older channel consent.
     */
    public boolean allows(String memberId, ConsentPurpose purpose, Channel channel) {
        Map<String, State> states = inForce(memberId);
        State specific = states.get(key(purpose, channel.name()));
        State everywhere = states.get(key(purpose, ALL_CHANNELS));
        State deciding = specific == null ? everywhere
                : everywhere == null || specific.since().isAfter(everywhere.since()) ? specific : everywhere;
        return deciding != null && deciding.action() == Action.GIVEN;
    }

    static String key(ConsentPurpose purpose, String scope) {
        return purpose.name() + "/" + scope;
    }

    private static Event event(ResultSet rs, int n) throws SQLException {
        return new Event(rs.getLong("id"), rs.getString("member_id"), rs.getString("origin_member_id"),
                ConsentPurpose.valueOf(rs.getString("purpose")), rs.getString("channel_scope"), Action.valueOf(rs.getString("action")),
                (Integer) rs.getObject("notice_version", Integer.class), Channel.valueOf(rs.getString("source_channel")),
                rs.getString("store_id"), rs.getString("recorded_by"), rs.getTimestamp("recorded_at").toInstant(),
                (Long) rs.getObject("merge_id", Long.class));
    }
}
