-- Stock moving between locations: out of the sender when sent, in transit until received, received as counted at the
-- receiver; a difference between sent and received is kept as the transfer's discrepancy.
CREATE TABLE transfer (
    id                CHAR(36)     NOT NULL,
    business_key      VARCHAR(200) NOT NULL,
    sku_code          VARCHAR(64)  NOT NULL,
    from_location     VARCHAR(32)  NOT NULL,
    to_location       VARCHAR(32)  NOT NULL,
    quantity_sent     BIGINT       NOT NULL,
    quantity_received BIGINT       NULL,
    status            VARCHAR(16)  NOT NULL,
    sent_at           DATETIME(6)  NOT NULL,
    received_at       DATETIME(6)  NULL,
    note              VARCHAR(500) NULL,
    PRIMARY KEY (id),
    UNIQUE KEY uq_transfer_key (business_key),
    KEY ix_transfer_to (to_location, status)
) ENGINE = InnoDB;
