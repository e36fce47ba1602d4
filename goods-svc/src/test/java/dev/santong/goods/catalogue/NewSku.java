package dev.santong.goods.catalogue;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** A SKU as HQ creates it, built by name. */
public final class NewSku {

    private final Map<String, Object> fields = new LinkedHashMap<>();

    private NewSku(String code, String name) {
        fields.put("code", code);
        fields.put("name", name);
        fields.put("warrantyMonths", 0);
    }

    public static NewSku of(String code, String name) {
        return new NewSku(code, name);
    }

    public NewSku ofProduct(String spuCode) {
        fields.put("spuCode", spuCode);
        return this;
    }

    public NewSku warrantyMonths(int months) {
        fields.put("warrantyMonths", months);
        return this;
    }

    public NewSku gtins(String... gtins) {
        fields.put("gtins", List.of(gtins));
        return this;
    }

    public NewSku storeCodes(String... codes) {
        fields.put("storeCodes", List.of(codes));
        return this;
    }

    public NewSku category(String category) {
        fields.put("category", category);
        return this;
    }

    public NewSku attributes(Map<String, String> attributes) {
        fields.put("attributes", attributes);
        return this;
    }

    public Map<String, Object> body() {
        return new LinkedHashMap<>(fields);
    }
}
