package dev.santong.platform.testkit;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import tools.jackson.databind.json.JsonMapper;

/** The santong realm's signing keys, rotated the way an operator does it: a new key of higher priority signs from now on. */
public final class RealmKeys {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private final RealmUsers admin;

    public RealmKeys(LocalStack stack) {
        this.admin = new RealmUsers(stack);
    }

    /** Adds a generated RSA key that outranks the realm's own; close it to remove the key again. */
    public Rotation rotate() {
        String realmId = JSON.readTree(admin.send("GET", "", null).body()).path("id").asString();
        String name = "rotated-" + UUID.randomUUID();
        Map<String, Object> component = Map.of("name", name, "providerId", "rsa-generated", "providerType", "org.keycloak.keys.KeyProvider",
                "parentId", realmId, "config", Map.of("priority", List.of("1000"), "keySize", List.of("2048"), "active", List.of("true"),
                        "enabled", List.of("true"), "algorithm", List.of("RS256")));
        String location = admin.send("POST", "/components", JSON.writeValueAsString(component)).headers().firstValue("Location").orElseThrow();
        return new Rotation(location.substring(location.lastIndexOf('/') + 1));
    }

    public final class Rotation implements AutoCloseable {

        private final String componentId;

        private Rotation(String componentId) {
            this.componentId = componentId;
        }

        @Override
        public void close() {
            admin.send("DELETE", "/components/" + componentId, null);
        }
    }
}
