package dev.santong.goods.catalogue;

import java.util.List;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

/**
 * @param gtins          GS1 barcodes (GTIN-8/12/13/14), check digit verified
 * @param storeCodes     store-internal barcodes (no check digit), kept apart from GTINs
 * @param warrantyMonths used by after-sales to decide whether a repair is free
 * @param category       drives category earning multipliers and segments, e.g. apparel
 * @param attributes     what tells variants apart, e.g. colour: blue, size: M
 */
@io.swagger.v3.oas.annotations.media.Schema(example = """
        {"code": "OX-BLU-M", "spuCode": "SHIRT-OXFORD", "name": "Oxford shirt, blue, M", "warrantyMonths": 12, \
        "gtins": ["4006381333931"], "storeCodes": ["ST-OXBLUM"], "category": "shirts", "attributes": {"colour": "blue", "size": "M"}}""")
record CreateSkuRequest(
        @NotBlank @Size(max = 64) @Pattern(regexp = "[A-Za-z0-9._-]+", message = "may hold letters, digits, '.', '-' and '_' only") String code,
        @Size(max = 64) String spuCode,
        @NotBlank @Size(max = 200) String name,
        @NotNull @Min(0) @Max(120) Integer warrantyMonths,
        @Size(max = 20) List<@NotBlank String> gtins,
        @Size(max = 20) List<@NotBlank @Size(max = 64) String> storeCodes,
        @Size(max = 40) String category,
        @Size(max = 30) java.util.Map<@NotBlank @Size(max = 40) String, @NotNull @Size(max = 200) String> attributes) {

    public List<String> gtinsOrEmpty() {
        return gtins == null ? List.of() : gtins;
    }

    public List<String> storeCodesOrEmpty() {
        return storeCodes == null ? List.of() : storeCodes;
    }
}
