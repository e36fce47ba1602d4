-- A merged member points at its survivor (old ids keep resolving); an erased one keeps only its id.
ALTER TABLE member
    ADD COLUMN merged_into CHAR(36)    NULL,
    ADD COLUMN updated_at  DATETIME(6) NULL,
    ADD COLUMN erased_at   DATETIME(6) NULL;

-- origin_member_id: the member an identity was given to (or was addressed through, by an old id). A merge moves
-- member_id to the survivor; an unmerge moves back every identity whose origin is the merged member.
ALTER TABLE member_identity ADD COLUMN origin_member_id CHAR(36) NULL;
UPDATE member_identity SET origin_member_id = member_id;
ALTER TABLE member_identity MODIFY origin_member_id CHAR(36) NOT NULL;
CREATE INDEX ix_member_identity_origin ON member_identity (origin_member_id);

-- Why a request resolved to a member: which kind of identity matched and whether it was verified. No values:
-- the evidence must survive erasure of the member's personal data.
CREATE TABLE identity_match (
    id             BIGINT      NOT NULL AUTO_INCREMENT,
    member_id      CHAR(36)    NOT NULL,
    identity_type  VARCHAR(24) NOT NULL,
    verified       BOOLEAN     NOT NULL,
    purpose        VARCHAR(16) NOT NULL,
    channel        VARCHAR(16) NOT NULL,
    store_id       VARCHAR(32) NULL,
    matched_at     DATETIME(6) NOT NULL,
    PRIMARY KEY (id),
    KEY ix_identity_match_member (member_id, matched_at)
) ENGINE = InnoDB;

-- Two members that the same identity points to, held for HQ review instead of being merged silently.
CREATE TABLE duplicate_candidate (
    id               BIGINT       NOT NULL AUTO_INCREMENT,
    member_id        CHAR(36)     NOT NULL,
    other_member_id  CHAR(36)     NOT NULL,
    identity_type    VARCHAR(24)  NOT NULL,
    holder_identity  BIGINT       NULL,
    claim_verified   BOOLEAN      NOT NULL,
    holder_verified  BOOLEAN      NOT NULL,
    channel          VARCHAR(16)  NOT NULL,
    store_id         VARCHAR(32)  NULL,
    detected_at      DATETIME(6)  NOT NULL,
    status           VARCHAR(16)  NOT NULL,
    resolved_by      VARCHAR(64)  NULL,
    resolved_at      DATETIME(6)  NULL,
    resolution_note  VARCHAR(500) NULL,
    PRIMARY KEY (id),
    UNIQUE KEY uq_duplicate_candidate_pair (member_id, other_member_id, identity_type),
    KEY ix_duplicate_candidate_status (status, detected_at)
) ENGINE = InnoDB;

-- Who did what to a member, when and why. Ids, roles and reasons only: never phones, e-mails or names.
CREATE TABLE member_audit (
    id              BIGINT       NOT NULL AUTO_INCREMENT,
    member_id       CHAR(36)     NOT NULL,
    other_member_id CHAR(36)     NULL,
    action          VARCHAR(32)  NOT NULL,
    actor           VARCHAR(64)  NOT NULL,
    actor_roles     VARCHAR(200) NOT NULL,
    reason          VARCHAR(500) NULL,
    at              DATETIME(6)  NOT NULL,
    PRIMARY KEY (id),
    KEY ix_member_audit_member (member_id, at)
) ENGINE = InnoDB;
