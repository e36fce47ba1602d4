package dev.santong.member.points;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/** Goods of a store purchase brought back (in CNY): what the purchase earned and redeemed is reversed pro rata. */
public final class Return {

    private final Map<String, Object> fields = new LinkedHashMap<>();

    private Return(String storeId, String purchaseReference) {
        fields.put("purchase", Map.of("channel", "STORE", "storeId", storeId, "reference", purchaseReference));
        fields.put("channel", "STORE");
        fields.put("storeId", storeId);
        fields.put("currency", "CNY");
    }

    /** A return at the store the purchase was made in. */
    public static Return ofStorePurchase(String storeId, String purchaseReference) {
        return new Return(storeId, purchaseReference);
    }

    public Return reference(String returnReference) {
        fields.put("returnReference", returnReference);
        return this;
    }

    public Return amount(String returnedAmount) {
        fields.put("returnedAmount", returnedAmount);
        return this;
    }

    public Return at(Instant occurredAt) {
        fields.put("occurredAt", occurredAt.toString());
        return this;
    }

    public Map<String, Object> body() {
        return new LinkedHashMap<>(fields);
    }
}
