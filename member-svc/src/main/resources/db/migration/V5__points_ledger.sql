-- The loyalty rules HQ sets, versioned; the latest version applies to earns recorded after it.
CREATE TABLE loyalty_rules (
    version    INT         NOT NULL,
    rules_json TEXT        NOT NULL,
    created_by VARCHAR(64) NOT NULL,
    created_at DATETIME(6) NOT NULL,
    PRIMARY KEY (version)
) ENGINE = InnoDB;

-- The points ledger: append-only, signed, one row per business event. business_key makes every earn, redemption,
-- reversal and adjustment apply once however often it is retried or from however many paths it arrives.
CREATE TABLE points_entry (
    id               BIGINT        NOT NULL AUTO_INCREMENT,
    member_id        CHAR(36)      NOT NULL,
    origin_member_id CHAR(36)      NOT NULL,
    kind             VARCHAR(16)   NOT NULL,
    points           BIGINT        NOT NULL,
    business_key     VARCHAR(200)  NOT NULL,
    request_hash     CHAR(64)      NOT NULL,
    channel          VARCHAR(16)   NOT NULL,
    store_id         VARCHAR(32)   NULL,
    reference        VARCHAR(100)  NULL,
    amount           DECIMAL(14,2) NULL,
    currency         CHAR(3)       NULL,
    related_entry_id BIGINT        NULL,
    rules_version    INT           NULL,
    reason           VARCHAR(500)  NULL,
    actor            VARCHAR(64)   NOT NULL,
    occurred_at      DATETIME(6)   NOT NULL,
    recorded_at      DATETIME(6)   NOT NULL,
    PRIMARY KEY (id),
    UNIQUE KEY uq_points_entry_business_key (business_key),
    KEY ix_points_entry_member (member_id, id),
    KEY ix_points_entry_origin (origin_member_id),
    KEY ix_points_entry_related (related_entry_id)
) ENGINE = InnoDB;

-- Points are held in lots with their own expiry and spent oldest-expiry first, so expiry is exact.
CREATE TABLE points_lot (
    id               BIGINT      NOT NULL AUTO_INCREMENT,
    member_id        CHAR(36)    NOT NULL,
    origin_member_id CHAR(36)    NOT NULL,
    entry_id         BIGINT      NOT NULL,
    points_initial   BIGINT      NOT NULL,
    points_remaining BIGINT      NOT NULL,
    earned_at        DATETIME(6) NOT NULL,
    expires_at       DATETIME(6) NOT NULL,
    PRIMARY KEY (id),
    KEY ix_points_lot_member_expiry (member_id, expires_at, id),
    KEY ix_points_lot_expiry (expires_at, points_remaining),
    KEY ix_points_lot_origin (origin_member_id)
) ENGINE = InnoDB;

-- Which lots an entry took points from (a redemption, an expiry, a reversal), so give-backs and unmerges are exact.
CREATE TABLE points_lot_use (
    id       BIGINT NOT NULL AUTO_INCREMENT,
    lot_id   BIGINT NOT NULL,
    entry_id BIGINT NOT NULL,
    points   BIGINT NOT NULL,
    PRIMARY KEY (id),
    KEY ix_points_lot_use_lot (lot_id),
    KEY ix_points_lot_use_entry (entry_id)
) ENGINE = InnoDB;

-- The balance cache: always equal to SUM(points_entry.points) of the member, updated in the same transaction. The
-- conditional update "balance >= points" on this row is what makes a double spend impossible.
CREATE TABLE points_account (
    member_id  CHAR(36)    NOT NULL,
    balance    BIGINT      NOT NULL,
    updated_at DATETIME(6) NOT NULL,
    PRIMARY KEY (member_id)
) ENGINE = InnoDB;

-- One row per purchase, with or without a member, for HQ analytics (AOV, repurchase, active members).
CREATE TABLE purchase_fact (
    id               BIGINT        NOT NULL AUTO_INCREMENT,
    purchase_key     VARCHAR(200)  NOT NULL,
    member_id        CHAR(36)      NULL,
    origin_member_id CHAR(36)      NULL,
    channel          VARCHAR(16)   NOT NULL,
    store_id         VARCHAR(32)   NULL,
    reference        VARCHAR(100)  NOT NULL,
    amount           DECIMAL(14,2) NOT NULL,
    currency         CHAR(3)       NOT NULL,
    occurred_at      DATETIME(6)   NOT NULL,
    returned_amount  DECIMAL(14,2) NOT NULL DEFAULT 0,
    PRIMARY KEY (id),
    UNIQUE KEY uq_purchase_fact_key (purchase_key),
    KEY ix_purchase_fact_period (occurred_at, channel),
    KEY ix_purchase_fact_member (member_id, occurred_at)
) ENGINE = InnoDB;
