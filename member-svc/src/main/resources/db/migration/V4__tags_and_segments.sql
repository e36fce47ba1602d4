-- Tags HQ puts on members for personalisation. origin_member_id as on identities: merges move tags, unmerges return them.
CREATE TABLE member_tag (
    id               BIGINT      NOT NULL AUTO_INCREMENT,
    member_id        CHAR(36)    NOT NULL,
    origin_member_id CHAR(36)    NOT NULL,
    tag              VARCHAR(40) NOT NULL,
    tagged_by        VARCHAR(64) NOT NULL,
    tagged_at        DATETIME(6) NOT NULL,
    PRIMARY KEY (id),
    UNIQUE KEY uq_member_tag (member_id, origin_member_id, tag),
    KEY ix_member_tag_origin (origin_member_id)
) ENGINE = InnoDB;

-- HQ's rule segments (千人千面); the rule is JSON, evaluated for a member on request.
CREATE TABLE segment (
    id          BIGINT       NOT NULL AUTO_INCREMENT,
    name        VARCHAR(80)  NOT NULL,
    description VARCHAR(500) NULL,
    rule_json   TEXT         NOT NULL,
    created_by  VARCHAR(64)  NOT NULL,
    created_at  DATETIME(6)  NOT NULL,
    updated_at  DATETIME(6)  NOT NULL,
    PRIMARY KEY (id),
    UNIQUE KEY uq_segment_name (name)
) ENGINE = InnoDB;
