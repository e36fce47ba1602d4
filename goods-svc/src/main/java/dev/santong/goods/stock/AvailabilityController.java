package dev.santong.goods.stock;


import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;

import dev.santong.platform.kit.web.BareInVersion1;
import dev.santong.platform.kit.web.Page;

@RestController
@Tag(name = "Availability", description = "Where a SKU can be had, per channel")
@RequestMapping("/api/goods")
class AvailabilityController {

    private final Availability availability;

    AvailabilityController(Availability availability) {
        this.availability = availability;
    }

    @Operation(operationId = "getAvailability",
            summary = "Where a SKU can be had: per location what may be promised online, for pick-up and at all; nearest first with near=lat,lon",
            description = "The `limit` locations it answers are the answer (the nearest ones with near): one page, no next.")
    @GetMapping("/skus/{sku}/availability")
    @BareInVersion1
    Page<Availability.LocationAvailability> availability(@PathVariable String sku, @RequestParam(required = false) String near,
            @RequestParam(defaultValue = "false") boolean pickupOnly, @RequestParam(defaultValue = "50") @Min(1) @Max(500) int limit) {
        return Page.all(availability.of(sku, near, pickupOnly, limit));
    }
}
