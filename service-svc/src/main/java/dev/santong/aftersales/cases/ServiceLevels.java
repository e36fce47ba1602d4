package dev.santong.aftersales.cases;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import dev.santong.aftersales.cases.CaseLifecycle.State;
import dev.santong.platform.kit.persistence.SqlTime;
import dev.santong.platform.kit.problem.InvalidRequestException;

import io.swagger.v3.oas.annotations.media.Schema;

/**
 * How long a case may stay in each state before its next step is due: the brand's defaults, changed by HQ per type and
 * state. A change applies to steps entered after it. Final states, and waiting for the customer, have no clock.
 */
@Component
class ServiceLevels {

    /** One state's service level: where it comes from ({@code DEFAULT} or who set it). */
    @Schema(example = """
            {"type": "RETURN", "state": "REQUESTED", "within": "PT24H", "setBy": "DEFAULT", "setAt": null}""")
    record Level(CaseType type, State state, Duration within, String setBy, Instant setAt) {
    }

    private static final Duration LONGEST = Duration.ofDays(365);

    private final JdbcClient jdbc;
    private final AftersalesProperties properties;
    private final Clock clock;

    ServiceLevels(JdbcClient jdbc, AftersalesProperties properties, Clock clock) {
        this.jdbc = jdbc;
        this.properties = properties;
        this.clock = clock;
    }

    /** The brand's default: the first response as configured, then the time each later step may take. */
    Optional<Duration> byDefault(CaseType type, State state) {
        return Optional.ofNullable(switch (state) {
            case REQUESTED -> properties.firstResponse().get(type);
            case APPROVED -> Duration.ofDays(14);
            case ITEM_RECEIVED -> Duration.ofDays(2);
            case INSPECTED -> type == CaseType.REPAIR ? Duration.ofDays(7) : Duration.ofDays(3);
            case IN_PROGRESS -> Duration.ofDays(3);
            case REFUNDED, EXCHANGED, REPAIRED, REPLACED, RESOLVED, REJECTED -> Duration.ofDays(2);
            case WAITING_FOR_CUSTOMER, CANCELLED, CLOSED -> null;
        });
    }

    Optional<Duration> within(CaseType type, State state) {
        if (byDefault(type, state).isEmpty()) {
            return Optional.empty();
        }
        return jdbc.sql("SELECT within_minutes FROM service_level WHERE case_type = :type AND state = :state")
                .param("type", type.name()).param("state", state.name()).query(Integer.class).optional()
                .map(minutes -> Duration.ofMinutes(minutes)).or(() -> byDefault(type, state));
    }

    /** When a step entered at {@code at} is due, if the state has a clock. */
    Optional<Instant> dueAfter(CaseType type, State state, Instant at) {
        return within(type, state).map(at::plus);
    }

    List<Level> all() {
        Map<String, Level> set = new java.util.HashMap<>();
        jdbc.sql("SELECT case_type, state, within_minutes, set_by, set_at FROM service_level")
                .query((rs, n) -> set.put(rs.getString("case_type") + "/" + rs.getString("state"),
                        new Level(CaseType.valueOf(rs.getString("case_type")), State.valueOf(rs.getString("state")),
                                Duration.ofMinutes(rs.getInt("within_minutes")), rs.getString("set_by"), rs.getTimestamp("set_at").toInstant())))
                .list();
        List<Level> levels = new ArrayList<>();
        for (CaseType type : CaseType.values()) {
            for (State state : State.values()) {
                if (CaseLifecycle.reachable(type).contains(state)) {
                    byDefault(type, state).ifPresent(standard -> levels.add(set.getOrDefault(type + "/" + state,
                            new Level(type, state, standard, "DEFAULT", null))));
                }
            }
        }
        return levels;
    }

    Level set(CaseType type, State state, Duration within, String by) {
        if (byDefault(type, state).isEmpty() || !CaseLifecycle.reachable(type).contains(state)) {
            throw new InvalidRequestException("state", "a " + type.name().toLowerCase() + " case has no clock in " + state);
        }
        if (within.isNegative() || within.isZero() || within.compareTo(LONGEST) > 0 || within.toMinutes() < 1) {
            throw new InvalidRequestException("within", "must be between 1 minute and 365 days");
        }
        Instant now = clock.instant();
        jdbc.sql("""
                INSERT INTO service_level (case_type, state, within_minutes, set_by, set_at) VALUES (:type, :state, :minutes, :by, :at)
                ON DUPLICATE KEY UPDATE within_minutes = VALUES(within_minutes), set_by = VALUES(set_by), set_at = VALUES(set_at)""")
                .param("type", type.name()).param("state", state.name()).param("minutes", (int) within.toMinutes()).param("by", by)
                .param("at", SqlTime.of(now)).update();
        return new Level(type, state, Duration.ofMinutes(within.toMinutes()), by, now);
    }
}
