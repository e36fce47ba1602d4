package dev.santong.console.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.util.TestSocketUtils;

/** The console's metrics answer Prometheus on the management port (the chart's), and nobody signed out on the public one. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class ConsoleMetricsIT {

    private static final int MANAGEMENT_PORT = TestSocketUtils.findAvailableTcpPort();

    @DynamicPropertySource
    static void managementPort(DynamicPropertyRegistry registry) {
        registry.add("management.server.port", () -> MANAGEMENT_PORT);
    }

    @LocalServerPort
    int publicPort;

    private final HttpClient http = HttpClient.newHttpClient();

    @Test
    void prometheusScrapesTheManagementPortWhileThePublicPortShowsNoMetrics() throws Exception {
        HttpResponse<String> scraped = get("http://127.0.0.1:" + MANAGEMENT_PORT + "/actuator/prometheus");
        assertThat(scraped.statusCode()).isEqualTo(200);
        assertThat(scraped.body()).contains("application=\"hq-console\"");

        HttpResponse<String> publicMetrics = get("http://127.0.0.1:" + publicPort + "/console/actuator/prometheus");
        assertThat(publicMetrics.statusCode()).isNotEqualTo(200);
        assertThat(publicMetrics.body()).doesNotContain("jvm_memory");
    }

    private HttpResponse<String> get(String url) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(url)).build(), HttpResponse.BodyHandlers.ofString());
    }
}
