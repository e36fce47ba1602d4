package dev.santong.goods.catalogue;

import java.time.Clock;
import java.util.List;
import java.util.Map;

import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import dev.santong.goods.feed.ChangeFeed;
import dev.santong.platform.kit.persistence.SqlTime;
import dev.santong.platform.kit.problem.ResourceNotFoundException;

/** Products (SPU): what SKUs are variants of, with the category and warranty their SKUs share. */
@Component
class Products {

@io.swagger.v3.oas.annotations.media.Schema(example = """
        {"name": "Oxford shirt", "category": "shirts", "warrantyMonths": 12, "status": "ACTIVE"}""")
    public record ProductSpec(@NotBlank @Size(max = 200) String name, @NotBlank @Size(max = 40) String category,
            @NotNull @Min(0) Integer warrantyMonths, @NotNull @Pattern(regexp = "ACTIVE|DISCONTINUED") String status) {
    }

@io.swagger.v3.oas.annotations.media.Schema(example = """
        {"spuCode": "SHIRT-OXFORD", "name": "Oxford shirt", "category": "shirts", "warrantyMonths": 12, "status": "ACTIVE", \
        "skus": ["OX-BLU-L", "OX-BLU-M"]}""")
    public record Product(String spuCode, String name, String category, int warrantyMonths, String status, List<String> skus) {
    }

    private final JdbcClient jdbc;
    private final ChangeFeed feed;
    private final Clock clock;

    Products(JdbcClient jdbc, ChangeFeed feed, Clock clock) {
        this.jdbc = jdbc;
        this.feed = feed;
        this.clock = clock;
    }

    /** Creates or replaces the product; tills hear of it through the change feed. */
    public Product define(String spu, ProductSpec spec) {
        jdbc.sql("""
                INSERT INTO product (spu_code, name, category, warranty_months, status, updated_at) VALUES (:spu, :name, :cat, :w, :st, :now)
                ON DUPLICATE KEY UPDATE name = VALUES(name), category = VALUES(category), warranty_months = VALUES(warranty_months),
                    status = VALUES(status), updated_at = VALUES(updated_at)""")
                .param("spu", spu).param("name", spec.name()).param("cat", spec.category()).param("w", spec.warrantyMonths())
                .param("st", spec.status()).param("now", SqlTime.of(clock.instant())).update();
        feed.append(ChangeFeed.Kind.CATALOGUE, spu, null, Map.of("product", spu, "status", spec.status()));
        return find(spu);
    }

    public Product find(String spu) {
        List<String> skus = jdbc.sql("SELECT code FROM sku WHERE spu_code = :s ORDER BY code").param("s", spu).query(String.class).list();
        return jdbc.sql("SELECT spu_code, name, category, warranty_months, status FROM product WHERE spu_code = :s").param("s", spu)
                .query((rs, n) -> new Product(rs.getString("spu_code"), rs.getString("name"), rs.getString("category"),
                        rs.getInt("warranty_months"), rs.getString("status"), skus))
                .optional().orElseThrow(() -> new ResourceNotFoundException("product", spu));
    }
}
