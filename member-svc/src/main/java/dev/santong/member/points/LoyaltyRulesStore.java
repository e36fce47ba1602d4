package dev.santong.member.points;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

import dev.santong.platform.kit.persistence.ConcurrentWriteRetry;
import dev.santong.platform.kit.persistence.SqlTime;
import tools.jackson.databind.json.JsonMapper;

import io.swagger.v3.oas.annotations.media.Schema;

/** HQ's rules, one version after another; every points entry records the version it was computed with. */
@Component
public class LoyaltyRulesStore {

    @Schema(example = """
            {"version": 3, "rules": {"pointsPerUnit": {"CNY": 1}, "channelMultipliers": {"ONLINE": 1, "STORE": 1}, \
            "categoryMultipliers": {"apparel": 2}, "tierMultipliers": {"GOLD": 1.5}, "campaigns": [], "maxPointsPerPurchase": null, \
            "lotLifetimeDays": 365, "redemptionValuePerPoint": {"CNY": 0.01}, "minRedeemPoints": 100, "maxRedeemShareOfOrder": 0.5}, \
            "since": "2026-11-01T00:00:00Z", "by": "hq-admin"}""")
    public record Versioned(int version, LoyaltyRules rules, Instant since, String by) {
    }

    private final JdbcClient jdbc;
    private final JsonMapper json;
    private final TransactionTemplate transactions;
    private final Clock clock;

    LoyaltyRulesStore(JdbcClient jdbc, JsonMapper json, TransactionTemplate transactions, Clock clock) {
        this.jdbc = jdbc;
        this.json = json;
        this.transactions = transactions;
        this.clock = clock;
    }

    /**
     * How long a replica keeps the rules it read: every earn asks for them, and they change a few times a year. This
     * replica reads them again at once after its own change; another one within this time. Each entry names the
     * version it was earned under.
     */
    static final java.time.Duration KEPT_FOR = java.time.Duration.ofSeconds(2);

    private final com.github.benmanes.caffeine.cache.LoadingCache<Boolean, Versioned> inForce = com.github.benmanes.caffeine.cache.Caffeine
            .newBuilder().expireAfterWrite(KEPT_FOR).build(ignored -> latest());

    /** The rules in force; version 0 is {@link LoyaltyRules#defaults()} until HQ sets its own. */
    public Versioned current() {
        return inForce.get(true);
    }

    private Versioned latest() {
        return jdbc.sql("SELECT version, rules_json, created_at, created_by FROM loyalty_rules ORDER BY version DESC LIMIT 1")
                .query((rs, n) -> new Versioned(rs.getInt("version"), json.readValue(rs.getString("rules_json"), LoyaltyRules.class),
                        rs.getTimestamp("created_at").toInstant(), rs.getString("created_by")))
                .optional().orElseGet(() -> new Versioned(0, LoyaltyRules.defaults(), Instant.EPOCH, "default"));
    }

    public Versioned replace(LoyaltyRules rules, String by) {
        Versioned replaced = ConcurrentWriteRetry.inTransaction(transactions, 3, status -> {
            int next = latest().version() + 1;
            Instant now = clock.instant();
            jdbc.sql("INSERT INTO loyalty_rules (version, rules_json, created_by, created_at) VALUES (:v, :json, :by, :at)")
                    .param("v", next).param("json", json.writeValueAsString(rules)).param("by", by).param("at", SqlTime.of(now))
                    .update();
            return new Versioned(next, rules, now, by);
        });
        // After the commit: a read before it could keep the old rules.
        inForce.invalidateAll();
        return replaced;
    }
}
