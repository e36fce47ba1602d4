package dev.santong.goods.catalogue;

import java.net.URI;

import jakarta.validation.Valid;

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
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;

@RestController
@Tag(name = "Catalogue", description = "SKUs, their barcodes and products")
@RequestMapping("/api/goods/skus")
class SkuController {

    private final SkuCatalogue catalogue;
    private final ChannelListings listings;

    SkuController(SkuCatalogue catalogue, ChannelListings listings) {
        this.catalogue = catalogue;
        this.listings = listings;
    }

    /** HQ edits the catalogue. 201 for a new SKU, 200 when the same SKU was already created (a retry). */
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

    /** What a till does on every scan. */
    @Operation(operationId = "findSkuByBarcode", summary = "The SKU a scanned barcode stands for: a GTIN in any of its lengths, or a store code")
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
