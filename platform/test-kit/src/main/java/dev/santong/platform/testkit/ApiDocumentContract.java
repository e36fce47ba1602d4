package dev.santong.platform.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

import tools.jackson.databind.JsonNode;

/**
 * What every operation of a service's OpenAPI document must say for a shop or POS developer to use it from the document
 * alone: a summary, a stable operation id and a capability tag of its own (marked by the kit where its annotations lack
 * them), a success status, JSON rather than {@code * / *}, examples of its request body and its success answer, and for a
 * list the one list style (a page of items and next, not a bare array), and money as the money object, never a number
 * named as an amount.
 * Operations not yet there are listed in the service's {@code openapi-gaps.txt}: the test fails on any gap not listed
 * and on any listed gap that was closed, so the list only shrinks.
 */
public final class ApiDocumentContract {

    private ApiDocumentContract() {
    }

    /** Each operation ({@code GET /api/...}) with what it lacks. */
    public static Map<String, List<String>> gaps(JsonNode document) {
        Map<String, List<String>> gaps = new TreeMap<>();
        for (Map.Entry<String, JsonNode> path : document.path("paths").properties()) {
            for (Map.Entry<String, JsonNode> entry : path.getValue().properties()) {
                JsonNode operation = entry.getValue();
                if (!operation.isObject() || !operation.has("responses")) {
                    continue;
                }
                List<String> missing = new ArrayList<>();
                operation.path("x-documentation-gaps").forEach(gap -> missing.add(gap.asString()));
                List<String> successes = new ArrayList<>();
                operation.path("responses").propertyNames().forEach(status -> {
                    if (status.startsWith("2")) {
                        successes.add(status);
                    }
                });
                if (successes.isEmpty()) {
                    missing.add("success-status");
                }
                if (operation.toString().contains("\"*/*\"")) {
                    missing.add("media-type");
                }
                JsonNode body = operation.path("requestBody").path("content");
                if (!body.isMissingNode() && !hasExample(body, document)) {
                    missing.add("request-example");
                }
                if ("get".equals(entry.getKey()) && successes.stream().anyMatch(status -> answersBareArray(operation.path("responses").path(status)))) {
                    missing.add("list-style");
                }
                for (String status : successes) {
                    JsonNode content = operation.path("responses").path(status).path("content");
                    if (!content.isMissingNode() && !hasExample(content, document)) {
                        missing.add("response-example");
                        break;
                    }
                }
                if (successes.stream().anyMatch(status -> answersMoneyAsNumber(operation.path("responses").path(status), document))) {
                    missing.add("money");
                }
                if (!missing.isEmpty()) {
                    gaps.put(entry.getKey().toUpperCase(java.util.Locale.ROOT) + " " + path.getKey(), missing);
                }
            }
        }
        return gaps;
    }

    /** A list answered as a bare JSON array rather than a page of items and next (ADR 0011). */
    private static boolean answersBareArray(JsonNode response) {
        for (JsonNode media : response.path("content")) {
            if ("array".equals(media.path("schema").path("type").asString())) {
                return true;
            }
        }
        return false;
    }

    /** Names of amounts of money; an answer's number so named is money without its currency (ADR 0011). */
    private static final java.util.regex.Pattern MONEY_NAME = java.util.regex.Pattern.compile(
            "(?i).*(amount|price|revenue|aov|refund|paid|spend|gross|total|balance|value).*");

    /** An amount written as a JSON number rather than the money object (decimal string and currency). */
    private static boolean answersMoneyAsNumber(JsonNode response, JsonNode document) {
        for (JsonNode media : response.path("content")) {
            if (hasMoneyNumber(media.path("schema"), document, new java.util.HashSet<>())) {
                return true;
            }
        }
        return false;
    }

    private static boolean hasMoneyNumber(JsonNode schema, JsonNode document, java.util.Set<String> seen) {
        String ref = schema.path("$ref").asString("");
        if (!ref.isEmpty() && !seen.add(ref)) {
            return false;
        }
        JsonNode resolved = resolve(schema, document);
        for (Map.Entry<String, JsonNode> property : resolved.path("properties").properties()) {
            JsonNode value = resolve(property.getValue(), document);
            if ("number".equals(value.path("type").asString()) && MONEY_NAME.matcher(property.getKey()).matches()) {
                return true;
            }
            if (hasMoneyNumber(property.getValue(), document, seen)) {
                return true;
            }
        }
        for (String nested : List.of("items", "additionalProperties")) {
            if (resolved.path(nested).isObject() && hasMoneyNumber(resolved.path(nested), document, seen)) {
                return true;
            }
        }
        for (String alternatives : List.of("oneOf", "anyOf", "allOf")) {
            for (JsonNode alternative : resolved.path(alternatives)) {
                if (hasMoneyNumber(alternative, document, seen)) {
                    return true;
                }
            }
        }
        return false;
    }

