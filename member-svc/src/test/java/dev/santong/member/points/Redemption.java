package dev.santong.member.points;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/** Points spent on an order (in CNY), as a till or the shop sends it, built by name. */
public final class Redemption {

    private final Map<String, Object> fields = new LinkedHashMap<>();

    private Redemption(String memberId, long points) {
        fields.put("memberId", memberId);
        fields.put("points", points);
        fields.put("currency", "CNY");
    }

    public static Redemption of(String memberId, long points) {
        return new Redemption(memberId, points);
    }

    public Redemption inStore(String storeId) {
        fields.put("channel", "STORE");
        fields.put("storeId", storeId);
        return this;
    }

    public Redemption online() {
        fields.put("channel", "ONLINE");
        fields.remove("storeId");
        return this;
    }

    public Redemption reference(String reference) {
        fields.put("reference", reference);
        return this;
    }

    public Redemption onAnOrderOf(String orderAmount) {
        fields.put("orderAmount", orderAmount);
        return this;
    }

    public Redemption at(Instant occurredAt) {
        fields.put("occurredAt", occurredAt.toString());
        return this;
    }

    public Map<String, Object> body() {
        return new LinkedHashMap<>(fields);
    }
}
