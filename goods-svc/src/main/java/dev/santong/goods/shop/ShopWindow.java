package dev.santong.goods.shop;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

import dev.santong.goods.catalogue.CatalogueSearch;
import dev.santong.goods.pricing.ShelfPrices;
import dev.santong.goods.stock.ShelfStock;
import dev.santong.platform.kit.money.Money;
import dev.santong.platform.kit.problem.ResourceNotFoundException;
import dev.santong.platform.kit.web.FilteredPages;
import dev.santong.platform.kit.web.Page;
import io.swagger.v3.oas.annotations.media.Schema;

/**
 * What the online shop shows: SKUs that are active, listed {@code ONLINE} and have a price in force online, grouped
 * into their products. Stock is shown as a state, never a count: a count is of use to competitors, not to shoppers.
 */
@Component
class ShopWindow {

    static final String CHANNEL = "ONLINE";

    enum StockState {
        IN_STOCK, LOW_STOCK, OUT_OF_STOCK
    }

    /**
     * @param priceValidUntil when the price shown stops holding, if a change is scheduled
     * @param pickupPlaces    how many stores could hold it for pick-up now
     */
    @Schema(example = """
            {"code": "OX-BLU-M", "name": "Oxford shirt, blue, M", "product": "SHIRT-OXFORD", "category": "shirts", \
            "attributes": {"colour": "blue", "size": "M"}, "price": {"amount": "199.00", "currency": "CNY"}, \
            "priceValidUntil": null, "stock": "IN_STOCK", "pickupPlaces": 1}""")
    record ShopSku(@Schema(example = "OX-BLU-M") String code, @Schema(example = "Oxford shirt, blue, M") String name,
            @Schema(example = "SHIRT-OXFORD") String product, @Schema(example = "shirts") String category, Map<String, String> attributes,
            Money price, Instant priceValidUntil, StockState stock, int pickupPlaces) {
    }

    /** @param priceFrom the lowest price among its SKUs shown; {@code stock} the best of theirs */
    @Schema(example = """
            {"code": "SHIRT-OXFORD", "name": "Oxford shirt", "category": "shirts", "priceFrom": {"amount": "199.00", "currency": "CNY"}, \
            "stock": "IN_STOCK", "skus": [{"code": "OX-BLU-M", "name": "Oxford shirt, blue, M", "product": "SHIRT-OXFORD", \
            "category": "shirts", "attributes": {"colour": "blue", "size": "M"}, "price": {"amount": "199.00", \
            "currency": "CNY"}, "priceValidUntil": null, "stock": "IN_STOCK", "pickupPlaces": 1}]}""")
    record ShopProduct(@Schema(example = "SHIRT-OXFORD") String code, @Schema(example = "Oxford shirt") String name,
            @Schema(example = "shirts") String category, Money priceFrom, StockState stock, List<ShopSku> skus) {
    }

    /** A SKU's own page: what the list shows and the GTINs printed on it. */
    @Schema(example = """
            {"sku": {"code": "OX-BLU-M", "name": "Oxford shirt, blue, M", "product": "SHIRT-OXFORD", "category": "shirts", \
            "attributes": {"colour": "blue", "size": "M"}, "price": {"amount": "199.00", "currency": "CNY"}, \
            "priceValidUntil": null, "stock": "IN_STOCK", "pickupPlaces": 1}, "gtins": ["4006381333931"]}""")
    record ShopSkuDetail(ShopSku sku, List<String> gtins) {
    }

    @Schema(example = """
            {"location": "9", "name": "Store 9, Nanjing Road", "stock": "LOW_STOCK", "distanceKm": 0.54}""")
    record PickupPlace(@Schema(example = "9") String location, @Schema(example = "Store 9, Nanjing Road") String name, StockState stock,
            Double distanceKm) {
    }

    record Query(String text, String category, String currency) {
    }

    private final CatalogueSearch catalogue;
    private final ShelfPrices prices;
    private final ShelfStock stock;
    private final Clock clock;
    private final int lowStockBelow;
    private final int maxScanned;

    ShopWindow(CatalogueSearch catalogue, ShelfPrices prices, ShelfStock stock, Clock clock,
            @Value("${santong.shop.low-stock-below:5}") int lowStockBelow, @Value("${santong.shop.max-scanned-per-page:1000}") int maxScanned) {
        this.catalogue = catalogue;
        this.prices = prices;
        this.stock = stock;
        this.clock = clock;
        this.lowStockBelow = lowStockBelow;
        this.maxScanned = maxScanned;
    }

