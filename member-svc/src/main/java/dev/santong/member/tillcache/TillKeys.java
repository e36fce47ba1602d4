package dev.santong.member.tillcache;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;

import org.apache.commons.codec.digest.HmacAlgorithms;
import org.apache.commons.codec.digest.HmacUtils;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import dev.santong.platform.kit.persistence.SqlTime;

/**
 * The keys a store's tills match identities with, one per store and rotation period. A plain hash of a phone number is
 * a small space a stolen till's cache gives back in minutes for every store at once; a key of the store's own, replaced
 * every period, makes each stolen cache a brute force of its own that ends with the period, and keeps one store's
 * cache useless for matching another's.
 */
@Component
class TillKeys {

    /**
     * @param id         names the key in the downloads (store and period)
     * @param secret     hex; the till computes {@code hex(HMAC-SHA256(secret, "<TYPE>:<normalised value>"))}
     * @param validFrom  when its period began
     * @param validUntil when the next key replaces it (the till then receives its whole cache again)
     */
    record Key(String id, long period, String secret, String algorithm, Instant validFrom, Instant validUntil) {

        String of(String text) {
            return new HmacUtils(HmacAlgorithms.HMAC_SHA_256, HexFormat.of().parseHex(secret)).hmacHex(text.getBytes(StandardCharsets.UTF_8));
        }
    }

    private static final SecureRandom RANDOM = new SecureRandom();

    private final JdbcClient jdbc;
    private final Clock clock;
    private final Duration rotation;

    TillKeys(JdbcClient jdbc, Clock clock, @Value("${santong.member.till-key-rotation:P7D}") Duration rotation) {
        this.jdbc = jdbc;
        this.clock = clock;
        this.rotation = rotation;
    }

    long currentPeriod() {
        return clock.instant().getEpochSecond() / rotation.toSeconds();
    }

    /** The store's key for this period, made on first use; concurrent first uses keep the one stored first. */
    Key current(String storeId) {
        long period = currentPeriod();
        byte[] secret = new byte[32];
        RANDOM.nextBytes(secret);
        jdbc.sql("INSERT IGNORE INTO till_key (store_id, period, secret, created_at) VALUES (:s, :p, :secret, :now)")
                .param("s", storeId).param("p", period).param("secret", HexFormat.of().formatHex(secret))
                .param("now", SqlTime.of(clock.instant())).update();
        String stored = jdbc.sql("SELECT secret FROM till_key WHERE store_id = :s AND period = :p").param("s", storeId).param("p", period)
                .query(String.class).single();
        return new Key(storeId + ":" + period, period, stored, "HMAC-SHA256", Instant.ofEpochSecond(period * rotation.toSeconds()),
                Instant.ofEpochSecond((period + 1) * rotation.toSeconds()));
    }
}
