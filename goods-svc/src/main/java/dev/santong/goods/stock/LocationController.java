package dev.santong.goods.stock;


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

import dev.santong.platform.kit.web.BareInVersion1;
import dev.santong.platform.kit.web.Page;

@RestController
@Tag(name = "Locations", description = "Stores and warehouses")
@RequestMapping("/api/goods")
class LocationController {

    private final Locations locations;

    LocationController(Locations locations) {
        this.locations = locations;
    }

    @Operation(operationId = "defineLocation",
            summary = "Define a store or warehouse: place, pick-up, what online and pick-up holds keep back (HQ)")
    @PutMapping("/locations/{code}")
    @PreAuthorize("hasRole('hq-admin')")
    Locations.Location defineLocation(@PathVariable @Pattern(regexp = "[A-Za-z0-9_-]{1,32}") String code,
            @Valid @RequestBody Locations.LocationSpec spec) {
        return locations.define(code, spec);
    }

    @Operation(operationId = "listLocations", summary = "Every store and warehouse")
    @GetMapping("/locations")
    @BareInVersion1
    Page<Locations.Location> locations() {
        return Page.all(locations.all());
    }
}
