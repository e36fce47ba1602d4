package dev.santong.member.segment;

import java.time.Clock;
import java.time.Instant;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.jdbc.support.KeyHolder;
import org.springframework.stereotype.Component;

import dev.santong.member.member.Channel;
import dev.santong.member.member.Members;
import dev.santong.member.member.Members.MemberRow;
import dev.santong.member.member.ResolutionEvidence;
import dev.santong.member.points.PurchaseFacts;
import dev.santong.member.privacy.ConsentPurpose;
import dev.santong.member.privacy.Consents;
import dev.santong.platform.kit.persistence.SqlTime;
import dev.santong.platform.kit.problem.ConflictException;
import dev.santong.platform.kit.problem.ResourceNotFoundException;
import tools.jackson.databind.json.JsonMapper;

import io.swagger.v3.oas.annotations.media.Schema;

/** HQ's segment definitions, and which of them a member belongs to right now. */
@Component
public class Segments {

    @Schema(example = """
            {"id": 7, "name": "omnichannel-vip", "description": "VIPs seen online and in store in the last 90 days", \
            "rule": {"seenInChannelsAll": ["ONLINE", "STORE"], "activeWithinDays": 90, "tagsAll": ["VIP"], "consentsGiven": ["MARKETING_SMS"]}, \
            "createdBy": "hq-admin", "createdAt": "2026-11-02T08:00:00Z", "updatedAt": "2026-11-02T08:00:00Z"}""")
    public record Segment(long id, String name, String description, SegmentRule rule, String createdBy, Instant createdAt,
            Instant updatedAt) {
    }

    private final JdbcClient jdbc;
    private final JsonMapper json;
    private final Members members;
    private final Tags tags;
    private final Consents consents;
    private final Clock clock;
    private final ResolutionEvidence evidence;
    private final PurchaseFacts purchases;

    Segments(JdbcClient jdbc, JsonMapper json, Members members, Tags tags, Consents consents, Clock clock, ResolutionEvidence evidence,
            PurchaseFacts purchases) {
        this.jdbc = jdbc;
        this.evidence = evidence;
        this.purchases = purchases;
        this.json = json;
        this.members = members;
        this.tags = tags;
        this.consents = consents;
        this.clock = clock;
    }

    public Segment create(String name, String description, SegmentRule rule, String by) {
        SegmentRule normalised = normalised(rule);
        Instant now = clock.instant();
        KeyHolder key = new GeneratedKeyHolder();
        try {
            jdbc.sql("""
                    INSERT INTO segment (name, description, rule_json, created_by, created_at, updated_at)
                    VALUES (:name, :description, :rule, :by, :at, :at)""")
                    .param("name", name.strip()).param("description", description)
                    .param("rule", json.writeValueAsString(normalised)).param("by", by).param("at", SqlTime.of(now))
                    .update(key);
        } catch (DuplicateKeyException taken) {
            throw new ConflictException("segment-name-taken", "A segment named '" + name.strip() + "' exists");
        }
        return find(key.getKey().longValue());
    }

    public Segment update(long id, String description, SegmentRule rule) {
        int changed = jdbc.sql("UPDATE segment SET description = :description, rule_json = :rule, updated_at = :at WHERE id = :id")
                .param("description", description).param("rule", json.writeValueAsString(normalised(rule)))
                .param("at", SqlTime.of(clock.instant())).param("id", id).update();
        if (changed == 0) {
            throw new ResourceNotFoundException("segment", id);
        }
        return find(id);
    }

    public List<Segment> all() {
        return jdbc.sql("SELECT * FROM segment ORDER BY name").query(this::segment).list();
    }

    public Segment find(long id) {
        return jdbc.sql("SELECT * FROM segment WHERE id = :id").param("id", id).query(this::segment).optional()
                .orElseThrow(() -> new ResourceNotFoundException("segment", id));
    }

    /** The ids of every active member in the segment now, evaluated against its rule as HQ defined it. */
    public List<String> activeMembersIn(long segmentId) {
        SegmentRule rule = find(segmentId).rule();
        Instant now = clock.instant();
        return members.active().stream().filter(member -> rule.matches(facts(member), now)).map(MemberRow::id).toList();
    }

    /** Whether the (live) member belongs to the segment now. */
    public boolean contains(long segmentId, MemberRow member) {
        return membership(segmentId).test(member);
    }

    /** The segment's rule read once, to test many members against (a page of a list); 404 for an unknown segment. */
    public java.util.function.Predicate<MemberRow> membership(long segmentId) {
        SegmentRule rule = find(segmentId).rule();
        Instant now = clock.instant();
        return member -> Members.ACTIVE.equals(member.status()) && rule.matches(facts(member), now);
    }

    /** The segments the (live) member belongs to now: an erased member belongs to none. */
    public List<Segment> of(MemberRow member) {
        if (!Members.ACTIVE.equals(member.status())) {
            return List.of();
        }
        SegmentRule.Facts facts = facts(member);
        Instant now = clock.instant();
        return all().stream().filter(segment -> segment.rule().matches(facts, now)).toList();
    }

    private SegmentRule.Facts facts(MemberRow member) {
        Set<Channel> seen = EnumSet.of(member.enrolledChannel());
        members.identitiesOf(member.id()).forEach(identity -> seen.add(identity.sourceChannel()));
        // Seen in a channel: recognised there (enrolment, identification, a till lookup) or bought there.
        Map<Channel, Instant> lastPerChannel = new EnumMap<>(evidence.lastRecognisedPerChannel(member.id()));
        purchases.lastPurchasePerChannel(member.id()).forEach((channel, at) -> lastPerChannel.merge(channel, at, (x, y) -> x.isAfter(y) ? x : y));
        seen.addAll(lastPerChannel.keySet());
        // A member never recognised nor buying since enrolling is last seen at enrolment.
        Instant lastSeen = lastPerChannel.values().stream().max(Instant::compareTo).orElse(member.enrolledAt());
        if (lastSeen.isBefore(member.enrolledAt())) {
            lastSeen = member.enrolledAt();
        }
        Set<ConsentPurpose> given = consents.inForceList(member.id()).stream()
                .filter(state -> state.action() == Consents.Action.GIVEN).map(Consents.State::purpose)
                .collect(Collectors.toCollection(() -> EnumSet.noneOf(ConsentPurpose.class)));
        return new SegmentRule.Facts(member.enrolledChannel(), seen, lastSeen, tags.of(member.id()), given);
    }

    private static SegmentRule normalised(SegmentRule rule) {
        return new SegmentRule(rule.enrolledChannelsAny(), rule.seenInChannelsAll(), rule.activeWithinDays(),
                rule.tagsAll() == null ? null : rule.tagsAll().stream().map(Tags::normalise).collect(Collectors.toSet()),
                rule.tagsAny() == null ? null : rule.tagsAny().stream().map(Tags::normalise).collect(Collectors.toSet()),
                rule.consentsGiven());
    }

    private Segment segment(java.sql.ResultSet rs, int n) throws java.sql.SQLException {
        return new Segment(rs.getLong("id"), rs.getString("name"), rs.getString("description"),
                json.readValue(rs.getString("rule_json"), SegmentRule.class), rs.getString("created_by"),
                rs.getTimestamp("created_at").toInstant(), rs.getTimestamp("updated_at").toInstant());
    }
}
