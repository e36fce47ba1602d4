-- HQ's tiers. rank orders them; the rank-0 tier has no thresholds. A member qualifies on rolling 12-month net spend in
-- spend_currency, or on points earned in those 12 months, whichever threshold is given and met.
CREATE TABLE tier_definition (
    code           VARCHAR(24)   NOT NULL,
    name           VARCHAR(80)   NOT NULL,
    tier_rank      INT           NOT NULL,
    min_spend      DECIMAL(14,2) NULL,
    spend_currency CHAR(3)       NULL,
    min_points     BIGINT        NULL,
    PRIMARY KEY (code),
    UNIQUE KEY uq_tier_rank (tier_rank)
) ENGINE = InnoDB;

CREATE TABLE tier_settings (
    id         INT         NOT NULL,
    hold_months INT        NOT NULL,
    updated_at DATETIME(6) NOT NULL,
    PRIMARY KEY (id)
) ENGINE = InnoDB;

-- A member's tier now: held at least until held_until, reviewed at the monthly period end after that.
CREATE TABLE member_tier (
    member_id  CHAR(36)    NOT NULL,
    tier_code  VARCHAR(24) NOT NULL,
    since      DATETIME(6) NOT NULL,
    held_until DATETIME(6) NOT NULL,
    PRIMARY KEY (member_id),
    KEY ix_member_tier_review (held_until)
) ENGINE = InnoDB;

CREATE TABLE tier_change (
    id               BIGINT       NOT NULL AUTO_INCREMENT,
    member_id        CHAR(36)     NOT NULL,
    origin_member_id CHAR(36)     NOT NULL,
    from_tier        VARCHAR(24)  NULL,
    to_tier          VARCHAR(24)  NOT NULL,
    cause            VARCHAR(16)  NOT NULL,
    from_held_until  DATETIME(6)  NULL,
    merge_id         BIGINT       NULL,
    at               DATETIME(6)  NOT NULL,
    PRIMARY KEY (id),
    KEY ix_tier_change_member (member_id, at)
) ENGINE = InnoDB;

-- Vouchers and benefits (权益): one per member per campaign, single use, redeemable in the channels listed.
CREATE TABLE voucher (
    id                   CHAR(36)      NOT NULL,
    code                 VARCHAR(24)   NOT NULL,
    campaign             VARCHAR(64)   NOT NULL,
    member_id            CHAR(36)      NOT NULL,
    origin_member_id     CHAR(36)      NOT NULL,
    kind                 VARCHAR(16)   NOT NULL,
    amount               DECIMAL(14,2) NULL,
    currency             CHAR(3)       NULL,
    percent_off          DECIMAL(5,2)  NULL,
    service              VARCHAR(64)   NULL,
    valid_from           DATETIME(6)   NOT NULL,
    valid_until          DATETIME(6)   NOT NULL,
    channels             VARCHAR(64)   NOT NULL,
    status               VARCHAR(16)   NOT NULL,
    issued_by            VARCHAR(64)   NOT NULL,
    issued_at            DATETIME(6)   NOT NULL,
    redeemed_at          DATETIME(6)   NULL,
    redeemed_channel     VARCHAR(16)   NULL,
    redeemed_store       VARCHAR(32)   NULL,
    redemption_reference VARCHAR(100)  NULL,
    PRIMARY KEY (id),
    UNIQUE KEY uq_voucher_code (code),
    UNIQUE KEY uq_voucher_campaign_member (campaign, origin_member_id),
    KEY ix_voucher_member (member_id, status)
) ENGINE = InnoDB;
