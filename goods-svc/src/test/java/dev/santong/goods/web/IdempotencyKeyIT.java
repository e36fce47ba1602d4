package dev.santong.goods.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

import dev.santong.platform.kit.idempotency.Fingerprint;
import dev.santong.platform.kit.persistence.SqlTime;
import dev.santong.goods.catalogue.NewSku;
import dev.santong.platform.testkit.Api;
import dev.santong.platform.testkit.StackTest;
import dev.santong.platform.testkit.Tokens;
import tools.jackson.databind.json.JsonMapper;

/** The Idempotency-Key header as the IETF draft describes it, on goods-svc's POSTs (the kit's filter). */
@StackTest
class IdempotencyKeyIT {

    @Autowired
    Api api;

    @Autowired
    JdbcClient jdbc;

    private Api hq(Tokens tokens, String key) {
        return api.as(tokens.hqAdmin()).header("Idempotency-Key", key);
    }

    private static Map<String, Object> sku(String code) {
        return NewSku.of(code, "Keyed " + code).body();
    }

    @Test
    void theSameKeyAndRequestGetTheFirstResponseAgainAndAnotherRequestA422(Tokens tokens) {
        Api.Response first = hq(tokens, "create-K1").post("/api/goods/skus", sku("K-1"));
        assertThat(first.status()).as(first.toString()).isEqualTo(201);
        assertThat(first.header("Idempotent-Replayed")).isNull();

        // The draft's structured-field form, quoted, is the same key.
        Api.Response again = hq(tokens, "\"create-K1\"").post("/api/goods/skus", sku("K-1"));
        assertThat(again.status()).isEqualTo(201);
        assertThat(again.header("Idempotent-Replayed")).isEqualTo("true");
        assertThat(again.header("Location")).isEqualTo(first.header("Location"));
        assertThat(again.json()).isEqualTo(first.json());

        Api.Response other = hq(tokens, "create-K1").post("/api/goods/skus", sku("K-2"));
        assertThat(other.status()).isEqualTo(422);
        assertThat(other.json().path("type").asString()).endsWith("/idempotency-key-reused");
        assertThat(hq(tokens, "x").get("/api/goods/skus/K-2").status()).isEqualTo(404);

        // Keys are the caller's own: another caller's same key is another request.
        Api.Response analyst = api.as(tokens.hqAnalyst()).header("Idempotency-Key", "create-K1")
                .post("/api/goods/skus", sku("K-3"));
        assertThat(analyst.status()).isEqualTo(403);
        assertThat(analyst.header("Idempotent-Replayed")).isNull();
    }

    @Test
    void aRefusedRequestKeepsNothingSoItsKeyWorksAfterTheFix(Tokens tokens) {
        Api.Response refused = hq(tokens, "create-K4").post("/api/goods/skus", Map.of("code", "K-4", "warrantyMonths", 0));
        assertThat(refused.status()).isEqualTo(400);
        Api.Response fixed = hq(tokens, "create-K4").post("/api/goods/skus", sku("K-4"));
        assertThat(fixed.status()).as(fixed.toString()).isEqualTo(201);
        assertThat(fixed.header("Idempotent-Replayed")).isNull();
    }

    @Test
    void aKeyStillBeingAnsweredIsA409UntilItsLeaseEnds(Tokens tokens) {
        String subject = subjectOf(tokens.hqAdmin());
        String scope = Fingerprint.ofCanonical(subject + "\n" + "create-K5");
        String body = JsonMapper.builder().build().writeValueAsString(sku("K-5"));
        String fingerprint = Fingerprint.ofCanonical("POST /api/goods/skus?\n" + Fingerprint.ofBody(body.getBytes(StandardCharsets.UTF_8)));
        java.time.Instant now = java.time.Instant.now();
        // What a replica answering the same request right now leaves in the table.
        jdbc.sql("""
                INSERT INTO idempotency_request (scope, fingerprint, state, locked_until, created_at, expires_at)
                VALUES (:scope, :fingerprint, 'IN_FLIGHT', :until, :now, :expires)""")
                .param("scope", scope).param("fingerprint", fingerprint).param("until", SqlTime.of(now.plusSeconds(60)))
                .param("now", SqlTime.of(now)).param("expires", SqlTime.of(now.plusSeconds(3600))).update();

        Api.Response busy = hq(tokens, "create-K5").post("/api/goods/skus", sku("K-5"));
        assertThat(busy.status()).as(busy.toString()).isEqualTo(409);
        assertThat(busy.json().path("type").asString()).endsWith("/idempotency-key-in-flight");
        assertThat(busy.header("Retry-After")).isEqualTo("1");
        assertThat(hq(tokens, "x").get("/api/goods/skus/K-5").status()).isEqualTo(404);

        // The replica died: once its lease is over, a retry takes the key over and is answered.
        jdbc.sql("UPDATE idempotency_request SET locked_until = :past WHERE scope = :scope")
                .param("past", SqlTime.of(now.minusSeconds(1))).param("scope", scope).update();
        Api.Response taken = hq(tokens, "create-K5").post("/api/goods/skus", sku("K-5"));
        assertThat(taken.status()).as(taken.toString()).isEqualTo(201);
    }

    @Test
    void aKeyThatIsNotAKeyIsRefusedNamingTheHeader(Tokens tokens) {
        for (String bad : List.of("has space", "x".repeat(256))) {
            Api.Response refused = hq(tokens, bad).post("/api/goods/skus", sku("K-6"));
            assertThat(refused.status()).isEqualTo(400);
            assertThat(refused.json().path("errors").findValuesAsString("field")).containsExactly("Idempotency-Key");
        }
    }

    @Test
    void theOpenApiDocumentTellsClientsAboutTheHeader(Tokens tokens) {
        String document = api.get("/v3/api-docs").body();
        assertThat(document).contains("\"Idempotency-Key\"", "Idempotent-Replayed", "\"422\"");
    }

    private static String subjectOf(String token) {
        String payload = new String(Base64.getUrlDecoder().decode(token.split("\\.")[1]), StandardCharsets.UTF_8);
        return JsonMapper.builder().build().readTree(payload).path("sub").asString();
    }
}