    /** Compares the document's gaps with the ones the service lists as not yet closed ({@code /openapi-gaps.txt}). */
    public static void assertNoGapsBeyondTheListed(JsonNode document, Class<?> testClass) {
        Map<String, List<String>> actual = gaps(document);
        Map<String, List<String>> listed = listed(testClass);
        String asFile = actual.entrySet().stream().map(e -> e.getKey() + ": " + String.join(",", e.getValue())).collect(Collectors.joining("\n"));
        System.out.printf("OpenAPI document: %d operations, %d with gaps%n", operations(document), actual.size());
        assertThat(actual).as("gaps of the document against openapi-gaps.txt; the document's gaps now are:\n" + asFile).isEqualTo(listed);
    }

    public static int operations(JsonNode document) {
        int count = 0;
        for (JsonNode path : document.path("paths")) {
            Iterator<String> methods = path.propertyNames().iterator();
            while (methods.hasNext()) {
                if (path.path(methods.next()).has("responses")) {
                    count++;
                }
            }
        }
        return count;
    }

    private static Map<String, List<String>> listed(Class<?> testClass) {
        Map<String, List<String>> listed = new TreeMap<>();
        try (InputStream in = testClass.getResourceAsStream("/openapi-gaps.txt")) {
            if (in == null) {
                return listed;
            }
            for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
                if (line.isBlank() || line.startsWith("#")) {
                    continue;
                }
                int colon = line.lastIndexOf(": ");
                listed.put(line.substring(0, colon).strip(), List.of(line.substring(colon + 2).strip().split(",")));
            }
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        return listed;
    }

    /**
     * An example on the media type, or on the schema it names (directly, or on every property of that schema); bytes
     * (a download) need none.
     */
    private static boolean hasExample(JsonNode content, JsonNode document) {
        for (JsonNode media : content) {
            if (media.has("example") || media.has("examples")) {
                continue;
            }
            JsonNode schema = resolve(media.path("schema"), document);
            if (schema.has("example") || schema.has("examples") || "binary".equals(schema.path("format").asString())) {
                continue;
            }
            // One of several answers (two handlers on one path and method): each must have its example.
            JsonNode alternatives = schema.has("oneOf") ? schema.path("oneOf") : schema.path("anyOf");
            if (!alternatives.isEmpty()) {
                for (JsonNode alternative : alternatives) {
                    if (!exampled(resolve(alternative, document), document)) {
                        return false;
                    }
                }
                continue;
            }
            if ("array".equals(schema.path("type").asString()) && exampled(resolve(schema.path("items"), document), document)) {
                continue;
            }
            if (!exampled(schema, document)) {
                return false;
            }
        }
        return true;
    }

    private static boolean exampled(JsonNode schema, JsonNode document) {
        if (schema.has("example") || schema.has("examples")) {
            return true;
        }
        JsonNode properties = schema.path("properties");
        if (properties.isEmpty()) {
            return false;
        }
        for (JsonNode property : properties) {
            JsonNode resolved = resolve(property, document);
            boolean nested = ("object".equals(resolved.path("type").asString()) || resolved.has("properties")) && exampled(resolved, document);
            boolean array = "array".equals(resolved.path("type").asString())
                    && (resolved.has("example") || exampled(resolve(resolved.path("items"), document), document));
            if (!property.has("example") && !resolved.has("example") && !nested && !array && !"boolean".equals(resolved.path("type").asString())
                    && !resolved.has("enum")) {
                return false;
            }
        }
        return true;
    }

    private static JsonNode resolve(JsonNode schema, JsonNode document) {
        String ref = schema.path("$ref").asString("");
        if (ref.startsWith("#/components/schemas/")) {
            return document.path("components").path("schemas").path(ref.substring("#/components/schemas/".length()));
        }
        return schema;
    }
}
