package dev.santong.goods.stock;

import java.math.BigDecimal;
import java.util.List;

import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import io.swagger.v3.oas.annotations.media.Schema;

/** Stores and warehouses that hold stock: where they are, whether they offer pick-up, what each channel keeps back. */
@Component
class Locations {

    enum Kind { STORE, WAREHOUSE }

    @Schema(example = """
            {"name": "Store 9, Nanjing Road", "kind": "STORE", "latitude": 31.2352, "longitude": 121.4748, "pickupEnabled": true,
             "onlineBuffer": 2, "pickupBuffer": 1}""")
    record LocationSpec(@NotBlank @Size(max = 120) String name, @NotNull Kind kind,
            @DecimalMin("-90") @DecimalMax("90") BigDecimal latitude, @DecimalMin("-180") @DecimalMax("180") BigDecimal longitude,
            @NotNull Boolean pickupEnabled,
            @Schema(description = "Units of each SKU kept back from online holds at this location (shop floor shrinkage, display pieces)")
            @NotNull @Min(0) @Max(1_000_000) Long onlineBuffer,
            @Schema(description = "Units of each SKU kept back from pick-up holds at this store; 0 when not given")
            @Min(0) @Max(1_000_000) Long pickupBuffer) {
    }

@io.swagger.v3.oas.annotations.media.Schema(example = """
        {"code": "9", "name": "Store 9, Nanjing Road", "kind": "STORE", "latitude": 31.2352, "longitude": 121.4748, \
        "pickupEnabled": true, "onlineBuffer": 2, "pickupBuffer": 0}""")
    record Location(String code, String name, Kind kind, BigDecimal latitude, BigDecimal longitude, boolean pickupEnabled, long onlineBuffer,
            long pickupBuffer) {
    }

    private final JdbcClient jdbc;
    private final StockLedger ledger;

    Locations(JdbcClient jdbc, StockLedger ledger) {
        this.jdbc = jdbc;
        this.ledger = ledger;
    }

    Location define(String code, LocationSpec spec) {
        jdbc.sql("""
                INSERT INTO location (code, name, kind, latitude, longitude, pickup_enabled, online_buffer, pickup_buffer)
                VALUES (:code, :name, :kind, :lat, :lon, :pickup, :buffer, :pickupBuffer)
                ON DUPLICATE KEY UPDATE name = VALUES(name), kind = VALUES(kind), latitude = VALUES(latitude), longitude = VALUES(longitude),
                    pickup_enabled = VALUES(pickup_enabled), online_buffer = VALUES(online_buffer), pickup_buffer = VALUES(pickup_buffer)""")
                .param("code", code).param("name", spec.name()).param("kind", spec.kind().name()).param("lat", spec.latitude())
                .param("lon", spec.longitude()).param("pickup", spec.pickupEnabled()).param("buffer", spec.onlineBuffer())
                .param("pickupBuffer", spec.pickupBuffer() == null ? 0 : spec.pickupBuffer()).update();
        // A larger buffer is kept back from hot-mode buckets too.
        ledger.coverHotLevels(code);
        return find(code);
    }

    List<Location> all() {
        return jdbc.sql("SELECT * FROM location ORDER BY code").query(Locations::location).list();
    }

    Location find(String code) {
        return jdbc.sql("SELECT * FROM location WHERE code = :c").param("c", code).query(Locations::location).single();
    }

    private static Location location(java.sql.ResultSet rs, int n) throws java.sql.SQLException {
        return new Location(rs.getString("code"), rs.getString("name"), Kind.valueOf(rs.getString("kind")), rs.getBigDecimal("latitude"),
                rs.getBigDecimal("longitude"), rs.getBoolean("pickup_enabled"), rs.getLong("online_buffer"), rs.getLong("pickup_buffer"));
    }
}
