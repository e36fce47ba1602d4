-- Sellable units and the barcodes a till scans for them. Times are UTC.
CREATE TABLE sku (
    code            VARCHAR(64)  NOT NULL,
    spu_code        VARCHAR(64)  NULL,
    name            VARCHAR(200) NOT NULL,
    warranty_months INT          NOT NULL,
    status          VARCHAR(16)  NOT NULL,
    created_at      DATETIME(6)  NOT NULL,
    PRIMARY KEY (code),
    KEY ix_sku_spu (spu_code)
) ENGINE = InnoDB;

-- GTINs are stored as GTIN-14 (left-padded) so a UPC-A scanned as 12 digits and the same code printed as
-- EAN-13 find the same SKU. A barcode belongs to one SKU; store-internal codes are kept apart by kind.
CREATE TABLE sku_barcode (
    kind       VARCHAR(16) NOT NULL,
    code       VARCHAR(64) NOT NULL,
    sku_code   VARCHAR(64) NOT NULL,
    as_printed VARCHAR(64) NOT NULL,
    PRIMARY KEY (kind, code),
    KEY ix_sku_barcode_sku (sku_code),
    CONSTRAINT fk_sku_barcode_sku FOREIGN KEY (sku_code) REFERENCES sku (code)
) ENGINE = InnoDB;
