package dev.santong.platform.kit.idempotency;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.MapperFeature;
import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.cfg.JsonNodeFeature;
import tools.jackson.databind.json.JsonMapper;

/**
 * The one recipe for "is this the same request": the SHA-256 of the request's canonical JSON, in which properties and
 * map keys are sorted at every depth and times are UTC instants. Property order, a reinstalled client or another
 * batch split therefore never make a resend look different, and every write path compares the same way.
 */
public final class Fingerprint {

    private static final JsonMapper CANONICAL = JsonMapper.builder()
            .enable(MapperFeature.SORT_PROPERTIES_ALPHABETICALLY)
            .enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS)
            .enable(JsonNodeFeature.WRITE_PROPERTIES_SORTED)
            .build();

    /**
     * What a migration writes over fingerprints stored under an earlier recipe, which no request can match again. A key
     * stored with it replays on the key alone, as tills expect of a fact they resend (ADR 0007).
     */
    public static final String EARLIER_RECIPE = "0".repeat(64);

    private Fingerprint() {
    }

    /** The canonical JSON of a value (a record, a map or a JSON tree). */
    public static String canonicalJson(Object value) {
        return CANONICAL.writeValueAsString(value);
    }

    /** The fingerprint of a value: the hex SHA-256 of its canonical JSON. */
    public static String of(Object value) {
        return sha256(canonicalJson(value));
    }

    /** The fingerprint of text already in its canonical form (a stored canonical JSON, a raw body). */
    public static String ofCanonical(String canonical) {
        return sha256(canonical);
    }

    /** A JSON body's fingerprint regardless of its spelling; a body that is not JSON is taken byte for byte. */
    public static String ofBody(byte[] body) {
        try {
            JsonNode tree = CANONICAL.readTree(body);
            return of(tree);
        } catch (RuntimeException notJson) {
            return sha256(body);
        }
    }

    private static String sha256(String text) {
        return sha256(text.getBytes(StandardCharsets.UTF_8));
    }

    private static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException impossible) {
            throw new IllegalStateException("every Java runtime has SHA-256", impossible);
        }
    }
}
