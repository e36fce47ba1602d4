package dev.santong.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;

import dev.santong.platform.testkit.Api;
import tools.jackson.databind.JsonNode;

/** A shop or POS developer opens the API documents at the front door, without an account. */
class ApiDocumentsE2E {

    private final String gatewayUrl = System.getProperty("santong.gateway.url", "http://localhost:8080");
    private final Api gateway = Api.at(gatewayUrl);

    @Test
    void everyServicesDocumentIsAtTheGatewayAndSendsClientsToIt() {
        for (String service : List.of("members", "goods", "aftersales", "sync")) {
            Api.Response document = gateway.get("/v3/api-docs/" + service);
            assertThat(document.status()).as(service + ": " + document).isEqualTo(200);
            JsonNode servers = document.json().path("servers");
            assertThat(servers.get(0).path("url").asString()).as(service).isEqualTo("http://localhost:8080");
            assertThat(document.json().path("paths").size()).as(service).isGreaterThan(3);
        }
        assertThat(gateway.get("/v3/api-docs/goods").json().path("paths").has("/api/goods/shop/products")).isTrue();
        assertThat(gateway.get("/webjars/swagger-ui/index.html").status()).isEqualTo(200);
    }
}
