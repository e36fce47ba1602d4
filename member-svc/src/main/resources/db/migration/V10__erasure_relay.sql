-- A member's erasure reaches every service that keeps data about them: one row per service, committed with the
-- erasure and delivered until that service confirms it (durable work: claimed with SKIP LOCKED, retried with backoff,
-- never dropped). The digests (SHA-256 of each erased value) let a service find the member in what stores sent it
-- without this table holding the values; they are cleared once delivered.
CREATE TABLE erasure_relay (
    id              BIGINT       NOT NULL AUTO_INCREMENT,
    member_id       CHAR(36)     NOT NULL,
    service         VARCHAR(32)  NOT NULL,
    member_ids      TEXT         NOT NULL,
    digests         MEDIUMTEXT   NULL,
    status          VARCHAR(16)  NOT NULL,
    attempts        INT          NOT NULL DEFAULT 0,
    next_attempt_at DATETIME(6)  NOT NULL,
    last_error      VARCHAR(300) NULL,
    created_at      DATETIME(6)  NOT NULL,
    delivered_at    DATETIME(6)  NULL,
    PRIMARY KEY (id),
    UNIQUE KEY uq_erasure_relay_member_service (member_id, service),
    KEY ix_erasure_relay_due (status, next_attempt_at)
) ENGINE = InnoDB;
