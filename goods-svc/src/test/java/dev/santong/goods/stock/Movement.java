package dev.santong.goods.stock;

import java.time.Instant;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** A stock movement as a till, a warehouse system or HQ posts it, built by name. */
public final class Movement {

    private final Map<String, Object> fields = new LinkedHashMap<>();

    private Movement(String cause, String sku, long quantity) {
        fields.put("sku", sku);
        fields.put("cause", cause);
        fields.put("quantity", quantity);
    }

    /** {@code quantity} units of {@code sku} moved for {@code cause} (RECEIPT, POS_SALE, COUNT…), signed as the ledger takes them. */
    public static Movement of(String cause, String sku, long quantity) {
        return new Movement(cause, sku, quantity);
    }

    public static Movement receipt(String sku, long quantity) {
        return of("RECEIPT", sku, quantity);
    }

    public Movement at(String location) {
        fields.put("location", location);
        return this;
    }

    public Movement on(Instant businessTime) {
        fields.put("businessTime", businessTime.toString());
        return this;
    }

    public Movement reference(String reference) {
        fields.put("reference", reference);
        return this;
    }

    /** The receipt line, when one receipt moves the same SKU on several lines. */
    public Movement line(String line) {
        fields.put("line", line);
        return this;
    }

    public Map<String, Object> body() {
        return new LinkedHashMap<>(fields);
    }

    /** A receipt's movements posted together: {@code {"movements": [...]}}. */
    public static Map<String, Object> batch(Movement... movements) {
        return Map.of("movements", List.copyOf(Arrays.stream(movements).map(Movement::body).toList()));
    }
}
