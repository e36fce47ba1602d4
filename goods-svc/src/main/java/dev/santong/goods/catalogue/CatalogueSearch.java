package dev.santong.goods.catalogue;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import dev.santong.platform.kit.persistence.SqlLike;
import tools.jackson.databind.json.JsonMapper;

/**
 * The catalogue as lists, in code order a batch at a time: SKUs and products by text (code or name), category, product
 * and status. Text search is a substring match over a few thousand rows: no index serves it, and none is needed at a
 * brand's catalogue size.
 */
@Component
public class CatalogueSearch {

    /**
     * @param text     part of the code or the name (the SKU's or its product's); null for any
     * @param category the SKU's category, else its product's; null for any
     * @param spu      the product's SKUs only; null for any
     * @param code     this SKU or product only; null for any
     * @param sellable only ACTIVE SKUs of no product or of an ACTIVE one (what a shop may show)
     */
    public record Filter(String text, String category, String spu, String code, boolean sellable) {

        public static Filter sellable(String text, String category) {
            return new Filter(text, category, null, null, true);
        }

        public static Filter sellableCode(String code) {
            return new Filter(null, null, null, code, true);
        }
    }

    /** A SKU as lists show it, with its product's name and the category it falls under. */
    @io.swagger.v3.oas.annotations.media.Schema(example = """
            {"code": "OX-BLU-M", "name": "Oxford shirt, blue, M", "spuCode": "SHIRT-OXFORD", "productName": "Oxford shirt", \
            "category": "shirts", "status": "ACTIVE", "attributes": {}}""")
    public record SkuSummary(String code, String name, String spuCode, String productName, String category, String status,
            Map<String, String> attributes) {
    }

    /** A product with its SKUs (code order). */
    @io.swagger.v3.oas.annotations.media.Schema(example = """
            {"spuCode": "SHIRT-OXFORD", "name": "Oxford shirt", "category": "shirts", "status": "ACTIVE", "skus": [{"code": "OX-BLU-M", \
            "name": "Oxford shirt, blue, M", "spuCode": "SHIRT-OXFORD", "productName": "Oxford shirt", "category": "shirts", \
            "status": "ACTIVE", "attributes": {}}]}""")
    public record ProductSummary(String spuCode, String name, String category, String status, List<SkuSummary> skus) {
    }

    private static final String SKU_COLUMNS = """
            SELECT s.code, s.name, s.spu_code, p.name AS product_name, COALESCE(s.category, p.category) AS category, s.status,
                   s.attributes_json
            FROM sku s LEFT JOIN product p ON p.spu_code = s.spu_code""";

    private final JdbcClient jdbc;
    private final JsonMapper json;

    CatalogueSearch(JdbcClient jdbc, JsonMapper json) {
        this.jdbc = jdbc;
        this.json = json;
    }

    /** Up to {@code count} SKUs after the code {@code after} (none: from the start), in code order. */
    public List<SkuSummary> skus(Filter filter, Optional<String> after, int count) {
        StringBuilder where = new StringBuilder(" WHERE 1 = 1");
        Map<String, Object> params = new HashMap<>();
        if (filter.text() != null) {
            where.append(" AND (s.code LIKE :text OR s.name LIKE :text OR p.name LIKE :text)");
            params.put("text", SqlLike.containing(filter.text()));
        }
        if (filter.category() != null) {
            where.append(" AND COALESCE(s.category, p.category) = :category");
            params.put("category", filter.category());
        }
        if (filter.spu() != null) {
            where.append(" AND s.spu_code = :spu");
            params.put("spu", filter.spu());
        }
        if (filter.code() != null) {
            where.append(" AND s.code = :code");
            params.put("code", filter.code());
        }
        if (filter.sellable()) {
            where.append(" AND s.status = 'ACTIVE' AND (p.status IS NULL OR p.status = 'ACTIVE')");
        }
        after.ifPresent(code -> {
            where.append(" AND s.code > :after");
            params.put("after", code);
        });
        params.put("n", count);
        return jdbc.sql(SKU_COLUMNS + where + " ORDER BY s.code LIMIT :n").params(params).query((rs, n) -> new SkuSummary(
                rs.getString("code"), rs.getString("name"), rs.getString("spu_code"), rs.getString("product_name"), rs.getString("category"),
                rs.getString("status"), attributes(rs.getString("attributes_json")))).list();
    }

    /**
     * Up to {@code count} products after the code {@code after}, in code order, each with its SKUs that pass the
     * filter; the text matches the product's code or name or any of its SKUs'.
     */
    public List<ProductSummary> products(Filter filter, Optional<String> after, int count) {
        StringBuilder where = new StringBuilder(" WHERE 1 = 1");
        Map<String, Object> params = new HashMap<>();
        if (filter.text() != null) {
            where.append(" AND (p.spu_code LIKE :text OR p.name LIKE :text OR EXISTS (SELECT 1 FROM sku s WHERE s.spu_code = p.spu_code"
                    + " AND (s.code LIKE :text OR s.name LIKE :text)))");
            params.put("text", SqlLike.containing(filter.text()));
        }
        if (filter.category() != null) {
            where.append(" AND p.category = :category");
            params.put("category", filter.category());
        }
        if (filter.code() != null) {
            where.append(" AND p.spu_code = :code");
            params.put("code", filter.code());
        }
        if (filter.sellable()) {
            where.append(" AND p.status = 'ACTIVE'");
        }
        after.ifPresent(code -> {
            where.append(" AND p.spu_code > :after");
            params.put("after", code);
        });
        params.put("n", count);
        Map<String, ProductSummary> products = new LinkedHashMap<>();
        jdbc.sql("SELECT p.spu_code, p.name, p.category, p.status FROM product p" + where + " ORDER BY p.spu_code LIMIT :n").params(params)
                .query((rs, n) -> new ProductSummary(rs.getString("spu_code"), rs.getString("name"), rs.getString("category"),
                        rs.getString("status"), new ArrayList<>()))
                .list().forEach(product -> products.put(product.spuCode(), product));
        if (products.isEmpty()) {
            return List.of();
        }
        String skuWhere = " WHERE s.spu_code IN (:spus)" + (filter.sellable() ? " AND s.status = 'ACTIVE'" : "");
        jdbc.sql(SKU_COLUMNS + skuWhere + " ORDER BY s.code").param("spus", products.keySet())
                .query((rs, n) -> new SkuSummary(rs.getString("code"), rs.getString("name"), rs.getString("spu_code"), rs.getString("product_name"),
                        rs.getString("category"), rs.getString("status"), attributes(rs.getString("attributes_json"))))
                .list().forEach(sku -> products.get(sku.spuCode()).skus().add(sku));
        return List.copyOf(products.values());
    }

    /** The barcodes printed on a SKU (GTINs as registered), for a shop's product page. */
    public List<String> gtins(String sku) {
        return jdbc.sql("SELECT as_printed FROM sku_barcode WHERE sku_code = :s AND kind = 'GTIN' ORDER BY code").param("s", sku)
                .query(String.class).list();
    }

    @SuppressWarnings("unchecked")
    private Map<String, String> attributes(String stored) {
        return stored == null ? Map.of() : json.readValue(stored, TreeMap.class);
    }
}
