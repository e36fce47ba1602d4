-- Idempotency-Key requests this service has answered or is answering (service-kit IdempotencyRecords).
-- scope is the SHA-256 of the caller and its key, so neither is stored as given.
CREATE TABLE idempotency_request (
    scope                 CHAR(64)     NOT NULL PRIMARY KEY,
    fingerprint           CHAR(64)     NOT NULL,
    state                 VARCHAR(16)  NOT NULL,
    locked_until          DATETIME(6)  NOT NULL,
    created_at            DATETIME(6)  NOT NULL,
    expires_at            DATETIME(6)  NOT NULL,
    response_status       INT          NULL,
    response_content_type VARCHAR(255) NULL,
    response_location     VARCHAR(2048) NULL,
    response_body         MEDIUMBLOB   NULL,
    KEY ix_idempotency_request_expiry (expires_at)
) ENGINE = InnoDB;
