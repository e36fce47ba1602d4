package dev.santong.platform.testkit;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Supplier;

import javax.sql.DataSource;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * Walks every write operation (POST, PUT, PATCH) of a service's OpenAPI document with boundary and garbage values and
 * reports what a serious API must never do: answer 5xx, answer a 400 that names no field, answer a 4xx that is not a
 * problem detail, or change stored state on any 4xx.
 * <p>
 * For each operation: the body left empty, not JSON, and, for every property of its schema, a body valid-looking
 * everywhere else with that one property set to each probe value (a 10,000-character string, numbers far beyond any
 * column, a negative, the wrong type, a deep nest of lists).
 */
public final class WriteBoundaryProbe {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    /** A request the probe sent and what was wrong with its answer. */
    public record Finding(String operation, String variant, int status, String problem) {

        @Override
        public String toString() {
            return operation + " [" + variant + "] " + status + ": " + problem;
        }
    }

    private final Api api;
    private final Map<String, String> pathValues;
    private final Supplier<Map<String, String>> state;
    private int sent;
    private final Map<Integer, Integer> statuses = new TreeMap<>();

    /**
     * @param api        the service, as a caller allowed to reach its write operations
     * @param pathValues values for path variables by name (any other variable gets {@code probe})
     * @param state      a fingerprint of everything the service stores (table name to checksum)
     */
    public WriteBoundaryProbe(Api api, Map<String, String> pathValues, Supplier<Map<String, String>> state) {
        this.api = api;
        this.pathValues = pathValues;
        this.state = state;
    }

