-- Online orders the shop's server vouched for before checkout: a shopper redeems points only against their own, and
-- the share of the order points may pay is taken from this amount.
CREATE TABLE online_order (
    reference  VARCHAR(100)   NOT NULL,
    member_id  CHAR(36)       NOT NULL,
    amount     DECIMAL(14, 2) NOT NULL,
    currency   CHAR(3)        NOT NULL,
    vouched_by VARCHAR(64)    NOT NULL,
    vouched_at DATETIME(6)    NOT NULL,
    PRIMARY KEY (reference),
    KEY ix_online_order_member (member_id)
) ENGINE = InnoDB;
