package dev.santong.platform.testkit;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** A small HTTP client for tests that call a service or the gateway as a real client would. */
public final class Api {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    // HTTP/1.1, as tills and shops call; no Santong server speaks h2c, which the JDK client would ask each connection for.
    private static final HttpClient HTTP = newClient();

    private final String baseUrl;
    private final Map<String, String> headers;

    private Api(String baseUrl, Map<String, String> headers) {
        this.baseUrl = baseUrl;
        this.headers = headers;
    }

    public static Api at(String baseUrl) {
        return new Api(baseUrl, Map.of());
    }

    /** The same client, sending {@code Authorization: Bearer <token>}. */
    public Api as(String token) {
        return header("Authorization", "Bearer " + token);
    }

    public Api header(String name, String value) {
        Map<String, String> copy = new LinkedHashMap<>(headers);
        copy.put(name, value);
        return new Api(baseUrl, copy);
    }

    public Response get(String path) {
        return send(builder(path).GET());
    }

    public Response post(String path, Object body) {
        return send(builder(path).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body instanceof String raw ? raw : JSON.writeValueAsString(body))));
    }


    public Response put(String path, Object body) {
        return send(builder(path).header("Content-Type", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofString(body instanceof String raw ? raw : JSON.writeValueAsString(body))));
    }

    public Response patch(String path, Object body) {
        return send(builder(path).header("Content-Type", "application/json")
                .method("PATCH", HttpRequest.BodyPublishers.ofString(body instanceof String raw ? raw : JSON.writeValueAsString(body))));
    }

    /** Any method, with a body of the given type or none ({@code body} null). */
    public Response call(String method, String path, String contentType, String body) {
        HttpRequest.Builder request = builder(path);
        if (body == null) {
            return send(request.method(method, HttpRequest.BodyPublishers.noBody()));
        }
        return send(request.header("Content-Type", contentType).method(method, HttpRequest.BodyPublishers.ofString(body)));
    }

    /** A file sent as the request body with its declared type (the service reads the bytes, whatever is declared). */
    public Response upload(String path, String contentType, byte[] bytes) {
        return send(builder(path).header("Content-Type", contentType).POST(HttpRequest.BodyPublishers.ofByteArray(bytes)));
    }

    /** A response whose body is bytes (a file), with its status and headers. */
    public record Download(int status, HttpHeaders headers, byte[] body) {
    }

    public Download download(String path) {
        try {
            HttpResponse<byte[]> response = HTTP.send(builder(path).GET().build(), HttpResponse.BodyHandlers.ofByteArray());
            return new Download(response.statusCode(), response.headers(), response.body());
        } catch (IOException e) {
            throw new IllegalStateException("call failed: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** An OPTIONS request (a browser's CORS preflight, with the headers set on this Api). */
    public Response options(String path) {
        return send(builder(path).method("OPTIONS", HttpRequest.BodyPublishers.noBody()));
    }

    public Response delete(String path) {
        return send(builder(path).DELETE());
    }

    private HttpRequest.Builder builder(String path) {
        HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create(baseUrl + path)).timeout(Duration.ofSeconds(30));
        headers.forEach(builder::header);
        return builder;
    }

    private static HttpClient newClient() {
        return HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(5)).build();
    }

    /**
     * A read that got no answer at all within its timeout is asked once more on a connection of its own, and said so on
     * the test's output: in CI a GET to the gateway has hung for its full 30 s with nothing in the gateway's log, a
     * pooled connection's fault as far as anything shows, not the call's. A write is never sent twice.
     */
    private static Response send(HttpRequest.Builder request) {
        HttpRequest built = request.build();
        try {
            return send(HTTP, built);
        } catch (IllegalStateException unanswered) {
            if (!(unanswered.getCause() instanceof java.net.http.HttpTimeoutException)
                    || !java.util.Set.of("GET", "HEAD", "OPTIONS").contains(built.method())) {
                throw unanswered;
            }
            System.out.printf("Api: %s %s got no answer in %s; asked again on a new connection%n", built.method(), built.uri(),
                    built.timeout().orElse(null));
            try (HttpClient fresh = newClient()) {
                return send(fresh, built);
            }
        }
    }

    private static Response send(HttpClient client, HttpRequest request) {
        try {
            HttpResponse<String> response = client.send(request, HttpResponse.BodyHandlers.ofString());
            return new Response(response.statusCode(), response.headers(), response.body());
        } catch (IOException e) {
            throw new IllegalStateException("call failed: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    public record Response(int status, HttpHeaders headers, String body) {

        public JsonNode json() {
            return JSON.readTree(body);
        }

        public String header(String name) {
            return headers.firstValue(name).orElse(null);
        }

        @Override
        public String toString() {
            return status + " " + body;
        }
    }
}
