-- Where stock is: stores and warehouses. Coordinates answer "nearest stores with stock".
CREATE TABLE location (
    code             VARCHAR(32)  NOT NULL,
    name             VARCHAR(120) NOT NULL,
    kind             VARCHAR(16)  NOT NULL,
    latitude         DECIMAL(9,6) NULL,
    longitude        DECIMAL(9,6) NULL,
    pickup_enabled   BOOLEAN      NOT NULL,
    online_buffer    BIGINT       NOT NULL,
    PRIMARY KEY (code)
) ENGINE = InnoDB;

-- The level of a SKU at a location. on_hand is the sum of its movements' effective deltas; reserved is held for
-- reservations (or, in hot mode, for the buckets); available = on_hand - reserved - safety_stock.
CREATE TABLE stock_level (
    sku_code          VARCHAR(64) NOT NULL,
    location_code     VARCHAR(32) NOT NULL,
    on_hand           BIGINT      NOT NULL,
    reserved          BIGINT      NOT NULL,
    safety_stock      BIGINT      NOT NULL,
    returned_pending  BIGINT      NOT NULL,
    damaged           BIGINT      NOT NULL,
    last_count_at     DATETIME(6) NULL,
    hot_buckets       INT         NOT NULL,
    updated_at        DATETIME(6) NOT NULL,
    PRIMARY KEY (sku_code, location_code),
    KEY ix_stock_level_location (location_code),
    CONSTRAINT fk_stock_level_sku FOREIGN KEY (sku_code) REFERENCES sku (code),
    CONSTRAINT fk_stock_level_location FOREIGN KEY (location_code) REFERENCES location (code)
) ENGINE = InnoDB;

-- Every change of on hand, with its cause and business time, once by business key. effective_delta is what it
-- changed on hand by when applied: a movement dated before the latest count is already in that count (0), a count
-- sets on hand as of its time with later movements re-applied on top.
CREATE TABLE stock_movement (
    id              BIGINT       NOT NULL AUTO_INCREMENT,
    sku_code        VARCHAR(64)  NOT NULL,
    location_code   VARCHAR(32)  NOT NULL,
    cause           VARCHAR(24)  NOT NULL,
    quantity        BIGINT       NOT NULL,
    effective_delta BIGINT       NOT NULL,
    business_time   DATETIME(6)  NOT NULL,
    recorded_at     DATETIME(6)  NOT NULL,
    business_key    VARCHAR(200) NOT NULL,
    request_hash    CHAR(64)     NOT NULL,
    reference       VARCHAR(100) NULL,
    actor           VARCHAR(64)  NOT NULL,
    PRIMARY KEY (id),
    UNIQUE KEY uq_stock_movement_key (business_key),
    KEY ix_stock_movement_level_time (sku_code, location_code, business_time)
) ENGINE = InnoDB;

-- Holds for online orders and pick-up-in-store, with a time to live.
CREATE TABLE reservation (
    id            CHAR(36)     NOT NULL,
    business_key  VARCHAR(200) NOT NULL,
    request_hash  CHAR(64)     NOT NULL,
    sku_code      VARCHAR(64)  NOT NULL,
    location_code VARCHAR(32)  NOT NULL,
    quantity      BIGINT       NOT NULL,
    channel       VARCHAR(16)  NOT NULL,
    holder        VARCHAR(64)  NOT NULL,
    status        VARCHAR(16)  NOT NULL,
    bucket_no     INT          NULL,
    expires_at    DATETIME(6)  NOT NULL,
    created_at    DATETIME(6)  NOT NULL,
    closed_at     DATETIME(6)  NULL,
    PRIMARY KEY (id),
    UNIQUE KEY uq_reservation_key (business_key),
    KEY ix_reservation_expiry (status, expires_at)
) ENGINE = InnoDB;

-- Hot-SKU mode: a level's sellable units split across buckets, so concurrent reservations lock different rows.
CREATE TABLE stock_bucket (
    sku_code      VARCHAR(64) NOT NULL,
    location_code VARCHAR(32) NOT NULL,
    bucket_no     INT         NOT NULL,
    available     BIGINT      NOT NULL,
    PRIMARY KEY (sku_code, location_code, bucket_no)
) ENGINE = InnoDB;
