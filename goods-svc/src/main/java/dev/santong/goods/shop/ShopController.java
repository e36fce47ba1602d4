package dev.santong.goods.shop;

import java.time.Duration;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

import org.springframework.http.CacheControl;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import dev.santong.platform.kit.web.Page;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.security.SecurityRequirements;
import io.swagger.v3.oas.annotations.tags.Tag;

/**
 * The online shop's catalogue, open to anyone without a token. Answers carry an ETag (an unchanged page is a 304 to
 * {@code If-None-Match}) and may be cached for a short while: prices and stock states move, but not by the second.
 */
@RestController
@RequestMapping("/api/goods/shop")
@Tag(name = "Shop catalogue", description = "What the online shop lists, for anyone: no token needed")
@SecurityRequirements
class ShopController {

    private static final CacheControl SHORTLY = CacheControl.maxAge(Duration.ofSeconds(30)).cachePublic();
    private static final String CODE = "[A-Za-z0-9._-]{1,64}";

    private final ShopWindow window;

    ShopController(ShopWindow window) {
        this.window = window;
    }

    @Operation(operationId = "listShopProducts", summary = "Products the online shop lists, with their SKUs, prices and stock states",
            description = "Products in code order, each with its SKUs that are listed online and have a price in force in the currency. "
                    + "A page may hold fewer items than the limit; only a missing next means the last page.")
    @GetMapping("/products")
    ResponseEntity<Page<ShopWindow.ShopProduct>> products(
            @Parameter(description = "Part of the product's or a SKU's code or name")
            @RequestParam(required = false) @Size(min = 1, max = 100) String q,
            @RequestParam(required = false) @Size(min = 1, max = 40) String category,
            @RequestParam(defaultValue = "CNY") @Pattern(regexp = "[A-Z]{3}") String currency,
            @RequestParam(defaultValue = "20") @Min(1) @Max(100) int limit,
            @Parameter(description = "The next of the page before") @RequestParam(required = false) @Size(max = 512) String cursor) {
        return cached(window.products(new ShopWindow.Query(q, category, currency), cursor, limit));
    }

    @Operation(operationId = "getShopProduct", summary = "A product the online shop lists, with its SKUs, prices and stock states")
    @GetMapping("/products/{code}")
    ResponseEntity<ShopWindow.ShopProduct> product(@PathVariable @Pattern(regexp = CODE) String code,
            @RequestParam(defaultValue = "CNY") @Pattern(regexp = "[A-Z]{3}") String currency) {
        return cached(window.product(code, currency));
    }

    @Operation(operationId = "listShopSkus", summary = "SKUs the online shop lists, with prices and stock states",
            description = "SKUs in code order that are listed online and have a price in force in the currency. A page may hold fewer "
                    + "items than the limit; only a missing next means the last page.")
    @GetMapping("/skus")
    ResponseEntity<Page<ShopWindow.ShopSku>> skus(
            @Parameter(description = "Part of the SKU's code or name, or its product's name")
            @RequestParam(required = false) @Size(min = 1, max = 100) String q,
            @RequestParam(required = false) @Size(min = 1, max = 40) String category,
            @RequestParam(defaultValue = "CNY") @Pattern(regexp = "[A-Z]{3}") String currency,
            @RequestParam(defaultValue = "20") @Min(1) @Max(100) int limit,
            @Parameter(description = "The next of the page before") @RequestParam(required = false) @Size(max = 512) String cursor) {
        return cached(window.skus(new ShopWindow.Query(q, category, currency), cursor, limit));
    }

    @Operation(operationId = "getShopSku", summary = "A SKU the online shop lists, with its price, stock state and GTINs")
    @GetMapping("/skus/{code}")
    ResponseEntity<ShopWindow.ShopSkuDetail> sku(@PathVariable @Pattern(regexp = CODE) String code,
            @RequestParam(defaultValue = "CNY") @Pattern(regexp = "[A-Z]{3}") String currency) {
        return cached(window.sku(code, currency));
    }

    @Operation(operationId = "listShopPickupPlaces",
            summary = "Stores where a listed SKU can be picked up, nearest first when near is given")
    @GetMapping("/skus/{code}/pickup-places")
    ResponseEntity<Page<ShopWindow.PickupPlace>> pickupPlaces(@PathVariable @Pattern(regexp = CODE) String code,
            @Parameter(description = "latitude,longitude in degrees", example = "31.2304,121.4737")
            @RequestParam(required = false) @Size(max = 40) String near,
            @RequestParam(defaultValue = "10") @Min(1) @Max(50) int limit) {
        // Never more than a page: the nearest stores are the ones worth showing.
        return cached(new Page<>(window.pickupPlaces(code, near, limit), null));
    }

    private static <T> ResponseEntity<T> cached(T body) {
        return ResponseEntity.ok().cacheControl(SHORTLY).body(body);
    }
}
