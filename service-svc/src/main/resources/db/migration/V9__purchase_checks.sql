-- A case is checked against its purchase as member-svc recorded it: when it was bought, in which currency, on what
-- terms the case goes ahead (return window, warranty, a free-service benefit, or charged) and until when.
-- claims_goods: the case takes goods back from the purchase (a return, exchange or claim not rejected or cancelled):
-- what other cases may still take back is what was bought minus these.
ALTER TABLE aftersales_case
    ADD COLUMN purchased_at      DATETIME(6)   NULL,
    ADD COLUMN currency          CHAR(3)       NULL,
    ADD COLUMN entitlement       VARCHAR(24)   NULL,
    ADD COLUMN entitled_until    DATETIME(6)   NULL,
    ADD COLUMN eligibility       VARCHAR(500)  NULL,
    ADD COLUMN contents_checked  BOOLEAN       NOT NULL DEFAULT FALSE,
    ADD COLUMN claims_goods      BOOLEAN       NOT NULL DEFAULT FALSE;

CREATE INDEX ix_case_purchase ON aftersales_case (purchase_reference, purchase_channel);

-- What the shopper paid for the line's goods, the part of the purchase a refund gives back.
ALTER TABLE case_line
    ADD COLUMN category     VARCHAR(40)   NULL,
    ADD COLUMN paid_amount  DECIMAL(14,2) NULL;

-- One row per purchase with cases, locked while a case is opened for it, so two cases opened at once cannot together
-- take back more than was bought.
CREATE TABLE case_purchase (
    purchase_key VARCHAR(200) NOT NULL,
    created_at   DATETIME(6)  NOT NULL,
    PRIMARY KEY (purchase_key)
) ENGINE = InnoDB;
