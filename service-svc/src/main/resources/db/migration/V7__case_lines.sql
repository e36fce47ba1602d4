-- A case covers one or more lines of the purchase: the SKU, how many, why (a reason code HQ can count), the item's
-- condition and its serial number (a kettle under warranty). Cases opened before lines existed get their one line.
CREATE TABLE case_line (
    case_id        CHAR(36)    NOT NULL,
    line_no        INT         NOT NULL,
    sku_code       VARCHAR(64) NOT NULL,
    quantity       INT         NOT NULL,
    reason_code    VARCHAR(32) NOT NULL,
    item_condition VARCHAR(24) NULL,
    serial_number  VARCHAR(64) NULL,
    PRIMARY KEY (case_id, line_no),
    KEY ix_case_line_sku (sku_code, reason_code)
) ENGINE = InnoDB;

INSERT INTO case_line (case_id, line_no, sku_code, quantity, reason_code, item_condition, serial_number)
SELECT id, 1, sku_code, quantity, 'OTHER', NULL, NULL FROM aftersales_case;
