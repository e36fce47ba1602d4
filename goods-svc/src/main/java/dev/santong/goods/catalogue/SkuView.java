package dev.santong.goods.catalogue;

import java.time.Instant;
import java.util.List;

record SkuView(String code, String spuCode, String name, int warrantyMonths, String status, Instant createdAt,
        List<Barcode> barcodes, String category, java.util.Map<String, String> attributes) {

    /** @param kind GTIN (code is the GTIN-14) or STORE_CODE; asPrinted is what was registered */
    public record Barcode(String kind, String code, String asPrinted) {
    }
}
