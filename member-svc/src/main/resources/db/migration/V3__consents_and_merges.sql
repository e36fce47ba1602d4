-- Notice texts a member consents to, versioned per purpose; a consent always names the version shown.
CREATE TABLE consent_notice (
    purpose      VARCHAR(32)  NOT NULL,
    version      INT          NOT NULL,
    text         TEXT         NOT NULL,
    published_at DATETIME(6)  NOT NULL,
    published_by VARCHAR(64)  NOT NULL,
    PRIMARY KEY (purpose, version)
) ENGINE = InnoDB;

-- Every given and withdrawn consent, never updated: the latest event of a (purpose, channel scope) is in force.
-- channel_scope '*' means every channel. merge_id marks the events a merge wrote (removed again by an unmerge).
CREATE TABLE consent_event (
    id               BIGINT      NOT NULL AUTO_INCREMENT,
    member_id        CHAR(36)    NOT NULL,
    origin_member_id CHAR(36)    NOT NULL,
    purpose          VARCHAR(32) NOT NULL,
    channel_scope    VARCHAR(16) NOT NULL,
    action           VARCHAR(16) NOT NULL,
    notice_version   INT         NULL,
    source_channel   VARCHAR(16) NOT NULL,
    store_id         VARCHAR(32) NULL,
    recorded_by      VARCHAR(64) NOT NULL,
    recorded_at      DATETIME(6) NOT NULL,
    merge_id         BIGINT      NULL,
    PRIMARY KEY (id),
    KEY ix_consent_event_member (member_id, purpose, channel_scope, recorded_at),
    KEY ix_consent_event_origin (origin_member_id),
    KEY ix_consent_event_merge (merge_id)
) ENGINE = InnoDB;

-- A merge of one member into another, and its undoing.
CREATE TABLE member_merge (
    id              BIGINT       NOT NULL AUTO_INCREMENT,
    survivor_id     CHAR(36)     NOT NULL,
    merged_id       CHAR(36)     NOT NULL,
    automatic       BOOLEAN      NOT NULL,
    reason          VARCHAR(500) NOT NULL,
    merged_by       VARCHAR(64)  NOT NULL,
    merged_at       DATETIME(6)  NOT NULL,
    status          VARCHAR(16)  NOT NULL,
    unmerged_by     VARCHAR(64)  NULL,
    unmerged_at     DATETIME(6)  NULL,
    unmerge_reason  VARCHAR(500) NULL,
    PRIMARY KEY (id),
    KEY ix_member_merge_survivor (survivor_id),
    KEY ix_member_merge_merged (merged_id)
) ENGINE = InnoDB;
