package dev.santong.member.member;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

import dev.santong.member.member.Members.MemberRow;
import dev.santong.platform.kit.persistence.SqlTime;
import dev.santong.platform.kit.problem.InvalidField;
import dev.santong.platform.kit.problem.InvalidRequestException;
import dev.santong.platform.kit.security.CallerIdentity;

/**
 * Profile changes. Only the profile's own fields may be set: ids, status, identities, tier and points are
 * privileged (enrolment, merges, the ledger) and a request naming them is refused, not silently ignored.
 */
@Component
class MemberProfiles {

    private static final Set<String> EDITABLE = Set.of("displayName");

    private final MemberReading reading;
    private final MemberAudit audit;
    private final JdbcClient jdbc;
    private final TransactionTemplate transactions;
    private final Clock clock;

    MemberProfiles(MemberReading reading, MemberAudit audit, JdbcClient jdbc, TransactionTemplate transactions, Clock clock) {
        this.reading = reading;
        this.audit = audit;
        this.jdbc = jdbc;
        this.transactions = transactions;
        this.clock = clock;
    }

    MemberView update(MemberRow member, Map<String, Object> changes, CallerIdentity caller) {
        List<InvalidField> errors = new ArrayList<>();
        changes.keySet().stream().filter(field -> !EDITABLE.contains(field)).sorted()
                .forEach(field -> errors.add(new InvalidField(field, "cannot be changed through a profile update")));
        Object name = changes.get("displayName");
        if (changes.containsKey("displayName") && name != null && (!(name instanceof String text) || text.length() > 100)) {
            errors.add(new InvalidField("displayName", "must be text of at most 100 characters, or null"));
        }
        if (!errors.isEmpty()) {
            throw new InvalidRequestException(errors);
        }
        if (changes.containsKey("displayName")) {
            transactions.executeWithoutResult(status -> {
                jdbc.sql("UPDATE member SET display_name = :name, updated_at = :at WHERE id = :id")
                        .param("name", MemberEnrolment.blankToNull((String) name)).param("at", SqlTime.of(clock.instant()))
                        .param("id", member.id()).update();
                audit.record(member.id(), null, "PROFILE_UPDATED", caller, "displayName");
            });
        }
        return reading.read(member.id(), caller);
    }
}
