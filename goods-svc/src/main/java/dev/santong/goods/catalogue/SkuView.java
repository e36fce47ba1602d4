package dev.santong.goods.catalogue;

import java.time.Instant;
import java.util.List;

@io.swagger.v3.oas.annotations.media.Schema(example = """
        {"code": "OX-BLU-M", "spuCode": "SHIRT-OXFORD", "name": "Oxford shirt, blue, M", "warrantyMonths": 12, "status": "ACTIVE", \
        "createdAt": "2026-11-01T00:00:00Z", "barcodes": [{"kind": "GTIN", "code": "04006381333931", "asPrinted": "4006381333931"}, \
        {"kind": "STORE_CODE", "code": "ST-OXBLUM", "asPrinted": "ST-OXBLUM"}], "category": "shirts", "attributes": {}}""")
record SkuView(String code, String spuCode, String name, int warrantyMonths, String status, Instant createdAt,
        List<Barcode> barcodes, String category, java.util.Map<String, String> attributes) {

    /** @param kind GTIN (code is the GTIN-14) or STORE_CODE; asPrinted is what was registered */
    public record Barcode(String kind, String code, String asPrinted) {
    }
}
