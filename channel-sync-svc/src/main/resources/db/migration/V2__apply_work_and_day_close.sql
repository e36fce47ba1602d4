-- Durable work: one row per transaction and target service. A row is done once its target confirmed the effect;
-- the target's idempotency key (the receipt reference) makes a repeated attempt harmless.
CREATE TABLE apply_work (
    id              BIGINT        NOT NULL AUTO_INCREMENT,
    transaction_id  BIGINT        NOT NULL,
    target          VARCHAR(16)   NOT NULL,
    store_id        VARCHAR(32)   NOT NULL,
    workstation_id  VARCHAR(16)   NOT NULL,
    business_day    DATE          NOT NULL,
    sequence_number BIGINT        NOT NULL,
    status          VARCHAR(16)   NOT NULL,
    attempts        INT           NOT NULL DEFAULT 0,
    next_attempt_at DATETIME(6)   NOT NULL,
    last_error      VARCHAR(1000) NULL,
    outcome         VARCHAR(2000) NULL,
    created_at      DATETIME(6)   NOT NULL,
    finished_at     DATETIME(6)   NULL,
    PRIMARY KEY (id),
    UNIQUE KEY uq_apply_work_transaction_target (transaction_id, target),
    -- A lane (target, store, till) is worked in business day and sequence order.
    KEY ix_apply_work_lane (target, store_id, workstation_id, status, business_day, sequence_number),
    KEY ix_apply_work_ready (status, next_attempt_at),
    KEY ix_apply_work_store (store_id, status)
) ENGINE = InnoDB;

-- Who works a lane now: a lease, so two replicas never interleave one till's transactions and a crashed worker's
-- lane is taken over when its lease runs out.
CREATE TABLE apply_lane (
    target         VARCHAR(16) NOT NULL,
    store_id       VARCHAR(32) NOT NULL,
    workstation_id VARCHAR(16) NOT NULL,
    lease_owner    VARCHAR(64) NULL,
    lease_until    DATETIME(6) NULL,
    PRIMARY KEY (target, store_id, workstation_id)
) ENGINE = InnoDB;

-- What the POS declared at day close, kept per version: a corrected close is a new version, the newest counts.
CREATE TABLE day_close (
    id            BIGINT      NOT NULL AUTO_INCREMENT,
    store_id      VARCHAR(32) NOT NULL,
    business_day  DATE        NOT NULL,
    version       INT         NOT NULL,
    content_hash  CHAR(64)    NOT NULL,
    content       MEDIUMTEXT  NOT NULL,
    declared_by   VARCHAR(64) NOT NULL,
    received_at   DATETIME(6) NOT NULL,
    PRIMARY KEY (id),
    UNIQUE KEY uq_day_close_version (store_id, business_day, version),
    KEY ix_day_close_day (business_day, store_id)
) ENGINE = InnoDB;

-- Every contact a store makes (uploads, downloads, day closes), for monitoring a store drifting away.
CREATE TABLE store_contact (
    store_id        VARCHAR(32) NOT NULL,
    last_contact_at DATETIME(6) NOT NULL,
    last_upload_at  DATETIME(6) NULL,
    last_download_at DATETIME(6) NULL,
    PRIMARY KEY (store_id)
) ENGINE = InnoDB;

CREATE INDEX ix_pos_transaction_store_day ON pos_transaction (store_id, business_day, workstation_id, sequence_number);
