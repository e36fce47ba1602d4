package dev.santong.platform.kit.security;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Where tokens come from and whom they must be for.
 *
 * @param issuerUri   the {@code iss} every token must carry: the realm's public URL
 * @param jwkSetUri   where signing keys are fetched; may differ from the issuer inside a cluster
 * @param audience    the {@code aud} every token must contain; the realm adds it with an audience mapper
 * @param anonymousReads path patterns anyone may GET without a token (the online shop's catalogue); none by default.
 *                    A token sent anyway is still checked, so a bad one is refused rather than ignored.
 * @param allowedClients the clients ({@code azp}) whose tokens this service takes, a trailing {@code *} matching any
 *                    ending ({@code pos-store-*}); empty takes any client of the realm. A token another client got for
 *                    its own work is refused here, whatever its roles.
 */
@ConfigurationProperties("santong.security")
public record SantongSecurityProperties(String issuerUri, String jwkSetUri, String audience, java.util.List<String> anonymousReads,
        java.util.List<String> allowedClients) {

    public SantongSecurityProperties {
        if (issuerUri == null || issuerUri.isBlank()) {
            issuerUri = "http://localhost:8180/realms/santong";
        }
        if (jwkSetUri == null || jwkSetUri.isBlank()) {
            jwkSetUri = issuerUri + "/protocol/openid-connect/certs";
        }
        if (audience == null || audience.isBlank()) {
            audience = "santong-api";
        }
        anonymousReads = anonymousReads == null ? java.util.List.of() : java.util.List.copyOf(anonymousReads);
        allowedClients = allowedClients == null ? java.util.List.of()
                : allowedClients.stream().map(String::strip).filter(client -> !client.isEmpty()).toList();
    }

    /** Whether a token of this client ({@code azp}) may call the service. */
    public boolean allowsClient(String client) {
        if (allowedClients.isEmpty()) {
            return true;
        }
        return client != null && allowedClients.stream().anyMatch(allowed -> allowed.endsWith("*")
                ? client.startsWith(allowed.substring(0, allowed.length() - 1)) : client.equals(allowed));
    }
}
