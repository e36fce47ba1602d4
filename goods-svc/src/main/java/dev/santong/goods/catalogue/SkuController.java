package dev.santong.goods.catalogue;

import java.net.URI;

import jakarta.validation.Valid;

import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/api/goods/skus")
class SkuController {

    private final SkuCatalogue catalogue;

    SkuController(SkuCatalogue catalogue) {
        this.catalogue = catalogue;
    }

    /** HQ edits the catalogue. 201 for a new SKU, 200 when the same SKU was already created (a retry). */
    @PostMapping
    @PreAuthorize("hasRole('hq-admin')")
    ResponseEntity<SkuView> create(@Valid @RequestBody CreateSkuRequest request) {
        SkuCatalogue.Created created = catalogue.create(request);
        if (created.isNew()) {
            return ResponseEntity.created(URI.create("/api/goods/skus/" + created.sku().code())).body(created.sku());
        }
        return ResponseEntity.ok(created.sku());
    }

    @GetMapping("/{code}")
    SkuView byCode(@PathVariable String code) {
        return catalogue.byCode(code);
    }

    /** What a till does on every scan. */
    @GetMapping(params = "barcode")
    SkuView byBarcode(@RequestParam String barcode) {
        return catalogue.byBarcode(barcode);
    }
}
