package dev.santong.goods.stock;

import dev.santong.platform.testkit.Api;
import dev.santong.platform.testkit.Tokens;
import tools.jackson.databind.JsonNode;

/** Reading a level as HQ's analyst sees it, for the stock tests. */
final class Levels {

    private Levels() {
    }

    static JsonNode of(Api api, Tokens tokens, String sku, String location) {
        for (JsonNode level : api.as(tokens.hqAnalyst()).get("/api/goods/stock/" + sku).json()) {
            if (level.path("location").asString().equals(location)) {
                return level;
            }
        }
        throw new AssertionError("no level of " + sku + " at " + location);
    }
}
