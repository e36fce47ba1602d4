package dev.santong.channelsync.upload;

import java.util.Map;
import java.util.TreeMap;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * One spelling per JSON value (object keys sorted, times as UTC instants), so that the same transaction resent by
 * a reinstalled POS, or split into another batch, has the same hash.
 */
final class CanonicalJson {

    private final JsonMapper json;

    CanonicalJson(JsonMapper json) {
        this.json = json;
    }

    String write(Object value) {
        return json.writeValueAsString(sorted(json.valueToTree(value)));
    }


    private JsonNode sorted(JsonNode node) {
        if (node.isObject()) {
            Map<String, JsonNode> byName = new TreeMap<>();
            node.properties().forEach(entry -> byName.put(entry.getKey(), sorted(entry.getValue())));
            ObjectNode copy = json.createObjectNode();
            byName.forEach(copy::set);
            return copy;
        }
        if (node.isArray()) {
            ArrayNode copy = json.createArrayNode();
            node.values().forEach(element -> copy.add(sorted(element)));
            return copy;
        }
        return node;
    }
}
