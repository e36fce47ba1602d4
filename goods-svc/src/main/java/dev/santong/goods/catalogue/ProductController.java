package dev.santong.goods.catalogue;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import dev.santong.platform.kit.security.CallerIdentity;
import dev.santong.platform.kit.web.FilteredPages;
import dev.santong.platform.kit.web.Page;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.tags.Tag;

@RestController
@Tag(name = "Catalogue", description = "SKUs, their barcodes and products")
@RequestMapping("/api/goods")
class ProductController {

    private static final String CHANNEL = "ONLINE|STORE|ALL|STORE:[A-Za-z0-9_-]{1,32}";
    private static final int BATCH = 100;

    private final Products products;
    private final CatalogueSearch search;
    private final ChannelListings listings;

    ProductController(Products products, CatalogueSearch search, ChannelListings listings) {
        this.products = products;
        this.search = search;
        this.listings = listings;
    }

    @Operation(operationId = "listProducts",
            summary = "Products with their SKUs by text, category and channel listing, in code order, a page at a time",
            description = "HQ, tills and store staff see every product; a shopper only active ones with a SKU the online shop lists. With "
                    + "listedIn a product is shown when one of its SKUs is listed there; a page may then hold fewer items than the limit, and "
                    + "only a missing next means the last page.")
    @GetMapping("/products")
    Page<CatalogueSearch.ProductSummary> list(
            @Parameter(description = "Part of the product's or a SKU's code or name")
            @RequestParam(required = false) @Size(min = 1, max = 100) String q,
            @RequestParam(required = false) @Size(min = 1, max = 40) String category,
            @Parameter(description = "Only products with a SKU this channel lists (ONLINE, STORE, STORE:<id>, ALL)")
            @RequestParam(required = false) @Pattern(regexp = CHANNEL) String listedIn,
            @RequestParam(defaultValue = "20") @Min(1) @Max(100) int limit,
            @Parameter(description = "The next of the page before") @RequestParam(required = false) @Size(max = 512) String cursor,
            Authentication authentication) {
        boolean shopper = CallerIdentity.of(authentication).isShopper();
        String channel = shopper ? "ONLINE" : listedIn;
        CatalogueSearch.Filter filter = new CatalogueSearch.Filter(q, category, null, null, shopper);
        return FilteredPages.read(cursor, limit, BATCH, 10 * BATCH, after -> search.products(filter, after, BATCH),
                CatalogueSearch.ProductSummary::spuCode,
                rows -> listings.keepListed(rows, channel, row -> row.skus().stream().map(CatalogueSearch.SkuSummary::code).toList()),
                CatalogueSearch.ProductSummary::spuCode);
    }

    @Operation(operationId = "defineProduct", summary = "Create or replace a product (SPU); tills hear of it through the change feed (HQ)")
    @PutMapping("/products/{spu}")
    @PreAuthorize("hasRole('hq-admin')")
    Products.Product product(@PathVariable @Pattern(regexp = "[A-Za-z0-9._-]{1,64}") String spu, @Valid @RequestBody Products.ProductSpec spec) {
        return products.define(spu, spec);
    }

    @Operation(operationId = "getProduct", summary = "A product with the codes of its SKUs")
    @GetMapping("/products/{spu}")
    Products.Product product(@PathVariable String spu) {
        return products.find(spu);
    }
}
