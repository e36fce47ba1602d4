-- Each store's key for matching identities in its tills' cache, one per rotation period (see TillKeys).
CREATE TABLE till_key (
    store_id   VARCHAR(32) NOT NULL,
    period     BIGINT      NOT NULL,
    secret     CHAR(64)    NOT NULL,
    created_at DATETIME(6) NOT NULL,
    PRIMARY KEY (store_id, period)
) ENGINE = InnoDB;