    Page<ShopSku> skus(Query query, String cursor, int limit) {
        CatalogueSearch.Filter filter = CatalogueSearch.Filter.sellable(query.text(), query.category());
        return FilteredPages.read(cursor, limit, batch(limit), maxScanned, after -> catalogue.skus(filter, after, batch(limit)),
                CatalogueSearch.SkuSummary::code,
                page -> shopSkus(page, query.currency()), ShopSku::code);
    }

    Page<ShopProduct> products(Query query, String cursor, int limit) {
        CatalogueSearch.Filter filter = CatalogueSearch.Filter.sellable(query.text(), query.category());
        return FilteredPages.read(cursor, limit, batch(limit), maxScanned, after -> catalogue.products(filter, after, batch(limit)),
                CatalogueSearch.ProductSummary::spuCode,
                page -> shopProducts(page, query.currency()), ShopProduct::code);
    }

    ShopProduct product(String spu, String currency) {
        return shopProducts(catalogue.products(CatalogueSearch.Filter.sellableCode(spu), Optional.empty(), 1), currency).stream().findFirst()
                .orElseThrow(() -> new ResourceNotFoundException("product", spu));
    }

    ShopSkuDetail sku(String code, String currency) {
        return shopSkus(catalogue.skus(CatalogueSearch.Filter.sellableCode(code), Optional.empty(), 1), currency).stream().findFirst()
                .map(sku -> new ShopSkuDetail(sku, catalogue.gtins(code)))
                .orElseThrow(() -> new ResourceNotFoundException("SKU", code));
    }

    List<PickupPlace> pickupPlaces(String code, String near, int limit) {
        if (catalogue.skus(CatalogueSearch.Filter.sellableCode(code), Optional.empty(), 1).isEmpty()
                || !prices.listedAmong(List.of(code), CHANNEL).contains(code)) {
            throw new ResourceNotFoundException("SKU", code);
        }
        return stock.pickupPlaces(code, near, limit).stream()
                .map(place -> new PickupPlace(place.location(), place.name(), state(place.units()), place.distanceKm())).toList();
    }

    private static int batch(int limit) {
        return Math.max(limit + 1, 50);
    }

    private List<ShopSku> shopSkus(List<CatalogueSearch.SkuSummary> rows, String currency) {
        List<String> codes = rows.stream().map(CatalogueSearch.SkuSummary::code).toList();
        Set<String> listed = prices.listedAmong(codes, CHANNEL);
        List<String> candidates = codes.stream().filter(listed::contains).toList();
        Map<String, ShelfPrices.ShelfPrice> inForce = prices.inForceAmong(candidates, CHANNEL, currency, clock.instant());
        Map<String, ShelfStock.Summary> stocked = stock.summaries(inForce.keySet());
        return rows.stream().filter(row -> inForce.containsKey(row.code())).map(row -> {
            ShelfPrices.ShelfPrice price = inForce.get(row.code());
            ShelfStock.Summary summary = stocked.get(row.code());
            return new ShopSku(row.code(), row.name(), row.spuCode(), row.category(), row.attributes(), Money.of(price.amount(), price.currency()),
                    price.validUntil(), state(summary.online()), summary.pickupPlaces());
        }).toList();
    }

    private List<ShopProduct> shopProducts(List<CatalogueSearch.ProductSummary> rows, String currency) {
        List<CatalogueSearch.SkuSummary> allSkus = rows.stream().flatMap(product -> product.skus().stream()).toList();
        Map<String, ShopSku> shown = new java.util.HashMap<>();
        shopSkus(allSkus, currency).forEach(sku -> shown.put(sku.code(), sku));
        List<ShopProduct> products = new ArrayList<>();
        for (CatalogueSearch.ProductSummary row : rows) {
            List<ShopSku> skus = row.skus().stream().map(sku -> shown.get(sku.code())).filter(java.util.Objects::nonNull).toList();
            if (skus.isEmpty()) {
                continue;
            }
            Money from = skus.stream().map(ShopSku::price).min(Comparator.comparing(Money::amount)).orElseThrow();
            StockState best = skus.stream().map(ShopSku::stock).min(Comparator.naturalOrder()).orElseThrow();
            products.add(new ShopProduct(row.spuCode(), row.name(), row.category(), from, best, skus));
        }
        return products;
    }

    private StockState state(long units) {
        return units <= 0 ? StockState.OUT_OF_STOCK : units < lowStockBelow ? StockState.LOW_STOCK : StockState.IN_STOCK;
    }
}
