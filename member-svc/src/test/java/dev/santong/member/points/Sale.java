package dev.santong.member.points;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** A purchase that earns points, as a till or the shop sends it (in CNY), built by name. */
public final class Sale {

    private final Map<String, Object> fields = new LinkedHashMap<>();
    private final List<Map<String, Object>> lines = new ArrayList<>();
    private final List<Map<String, Object>> tenders = new ArrayList<>();

    private Sale(String memberId) {
        fields.put("memberId", memberId);
        fields.put("currency", "CNY");
    }

    public static Sale of(String memberId) {
        return new Sale(memberId);
    }

    public Sale inStore(String storeId) {
        fields.put("channel", "STORE");
        fields.put("storeId", storeId);
        return this;
    }

    public Sale online() {
        fields.put("channel", "ONLINE");
        fields.remove("storeId");
        return this;
    }

    public Sale reference(String reference) {
        fields.put("reference", reference);
        return this;
    }

    /** One line of a SKU without a category. */
    public Sale amount(String amount) {
        lines.add(Map.of("sku", "SKU-1", "amount", amount));
        return this;
    }

    /** A line of {@code quantity} units of a SKU, {@code amount} for all of them. */
    public Sale line(String sku, String category, String quantity, String amount) {
        lines.add(Map.of("sku", sku, "category", category, "quantity", quantity, "amount", amount));
        return this;
    }

    /** Part of the payment. */
    public Sale paidBy(String method, String amount) {
        tenders.add(Map.of("method", method, "amount", amount));
        return this;
    }

    public Sale at(Instant occurredAt) {
        fields.put("occurredAt", occurredAt.toString());
        return this;
    }

    public Map<String, Object> body() {
        Map<String, Object> body = new LinkedHashMap<>(fields);
        body.put("lines", List.copyOf(lines));
        if (!tenders.isEmpty()) {
            body.put("tenders", List.copyOf(tenders));
        }
        return body;
    }
}
