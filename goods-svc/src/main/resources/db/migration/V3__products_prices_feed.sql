-- Products (SPU) group the SKUs a shopper sees as one item; a SKU may name its product, category and attributes.
CREATE TABLE product (
    spu_code        VARCHAR(64)  NOT NULL,
    name            VARCHAR(200) NOT NULL,
    category        VARCHAR(40)  NOT NULL,
    warranty_months INT          NOT NULL,
    status          VARCHAR(16)  NOT NULL,
    updated_at      DATETIME(6)  NOT NULL,
    PRIMARY KEY (spu_code)
) ENGINE = InnoDB;

ALTER TABLE sku ADD COLUMN category VARCHAR(40) NULL, ADD COLUMN attributes_json TEXT NULL;

-- Which channels list a SKU: ONLINE, STORE (every store), STORE:<id> (one store).
CREATE TABLE listing (
    sku_code   VARCHAR(64) NOT NULL,
    channel    VARCHAR(40) NOT NULL,
    listed     BOOLEAN     NOT NULL,
    updated_at DATETIME(6) NOT NULL,
    PRIMARY KEY (sku_code, channel)
) ENGINE = InnoDB;

-- Effective-dated prices per channel, currency and (optionally) member tier. The price in force at time t is the
-- most specific row valid at t: tier price over the general one, STORE:<id> over STORE over ALL.
CREATE TABLE price (
    id          BIGINT        NOT NULL AUTO_INCREMENT,
    sku_code    VARCHAR(64)   NOT NULL,
    channel     VARCHAR(40)   NOT NULL,
    currency    CHAR(3)       NOT NULL,
    tier        VARCHAR(24)   NOT NULL,
    amount      DECIMAL(14,2) NOT NULL,
    valid_from  DATETIME(6)   NOT NULL,
    valid_until DATETIME(6)   NULL,
    created_by  VARCHAR(64)   NOT NULL,
    created_at  DATETIME(6)   NOT NULL,
    PRIMARY KEY (id),
    UNIQUE KEY uq_price_start (sku_code, channel, currency, tier, valid_from)
) ENGINE = InnoDB;

-- The change feed POS caches follow: append-only, read with ?after=<id>.
CREATE TABLE change_event (
    id            BIGINT      NOT NULL AUTO_INCREMENT,
    kind          VARCHAR(16) NOT NULL,
    sku_code      VARCHAR(64) NOT NULL,
    location_code VARCHAR(32) NULL,
    payload       TEXT        NOT NULL,
    at            DATETIME(6) NOT NULL,
    PRIMARY KEY (id),
    KEY ix_change_event_location (location_code, id)
) ENGINE = InnoDB;
