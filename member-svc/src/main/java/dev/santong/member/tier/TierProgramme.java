package dev.santong.member.tier;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

import dev.santong.platform.kit.persistence.SqlTime;
import dev.santong.platform.kit.problem.InvalidField;
import dev.santong.platform.kit.problem.InvalidRequestException;

/** HQ's tier definitions and how long a reached tier is held before a review may lower it. */
@Component
class TierProgramme {

    /** Reached tiers are held this many months, then reviewed at the next monthly period end. */
    public static final int DEFAULT_HOLD_MONTHS = 12;

    /**
     * How long a replica keeps the programme it read: every earn asks for it, and it changes a few times a year. This
     * replica reads it again at once after its own change; another one within this time.
     */
    static final java.time.Duration KEPT_FOR = java.time.Duration.ofSeconds(2);

    private record Programme(List<TierDefinition> definitions, int holdMonths) {
    }

    private final JdbcClient jdbc;
    private final TransactionTemplate transactions;
    private final Clock clock;
    private final com.github.benmanes.caffeine.cache.LoadingCache<Boolean, Programme> programme = com.github.benmanes.caffeine.cache.Caffeine
            .newBuilder().expireAfterWrite(KEPT_FOR).build(ignored -> read());

    TierProgramme(JdbcClient jdbc, TransactionTemplate transactions, Clock clock) {
        this.jdbc = jdbc;
        this.transactions = transactions;
        this.clock = clock;
    }

    public List<TierDefinition> definitions() {
        return programme.get(true).definitions();
    }

    public Optional<TierDefinition> find(String code) {
        return definitions().stream().filter(tier -> tier.code().equals(code)).findFirst();
    }

    public int holdMonths() {
        return programme.get(true).holdMonths();
    }

    private Programme read() {
        return new Programme(List.copyOf(jdbc.sql("SELECT * FROM tier_definition ORDER BY tier_rank").query(TierProgramme::definition).list()),
                jdbc.sql("SELECT hold_months FROM tier_settings WHERE id = 1").query(Integer.class).optional().orElse(DEFAULT_HOLD_MONTHS));
    }

    /** Replaces the programme. Members keep their tier codes; a code no longer defined is reviewed like any other. */
    public List<TierDefinition> replace(List<TierDefinition> tiers, int holdMonths) {
        validate(tiers);
        transactions.executeWithoutResult(status -> {
            jdbc.sql("DELETE FROM tier_definition").update();
            for (TierDefinition tier : tiers) {
                jdbc.sql("""
                        INSERT INTO tier_definition (code, name, tier_rank, min_spend, spend_currency, min_points)
                        VALUES (:code, :name, :rank, :spend, :currency, :points)""")
                        .param("code", tier.code()).param("name", tier.name()).param("rank", tier.rank()).param("spend", tier.minSpend())
                        .param("currency", tier.spendCurrency()).param("points", tier.minPoints()).update();
            }
            jdbc.sql("""
                    INSERT INTO tier_settings (id, hold_months, updated_at) VALUES (1, :h, :at)
                    ON DUPLICATE KEY UPDATE hold_months = VALUES(hold_months), updated_at = VALUES(updated_at)""")
                    .param("h", holdMonths).param("at", SqlTime.of(clock.instant())).update();
        });
        // After the commit: a read before it could keep the old programme.
        programme.invalidateAll();
        return definitions();
    }

    private static void validate(List<TierDefinition> tiers) {
        List<InvalidField> errors = new ArrayList<>();
        Set<Integer> ranks = new HashSet<>();
        Set<String> codes = new HashSet<>();
        for (int i = 0; i < tiers.size(); i++) {
            TierDefinition tier = tiers.get(i);
            if (!ranks.add(tier.rank())) {
                errors.add(new InvalidField("tiers[" + i + "].rank", "is used by another tier"));
            }
            if (!codes.add(tier.code())) {
                errors.add(new InvalidField("tiers[" + i + "].code", "is used by another tier"));
            }
            if (!tier.isBase() && tier.minSpend() == null && tier.minPoints() == null) {
                errors.add(new InvalidField("tiers[" + i + "]", "needs minSpend or minPoints to be reached"));
            }
            if (tier.minSpend() != null && tier.spendCurrency() == null) {
                errors.add(new InvalidField("tiers[" + i + "].spendCurrency", "is required with minSpend"));
            }
        }
        if (!ranks.contains(0)) {
            errors.add(new InvalidField("tiers", "need a base tier of rank 0"));
        }
        if (!errors.isEmpty()) {
            throw new InvalidRequestException(errors);
        }
    }

    private static TierDefinition definition(ResultSet rs, int n) throws SQLException {
        return new TierDefinition(rs.getString("code"), rs.getString("name"), rs.getInt("tier_rank"), rs.getBigDecimal("min_spend"),
                rs.getString("spend_currency"), (Long) rs.getObject("min_points", Long.class));
    }
}
