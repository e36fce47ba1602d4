-- After-sales cases, opened in any channel for a purchase from any channel. Times are UTC.
CREATE TABLE aftersales_case (
    id                 CHAR(36)     NOT NULL,
    type               VARCHAR(16)  NOT NULL,
    status             VARCHAR(24)  NOT NULL,
    opened_channel     VARCHAR(16)  NOT NULL,
    opened_store       VARCHAR(32)  NULL,
    opened_by          VARCHAR(64)  NOT NULL,
    member_id          CHAR(36)     NULL,
    purchase_channel   VARCHAR(16)  NOT NULL,
    purchase_store     VARCHAR(32)  NULL,
    purchase_reference VARCHAR(64)  NOT NULL,
    sku_code           VARCHAR(64)  NOT NULL,
    quantity           INT          NOT NULL,
    reason             VARCHAR(500) NOT NULL,
    opened_at          DATETIME(6)  NOT NULL,
    first_response_due DATETIME(6)  NOT NULL,
    idempotency_key    VARCHAR(64)  NULL,
    request_hash       CHAR(64)     NULL,
    PRIMARY KEY (id),
    -- A client retrying "open case" with its key gets the case it opened, once.
    UNIQUE KEY uq_case_idempotency (opened_by, idempotency_key),
    KEY ix_case_opened_store (opened_store, opened_at),
    KEY ix_case_member (member_id)
) ENGINE = InnoDB;
