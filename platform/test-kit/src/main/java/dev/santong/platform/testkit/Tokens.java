package dev.santong.platform.testkit;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Real access tokens from the santong realm for each kind of caller. Demo users and POS clients come from
 * {@code helm/santong/files/santong-realm.json}; user tokens use the dev-only {@code santong-dev} client's password grant.
 */
public final class Tokens {

    public static final String DEMO_PASSWORD = "santong-demo";
    private static final String DEV_CLIENT = "santong-dev";
    private static final String DEV_CLIENT_SECRET = "santong-dev-secret";
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final LocalStack stack;
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(5)).build();
    private final Map<String, CachedToken> cache = new ConcurrentHashMap<>();

    public Tokens(LocalStack stack) {
        this.stack = stack;
    }

    public static Tokens forLocalStack() {
        return new Tokens(LocalStack.fromEnvironment());
    }

    /** A store's POS: client credentials of {@code pos-store-<storeId>}, role pos, claim store_id. */
    public String pos(String storeId) {
        return clientCredentials("pos-store-" + storeId, "pos-store-" + storeId + "-secret");
    }

    /** The online shop's server (order webhooks): client credentials of {@code shop-backend}, role shop-backend. */
    public String shopBackend() {
        return clientCredentials("shop-backend", "shop-backend-secret");
    }

    /** service-svc checking cases and applying their effects: client credentials of {@code service-svc}, role aftersales. */
    public String aftersales() {
        return clientCredentials("service-svc", "service-svc-secret");
    }

    /** A shopper (demo users alice and bob have role customer). */
    public String customer(String username) {
        return user(username);
    }

    /** Store staff: demo users {@code staff-<storeId>} with role store-staff and attribute store_id. */
    public String storeStaff(String storeId) {
        return user("staff-" + storeId);
    }

    public String hqAdmin() {
        return user("hq-admin");
    }

    public String hqAnalyst() {
        return user("hq-analyst");
    }

    public String user(String username) {
        return cached("user:" + username, passwordGrant(username, DEMO_PASSWORD));
    }

    /** A token issued now, never from the cache: for a user whose attributes a test just changed. */
    public String freshUser(String username, String password) {
        return fetch(passwordGrant(username, password)).value();
    }

    private static Map<String, String> passwordGrant(String username, String password) {
        Map<String, String> form = new LinkedHashMap<>();
        form.put("grant_type", "password");
        form.put("client_id", DEV_CLIENT);
        form.put("client_secret", DEV_CLIENT_SECRET);
        form.put("username", username);
        form.put("password", password);
        form.put("scope", "openid");
        return form;
    }

    public String clientCredentials(String clientId, String secret) {
        Map<String, String> form = new LinkedHashMap<>();
        form.put("grant_type", "client_credentials");
        form.put("client_id", clientId);
        form.put("client_secret", secret);
        return cached("client:" + clientId, form);
    }


    private String cached(String key, Map<String, String> form) {
        CachedToken token = cache.get(key);
        if (token == null || token.expiresAt().isBefore(Instant.now().plusSeconds(30))) {
            token = fetch(form);
            cache.put(key, token);
        }
        return token.value();
    }

    private CachedToken fetch(Map<String, String> form) {
        String body = form.entrySet().stream()
                .map(e -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "=" + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
        HttpRequest request = HttpRequest.newBuilder(URI.create(stack.tokenEndpoint()))
                .timeout(Duration.ofSeconds(10))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(body))
                .build();
        try {
            HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 200) {
                throw new IllegalStateException("Keycloak refused a token for " + form.get("client_id") + "/"
                        + form.getOrDefault("username", "-") + ": " + response.statusCode() + " " + response.body());
            }
            JsonNode json = JSON.readTree(response.body());
            return new CachedToken(json.path("access_token").asString(),
                    Instant.now().plusSeconds(json.path("expires_in").asLong(60)));
        } catch (IOException e) {
            throw new IllegalStateException("Keycloak is not reachable at " + stack.keycloakUrl() + " - run ./santong infra up", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private record CachedToken(String value, Instant expiresAt) {
    }
}
