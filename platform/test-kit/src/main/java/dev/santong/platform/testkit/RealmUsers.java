package dev.santong.platform.testkit;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Shoppers made for one test through Keycloak's admin API (the local stack's bootstrap admin), for scenarios the
 * demo users cannot play: a phone verified only after the shopper enrolled, many distinct shoppers.
 */
public final class RealmUsers {

    public record Shopper(String id, String username, String password) {
    }

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private final LocalStack stack;
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(5)).build();

    public RealmUsers(LocalStack stack) {
        this.stack = stack;
    }

    /** A new shopper (role customer) with a phone the identity provider has, or has not yet, verified. */
    public Shopper createShopper(String phoneE164, boolean phoneVerified) {
        String username = "shopper-" + UUID.randomUUID().toString().substring(0, 8);
        String password = "pw-" + UUID.randomUUID();
        Map<String, Object> user = Map.of("username", username, "enabled", true, "email", username + "@test.santong.dev",
                "emailVerified", true, "firstName", "Test", "lastName", "Shopper",
                "attributes", Map.of("phoneNumber", List.of(phoneE164), "phoneNumberVerified", List.of(Boolean.toString(phoneVerified))),
                "credentials", List.of(Map.of("type", "password", "value", password, "temporary", false)));
        HttpResponse<String> created = send("POST", "/users", JSON.writeValueAsString(user));
        String location = created.headers().firstValue("Location").orElseThrow();
        String id = location.substring(location.lastIndexOf('/') + 1);
        JsonNode role = JSON.readTree(send("GET", "/roles/customer", null).body());
        send("POST", "/users/" + id + "/role-mappings/realm", JSON.writeValueAsString(List.of(role)));
        return new Shopper(id, username, password);
    }

    /** The shopper verified their phone (or changed it) at the identity provider. */
    public void setPhone(Shopper shopper, String phoneE164, boolean verified) {
        Map<String, Object> user = Map.of("username", shopper.username(), "email", shopper.username() + "@test.santong.dev",
                "firstName", "Test", "lastName", "Shopper",
                "attributes", Map.of("phoneNumber", List.of(phoneE164), "phoneNumberVerified", List.of(Boolean.toString(verified))));
        send("PUT", "/users/" + shopper.id(), JSON.writeValueAsString(user));
    }

    /** An admin API call on the santong realm; {@code path} is relative to it. */
    HttpResponse<String> send(String method, String path, String body) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(stack.keycloakUrl() + "/admin/realms/" + LocalStack.REALM + path))
                .timeout(Duration.ofSeconds(10))
                .header("Authorization", "Bearer " + adminToken())
                .header("Content-Type", "application/json")
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        HttpResponse<String> response = call(request.build());
        if (response.statusCode() >= 300) {
            throw new IllegalStateException("Keycloak admin " + method + " " + path + ": " + response.statusCode() + " " + response.body());
        }
        return response;
    }

    private String adminToken() {
        String form = "grant_type=password&client_id=admin-cli&username=" + enc(env("SANTONG_KEYCLOAK_ADMIN_USER", "admin"))
                + "&password=" + enc(env("SANTONG_KEYCLOAK_ADMIN_PASSWORD", "admin"));
        HttpResponse<String> response = call(HttpRequest.newBuilder(URI.create(stack.keycloakUrl() + "/realms/master/protocol/openid-connect/token"))
                .header("Content-Type", "application/x-www-form-urlencoded").POST(HttpRequest.BodyPublishers.ofString(form)).build());
        return JSON.readTree(response.body()).path("access_token").asString();
    }

    private HttpResponse<String> call(HttpRequest request) {
        try {
            return http.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new IllegalStateException("Keycloak admin API not reachable: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static String enc(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    private static String env(String name, String fallback) {
        String value = System.getenv(name);
        return value == null || value.isBlank() ? fallback : value;
    }
}
