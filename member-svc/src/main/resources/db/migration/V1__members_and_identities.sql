-- Members and the identities that resolve to them. Times are UTC (DATETIME(6), the session runs in UTC).
CREATE TABLE member (
    id               CHAR(36)     NOT NULL,
    display_name     VARCHAR(100) NULL,
    status           VARCHAR(16)  NOT NULL,
    enrolled_channel VARCHAR(16)  NOT NULL,
    enrolled_store   VARCHAR(32)  NULL,
    enrolled_at      DATETIME(6)  NOT NULL,
    PRIMARY KEY (id)
) ENGINE = InnoDB;

-- One identity value belongs to one member: the unique key, not application code, guarantees it, also when
-- two tills enrol the same phone at the same moment.
CREATE TABLE member_identity (
    id             BIGINT       NOT NULL AUTO_INCREMENT,
    member_id      CHAR(36)     NOT NULL,
    type           VARCHAR(24)  NOT NULL,
    value          VARCHAR(191) NOT NULL,
    verified       BOOLEAN      NOT NULL,
    source_channel VARCHAR(16)  NOT NULL,
    source_store   VARCHAR(32)  NULL,
    first_seen_at  DATETIME(6)  NOT NULL,
    PRIMARY KEY (id),
    UNIQUE KEY uq_member_identity_value (type, value),
    KEY ix_member_identity_member (member_id),
    CONSTRAINT fk_member_identity_member FOREIGN KEY (member_id) REFERENCES member (id)
) ENGINE = InnoDB;
