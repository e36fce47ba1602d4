-- What stores upload, kept as sent, and each transaction once by its natural key. Times are UTC.
CREATE TABLE pos_batch (
    id                CHAR(36)    NOT NULL,
    store_id          VARCHAR(32) NOT NULL,
    client_batch_id   VARCHAR(64) NOT NULL,
    body_hash         CHAR(64)    NOT NULL,
    raw_body          MEDIUMTEXT  NOT NULL,
    uploaded_by       VARCHAR(64) NOT NULL,
    received_at       DATETIME(6) NOT NULL,
    transaction_count INT         NOT NULL,
    new_count         INT         NOT NULL,
    duplicate_count   INT         NOT NULL,
    conflict_count    INT         NOT NULL,
    status            VARCHAR(16) NOT NULL,
    PRIMARY KEY (id),
    -- The same batch resent (same id, same bytes) is one batch; a reused id with other content is kept as a new one.
    UNIQUE KEY uq_pos_batch_client (store_id, client_batch_id, body_hash),
    KEY ix_pos_batch_store_received (store_id, received_at)
) ENGINE = InnoDB;

-- The natural key is the database's to enforce: stores come back after days, so no cache can stand in for it.
CREATE TABLE pos_transaction (
    id              BIGINT      NOT NULL AUTO_INCREMENT,
    store_id        VARCHAR(32) NOT NULL,
    workstation_id  VARCHAR(16) NOT NULL,
    business_day    DATE        NOT NULL,
    sequence_number BIGINT      NOT NULL,
    type            VARCHAR(24) NOT NULL,
    business_time   DATETIME(6) NOT NULL,
    content_hash    CHAR(64)    NOT NULL,
    content         MEDIUMTEXT  NOT NULL,
    first_batch_id  CHAR(36)    NOT NULL,
    received_at     DATETIME(6) NOT NULL,
    apply_status    VARCHAR(16) NOT NULL,
    PRIMARY KEY (id),
    UNIQUE KEY uq_pos_transaction_natural (store_id, workstation_id, business_day, sequence_number),
    KEY ix_pos_transaction_apply (apply_status, id)
) ENGINE = InnoDB;

-- Same natural key, different content: never applied, kept with its evidence for the store and HQ.
CREATE TABLE pos_transaction_conflict (
    id              BIGINT      NOT NULL AUTO_INCREMENT,
    store_id        VARCHAR(32) NOT NULL,
    workstation_id  VARCHAR(16) NOT NULL,
    business_day    DATE        NOT NULL,
    sequence_number BIGINT      NOT NULL,
    batch_id        CHAR(36)    NOT NULL,
    content_hash    CHAR(64)    NOT NULL,
    content         MEDIUMTEXT  NOT NULL,
    received_at     DATETIME(6) NOT NULL,
    PRIMARY KEY (id),
    KEY ix_pos_conflict_natural (store_id, workstation_id, business_day, sequence_number),
    KEY ix_pos_conflict_batch (batch_id)
) ENGINE = InnoDB;
