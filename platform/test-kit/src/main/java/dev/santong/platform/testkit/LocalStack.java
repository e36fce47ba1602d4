package dev.santong.platform.testkit;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;

/**
 * Where the local stack runs: the same defaults and environment variables as {@code ./santong infra}, so tests
 * can also point at servers a developer already runs (a real MySQL 8, say).
 */
public record LocalStack(String dbHost, int dbPort, String dbAdminUser, String dbAdminPassword,
        String redisHost, int redisPort, String keycloakUrl) {

    public static final String REALM = "santong";

    public static LocalStack fromEnvironment() {
        return new LocalStack(
                env("SANTONG_DB_HOST", "127.0.0.1"),
                Integer.parseInt(env("SANTONG_DB_PORT", "3316")),
                env("SANTONG_DB_ADMIN_USER", "santong_admin"),
                env("SANTONG_DB_ADMIN_PASSWORD", "santong-admin-dev"),
                env("SANTONG_REDIS_HOST", "127.0.0.1"),
                Integer.parseInt(env("SANTONG_REDIS_PORT", "6389")),
                env("SANTONG_KEYCLOAK_URL", "http://localhost:8180"));
    }

    public String issuerUri() {
        return keycloakUrl + "/realms/" + REALM;
    }

    public String tokenEndpoint() {
        return issuerUri() + "/protocol/openid-connect/token";
    }

    public String jdbcUrl(String schema) {
        return "jdbc:mysql://" + dbHost + ":" + dbPort + "/" + schema
                + "?useSSL=false&allowPublicKeyRetrieval=true&connectionTimeZone=UTC&forceConnectionTimeZoneToSession=true";
    }

    /** Fails with the one sentence a developer needs when the stack is not running. */
    public void requireReachable() {
        requirePort("MariaDB", dbHost, dbPort);
        requirePort("Redis", redisHost, redisPort);
        java.net.URI keycloak = java.net.URI.create(keycloakUrl);
        requirePort("Keycloak", keycloak.getHost(), keycloak.getPort() < 0 ? 80 : keycloak.getPort());
    }

    private static void requirePort(String what, String host, int port) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(host, port), 1_000);
        } catch (IOException e) {
            throw new IllegalStateException(what + " is not reachable at " + host + ":" + port
                    + " - start the local stack with ./santong infra up", e);
        }
    }

    private static String env(String name, String fallback) {
        String value = System.getenv(name);
        return value == null || value.isBlank() ? fallback : value;
    }
}
