package dev.santong.platform.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

/** The probe against a deliberately careless API: it must report each of the faults a serious API must not have. */
class WriteBoundaryProbeTest {

    private static final String DOCUMENT = """
            {"openapi": "3.1.0", "paths": {"/notes/{id}": {"put": {"parameters": [{"name": "id", "in": "path", "schema": {"type": "string"}}],
              "requestBody": {"content": {"application/json": {"schema": {"$ref": "#/components/schemas/Note"}}}}}}},
             "components": {"schemas": {"Note": {"type": "object", "properties": {"text": {"type": "string"}, "count": {"type": "integer"}}}}}}""";

    private HttpServer server;
    private final AtomicInteger stored = new AtomicInteger();

    @BeforeEach
    void careless() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/v3/api-docs", exchange -> answer(exchange, 200, "application/json", DOCUMENT));
        server.createContext("/notes/", exchange -> {
            String body = read(exchange.getRequestBody());
            if (body.contains("xxxxxxxxxx")) {
                answer(exchange, 500, "application/json", "{\"error\": \"value too long for column text\"}");
            } else if (body.contains("nested")) {
                stored.incrementAndGet();
                answer(exchange, 400, "application/problem+json", "{\"title\": \"Bad Request\"}");
            } else if (!body.startsWith("{") || body.contains("unterminated")) {
                answer(exchange, 400, "text/html", "<h1>Bad Request</h1>");
            } else {
                stored.incrementAndGet();
                answer(exchange, 200, "application/json", "{}");
            }
        });
        server.start();
    }

    @AfterEach
    void stop() {
        server.stop(0);
    }

    @Test
    void reportsA5xxAFieldlessProblemAProblemThatIsNotOneAndARefusalThatChangedState() {
        Api api = Api.at("http://127.0.0.1:" + server.getAddress().getPort());
        WriteBoundaryProbe probe = new WriteBoundaryProbe(api, Map.of("id", "n1"), () -> Map.of("notes", Integer.toString(stored.get())));
        List<String> findings = probe.run().stream().map(Object::toString).toList();
        assertThat(findings).anyMatch(f -> f.contains("[text = 10,000 characters] 500"));
        assertThat(findings).anyMatch(f -> f.contains("[not JSON] 400: not a problem detail"));
        assertThat(findings).anyMatch(f -> f.contains("= an object] 400: names no field"));
        assertThat(findings).anyMatch(f -> f.contains("= an object] 400: a refused request changed [notes]"));
        assertThat(findings).noneMatch(f -> f.contains("[empty object]"));
    }

    private static String read(InputStream in) throws IOException {
        return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }

    private static void answer(HttpExchange exchange, int status, String type, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", type);
        exchange.sendResponseHeaders(status, bytes.length);
        exchange.getResponseBody().write(bytes);
        exchange.close();
    }
}
