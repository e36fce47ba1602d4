package dev.santong.goods.catalogue;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Pattern;

import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;

@RestController
@Tag(name = "Catalogue", description = "SKUs, their barcodes and products")
@RequestMapping("/api/goods")
class ProductController {

    private final Products products;

    ProductController(Products products) {
        this.products = products;
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
