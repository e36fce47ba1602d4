package dev.santong.goods.catalogue;

import java.net.URI;
import java.util.List;

import jakarta.validation.Valid;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

import org.springframework.http.ResponseEntity;
import org.springframework.security.core.Authentication;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import dev.santong.platform.kit.problem.ResourceNotFoundException;
import dev.santong.platform.kit.security.CallerIdentity;
import dev.santong.platform.kit.web.FilteredPages;
import dev.santong.platform.kit.web.Page;
import dev.santong.platform.kit.web.Answers;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;

@RestController
@Tag(name = "Catalogue", description = "SKUs, their barcodes and products")
@RequestMapping("/api/goods/skus")
class SkuController {

    private static final String CHANNEL = "ONLINE|STORE|ALL|STORE:[A-Za-z0-9_-]{1,32}";
    private static final int BATCH = 200;

    private final SkuCatalogue catalogue;
    private final ChannelListings listings;
    private final CatalogueSearch search;

    SkuController(SkuCatalogue catalogue, ChannelListings listings, CatalogueSearch search) {
        this.catalogue = catalogue;
        this.listings = listings;
        this.search = search;
    }

    @Operation(operationId = "listSkus", summary = "SKUs by text, category, product and channel listing, in code order, a page at a time",
            description = "HQ, tills and store staff see the whole catalogue; a shopper only what the online shop lists. With listedIn a "
                    + "page may hold fewer items than the limit; only a missing next means the last page. With barcode=<scanned> instead "
                    + "(a GTIN in any of its lengths, or a store code) the answer is the one SKU it stands for, as a till scans.")
    @GetMapping
    Page<CatalogueSearch.SkuSummary> list(
            @Parameter(description = "Part of the SKU's code or name, or its product's name")
            @RequestParam(required = false) @Size(min = 1, max = 100) String q,
            @RequestParam(required = false) @Size(min = 1, max = 40) String category,
            @RequestParam(required = false) @Pattern(regexp = "[A-Za-z0-9._-]{1,64}") String spu,
            @Parameter(description = "Only SKUs this channel lists (ONLINE, STORE, STORE:<id>, ALL)") @RequestParam(required = false)
            @Pattern(regexp = CHANNEL) String listedIn,
            @RequestParam(defaultValue = "50") @Min(1) @Max(200) int limit,
            @Parameter(description = "The next of the page before") @RequestParam(required = false) @Size(max = 512) String cursor,
            Authentication authentication) {
        boolean shopper = CallerIdentity.of(authentication).isShopper();
        String channel = shopper ? "ONLINE" : listedIn;
        CatalogueSearch.Filter filter = new CatalogueSearch.Filter(q, category, spu, null, shopper);
        return FilteredPages.read(cursor, limit, BATCH, 10 * BATCH, after -> search.skus(filter, after, BATCH),
                CatalogueSearch.SkuSummary::code, rows -> listings.keepListed(rows, channel, row -> List.of(row.code())),
                CatalogueSearch.SkuSummary::code);
    }

    /** HQ edits the catalogue. 201 for a new SKU, 200 when the same SKU was already created (a retry). */
    @Answers.CreatedOrReplayed
    @Operation(operationId = "createSku", summary = "Create a SKU with its barcodes (HQ); the same request again answers the stored SKU")
    @PostMapping
    @PreAuthorize("hasRole('hq-admin')")
    ResponseEntity<SkuView> create(@Valid @RequestBody CreateSkuRequest request) {
        SkuCatalogue.Created created = catalogue.create(request);
        if (created.isNew()) {
            return ResponseEntity.created(URI.create("/api/goods/skus/" + created.sku().code())).body(created.sku());
        }
        return ResponseEntity.ok(created.sku());
    }

    @Operation(operationId = "getSku", summary = "A SKU by its code; shoppers see only what the online shop lists")
    @GetMapping("/{code}")
    SkuView byCode(@PathVariable String code, Authentication authentication) {
        return visible(catalogue.byCode(code), authentication);
    }

    /** What a till does on every scan. One operation with the list in the document: the same path and method. */
    @Operation(operationId = "listSkus", summary = "SKUs by text, category, product and channel listing, in code order, a page at a time")
    @GetMapping(params = "barcode")
    SkuView byBarcode(@RequestParam String barcode, Authentication authentication) {
        return visible(catalogue.byBarcode(barcode), authentication);
    }

    /** Shoppers see what the online shop lists; tills, staff and HQ see the whole catalogue. */
    private SkuView visible(SkuView sku, Authentication authentication) {
        CallerIdentity caller = CallerIdentity.of(authentication);
        if (caller.isShopper() && !listings.isListed(sku.code(), "ONLINE")) {
            throw new ResourceNotFoundException("SKU", sku.code());
        }
        return sku;
    }
}
