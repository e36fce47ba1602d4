-- What a purchase was made of and how it was paid, so after-sales can check a return against it (which SKUs, how
-- many) and pay a refund back the way the shopper paid. Purchases recorded before this have no lines here.
CREATE TABLE purchase_line (
    purchase_key VARCHAR(200)  NOT NULL,
    line_no      INT           NOT NULL,
    sku          VARCHAR(64)   NULL,
    category     VARCHAR(40)   NULL,
    quantity     DECIMAL(12,3) NOT NULL,
    amount       DECIMAL(14,2) NOT NULL,
    PRIMARY KEY (purchase_key, line_no)
) ENGINE = InnoDB;

CREATE TABLE purchase_tender (
    purchase_key VARCHAR(200)  NOT NULL,
    tender_no    INT           NOT NULL,
    method       VARCHAR(32)   NOT NULL,
    amount       DECIMAL(14,2) NOT NULL,
    PRIMARY KEY (purchase_key, tender_no)
) ENGINE = InnoDB;