    /**
     * A fingerprint of everything a service's schema stores: each table's checksum ({@code CHECKSUM TABLE}, which
     * MariaDB and MySQL both answer), aside from bookkeeping that changes on its own clock: Flyway's history and
     * the cluster jobs' locks (a job taking its lock between two snapshots is not the refused request's doing).
     */
    public static Supplier<Map<String, String>> tableChecksums(DataSource dataSource) {
        return () -> {
            Map<String, String> sums = new TreeMap<>();
            try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement()) {
                List<String> tables = new ArrayList<>();
                try (ResultSet rows = statement.executeQuery("SHOW TABLES")) {
                    while (rows.next()) {
                        tables.add(rows.getString(1));
                    }
                }
                for (String table : tables) {
                    if (table.startsWith("flyway") || table.equalsIgnoreCase("shedlock")) {
                        continue;
                    }
                    try (ResultSet sum = statement.executeQuery("CHECKSUM TABLE " + table)) {
                        sum.next();
                        sums.put(table, sum.getString(2));
                    }
                }
            } catch (SQLException e) {
                throw new IllegalStateException("cannot read the service's tables", e);
            }
            return sums;
        };
    }

    public int sent() {
        return sent;
    }

    /** How many answers of each status the run got, to show what it reached. */
    public Map<Integer, Integer> statuses() {
        return statuses;
    }

    public List<Finding> run() {
        JsonNode document = api.get("/v3/api-docs").json();
        JsonNode schemas = document.path("components").path("schemas");
        List<Finding> findings = new ArrayList<>();
        for (Map.Entry<String, JsonNode> path : document.path("paths").properties()) {
            for (String method : List.of("post", "put", "patch")) {
                JsonNode operation = path.getValue().path(method);
                if (operation.isMissingNode()) {
                    continue;
                }
                String url = url(path.getKey(), path.getValue(), operation);
                String name = method.toUpperCase() + " " + path.getKey();
                JsonNode schema = resolve(operation.path("requestBody").path("content").path("application/json").path("schema"), schemas);
                for (Map.Entry<String, String> variant : variants(schema, schemas).entrySet()) {
                    send(name, method, url, variant.getKey(), variant.getValue(), findings);
                }
            }
        }
        return findings;
    }

    private void send(String name, String method, String url, String variant, String body, List<Finding> findings) {
        Map<String, String> before = state.get();
        Api.Response response = switch (method) {
            case "post" -> api.post(url, body);
            case "put" -> api.put(url, body);
            default -> api.patch(url, body);
        };
        sent++;
        int status = response.status();
        statuses.merge(status, 1, Integer::sum);
        if (status >= 500 && !dependencyUnavailable(response)) {
            findings.add(new Finding(name, variant, status, clip(response.body())));
            return;
        }
        if (status < 400) {
            return;
        }
        String type = response.header("Content-Type");
        if (type == null || !type.startsWith("application/problem+json")) {
            findings.add(new Finding(name, variant, status, "not a problem detail: " + type));
        } else if (status == 400) {
            JsonNode errors = response.json().path("errors");
            if (!errors.isArray() || errors.isEmpty() || errors.get(0).path("field").asString("").isBlank()) {
                findings.add(new Finding(name, variant, status, "names no field: " + clip(response.body())));
            }
        }
        Map<String, String> after = state.get();
        if (!before.equals(after)) {
            List<String> changed = new ArrayList<>();
            after.forEach((table, sum) -> {
                if (!sum.equals(before.get(table))) {
                    changed.add(table);
                }
            });
            findings.add(new Finding(name, variant, status, "a refused request changed " + changed));
        }
    }

    /**
     * A request the service accepted but could not complete because another service it must ask is away (the probe's
     * stack may not run it): the 503 problem that says so, with Retry-After, is the right answer, not a finding. It
     * must still change nothing, which the state check below holds it to.
     */
    private static boolean dependencyUnavailable(Api.Response response) {
        String type = response.header("Content-Type");
        return response.status() == 503 && response.header("Retry-After") != null && type != null
                && type.startsWith("application/problem+json") && response.json().path("type").asString().endsWith("/dependency-unavailable");
    }

    private String url(String template, JsonNode pathItem, JsonNode operation) {
        String url = template;
        List<JsonNode> parameters = new ArrayList<>();
        pathItem.path("parameters").forEach(parameters::add);
        operation.path("parameters").forEach(parameters::add);
        for (JsonNode parameter : parameters) {
            if ("path".equals(parameter.path("in").asString())) {
                String variable = parameter.path("name").asString();
                String type = parameter.path("schema").path("type").asString();
                String value = pathValues.getOrDefault(variable, "integer".equals(type) ? "1" : "probe");
                url = url.replace("{" + variable + "}", value);
            }
        }
        return url;
    }

    /** The bodies to send, by a name that says what each probes. */
    private static Map<String, String> variants(JsonNode schema, JsonNode schemas) {
        Map<String, String> variants = new LinkedHashMap<>();
        variants.put("not JSON", "{\"unterminated\": ");
        variants.put("empty object", "{}");
        variants.put("a list instead of an object", "[1, 2, 3]");
        if (!schema.path("properties").isObject()) {
            return variants;
        }
        ObjectNode plausible = plausible(schema, schemas, 0);
        for (Iterator<String> names = schema.path("properties").propertyNames().iterator(); names.hasNext(); ) {
            String property = names.next();
            for (Map.Entry<String, JsonNode> probe : probes().entrySet()) {
                ObjectNode body = plausible.deepCopy();
                body.set(property, probe.getValue());
                variants.put(property + " = " + probe.getKey(), JSON.writeValueAsString(body));
            }
        }
        return variants;
    }

    private static Map<String, JsonNode> probes() {
        Map<String, JsonNode> probes = new TreeMap<>();
        probes.put("10,000 characters", NODES.stringNode("x".repeat(10_000)));
        probes.put("1e30", NODES.numberNode(new java.math.BigDecimal("1e30")));
        probes.put("-1e30", NODES.numberNode(new java.math.BigDecimal("-1e30")));
        probes.put("2^63", NODES.numberNode(new java.math.BigInteger("9223372036854775808")));
        probes.put("-1", NODES.numberNode(-1));
        probes.put("an object", NODES.objectNode().put("nested", true));
        probes.put("1E+6000000 as text", NODES.stringNode("1E+6000000"));
        ArrayNode deep = NODES.arrayNode();
        ArrayNode inner = deep;
        for (int i = 0; i < 200; i++) {
            inner = inner.addArray();
        }
        probes.put("lists 200 deep", deep);
        return probes;
    }

    /** A body that looks valid where the schema says what is expected: each probe then changes one property only. */
    private static ObjectNode plausible(JsonNode schema, JsonNode schemas, int depth) {
        if (schema.path("example").isObject()) {
            // The document's own example is the best valid body there is.
            return (ObjectNode) schema.path("example").deepCopy();
        }
        ObjectNode body = NODES.objectNode();
        for (Map.Entry<String, JsonNode> property : schema.path("properties").properties()) {
            body.set(property.getKey(), sample(resolve(property.getValue(), schemas), schemas, depth));
        }
        return body;
    }

    private static JsonNode sample(JsonNode schema, JsonNode schemas, int depth) {
        if (schema.path("enum").isArray() && !schema.path("enum").isEmpty()) {
            return schema.path("enum").get(0);
        }
        String format = schema.path("format").asString("");
        if (!schema.path("example").isMissingNode() && !schema.path("example").isObject()) {
            return schema.path("example");
        }
        return switch (schema.path("type").asString("object")) {
            case "string" -> switch (format) {
                case "date-time" -> NODES.stringNode("2026-11-20T02:00:00Z");
                case "date" -> NODES.stringNode("2026-11-20");
                default -> NODES.stringNode("probe");
            };
            case "integer" -> NODES.numberNode(1);
            case "number" -> NODES.numberNode(1);
            case "boolean" -> NODES.booleanNode(true);
            case "array" -> depth > 3 ? NODES.arrayNode() : NODES.arrayNode().add(sample(resolve(schema.path("items"), schemas), schemas, depth + 1));
            default -> depth > 3 ? NODES.objectNode() : plausible(schema, schemas, depth + 1);
        };
    }

    private static JsonNode resolve(JsonNode schema, JsonNode schemas) {
        String ref = schema.path("$ref").asString("");
        return ref.startsWith("#/components/schemas/") ? schemas.path(ref.substring("#/components/schemas/".length())) : schema;
    }

    private static String clip(String text) {
        return text == null ? "" : text.substring(0, Math.min(300, text.length()));
    }
}
