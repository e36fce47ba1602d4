package dev.santong.platform.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * Tokens an attacker would try, made from real ones of the local Keycloak: unsigned, re-signed with a guessed HMAC
 * secret, with a tampered signature or tampered claims, with a key id no realm has, from another realm, and from a
 * client of the santong realm that is not for the API. Each must be refused with a 401 that holds no data.
 */
public final class AbusedTokens {

    /** @param name what was done to the token, for the assertion's message */
    public record Abuse(String name, String token) {
    }

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final Base64.Encoder B64 = Base64.getUrlEncoder().withoutPadding();
    private static final Base64.Decoder UNB64 = Base64.getUrlDecoder();

    private AbusedTokens() {
    }

    /** Built from a shopper's real token: any success would hand a shopper more than her own. */
    public static List<Abuse> all(Tokens tokens, LocalStack stack) {
        String shopper = tokens.customer("alice");
        String[] parts = shopper.split("\\.");
        ObjectNode header = (ObjectNode) JSON.readTree(UNB64.decode(parts[0]));
        ObjectNode claims = (ObjectNode) JSON.readTree(UNB64.decode(parts[1]));

        List<Abuse> abuses = new ArrayList<>();
        abuses.add(new Abuse("alg none", B64.encodeToString(JSON.writeValueAsBytes(JSON.createObjectNode().put("alg", "none").put("typ", "JWT")))
                + "." + parts[1] + "."));
        abuses.add(new Abuse("HS256 with a guessed secret", hmacSigned(claims, "secret")));
        char last = parts[2].charAt(parts[2].length() - 2);
        abuses.add(new Abuse("tampered signature", parts[0] + "." + parts[1] + "."
                + parts[2].substring(0, parts[2].length() - 2) + (last == 'A' ? 'B' : 'A') + parts[2].charAt(parts[2].length() - 1)));
        ObjectNode promoted = claims.deepCopy();
        promoted.putObject("realm_access").putArray("roles").add("hq-admin").add("customer");
        abuses.add(new Abuse("claims made HQ admin", parts[0] + "." + B64.encodeToString(JSON.writeValueAsBytes(promoted)) + "." + parts[2]));
        ObjectNode unknownKey = header.deepCopy().put("kid", "not-a-key-of-any-realm");
        abuses.add(new Abuse("unknown key id", B64.encodeToString(JSON.writeValueAsBytes(unknownKey)) + "." + parts[1] + "." + parts[2]));
        abuses.add(new Abuse("token of the master realm", passwordGrant(stack, "master", "admin-cli",
                env("SANTONG_KEYCLOAK_ADMIN_USER", "admin"), env("SANTONG_KEYCLOAK_ADMIN_PASSWORD", "admin"))));
        abuses.add(new Abuse("santong token of a client not for the API (no audience)", passwordGrant(stack, LocalStack.REALM, "admin-cli",
                "alice", Tokens.DEMO_PASSWORD)));
        return abuses;
    }

    /** Each abused token asking for {@code path} gets a 401 naming no data of the path's. */
    public static void assertEachRefused(Api api, String path, List<Abuse> abuses) {
        for (Abuse abuse : abuses) {
            Api.Response response = api.as(abuse.token()).get(path);
            assertThat(response.status()).as(abuse.name() + " on " + path + ": " + response).isEqualTo(401);
            assertThat(response.header("WWW-Authenticate")).as(abuse.name()).startsWith("Bearer");
            assertThat(response.body()).as(abuse.name() + ": a refusal says nothing of the token or the data")
                    .doesNotContain("alice").doesNotContain("hq-admin").doesNotContain("\"items\"");
        }
    }

    private static String hmacSigned(ObjectNode claims, String secret) {
        try {
            String signingInput = B64.encodeToString(JSON.writeValueAsBytes(JSON.createObjectNode().put("alg", "HS256").put("typ", "JWT")))
                    + "." + B64.encodeToString(JSON.writeValueAsBytes(claims));
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return signingInput + "." + B64.encodeToString(mac.doFinal(signingInput.getBytes(StandardCharsets.US_ASCII)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String passwordGrant(LocalStack stack, String realm, String client, String username, String password) {
        String form = "grant_type=password&client_id=" + client + "&username=" + URLEncoder.encode(username, StandardCharsets.UTF_8)
                + "&password=" + URLEncoder.encode(password, StandardCharsets.UTF_8);
        try {
            HttpResponse<String> response = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build().send(HttpRequest.newBuilder(
                    URI.create(stack.keycloakUrl() + "/realms/" + realm + "/protocol/openid-connect/token"))
                    .timeout(Duration.ofSeconds(10)).header("Content-Type", "application/x-www-form-urlencoded")
                    .POST(HttpRequest.BodyPublishers.ofString(form)).build(), HttpResponse.BodyHandlers.ofString());
            JsonNode json = JSON.readTree(response.body());
            if (response.statusCode() != 200) {
                throw new IllegalStateException("Keycloak gave no token of " + realm + "/" + client + ": " + response.statusCode());
            }
            return json.path("access_token").asString();
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static String env(String name, String fallback) {
        String value = System.getenv(name);
        return value == null || value.isBlank() ? fallback : value;
    }
}
