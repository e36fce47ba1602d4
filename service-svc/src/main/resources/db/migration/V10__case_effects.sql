-- The outbox: Spring Modulith's event publication registry (its v2 layout and upper-case name, as in every Santong
-- service), with the event as TEXT so no event is refused for its size inside the transaction that writes it.
CREATE TABLE EVENT_PUBLICATION (
    id                     VARCHAR(36)  NOT NULL,
    listener_id            VARCHAR(512) NOT NULL,
    event_type             VARCHAR(512) NOT NULL,
    serialized_event       TEXT         NOT NULL,
    publication_date       DATETIME(6)  NOT NULL,
    completion_date        DATETIME(6)  NULL DEFAULT NULL,
    status                 VARCHAR(20)  NULL,
    completion_attempts    INT          NULL,
    last_resubmission_date DATETIME(6)  NULL DEFAULT NULL,
    PRIMARY KEY (id),
    KEY event_publication_by_completion_date_idx (completion_date),
    KEY event_publication_by_status_idx (status, publication_date)
) ENGINE = InnoDB;

-- Why an event's last delivery failed (the registry keeps attempts, not reasons), for HQ.
CREATE TABLE outbox_failure (
    event_type VARCHAR(255) NOT NULL,
    event_key  VARCHAR(255) NOT NULL,
    reason     VARCHAR(300) NOT NULL,
    failed_at  DATETIME(6)  NOT NULL,
    PRIMARY KEY (event_type, event_key)
) ENGINE = InnoDB;

-- What a case's steps must change elsewhere (stock at the receiving location, points), each once: planned in the
-- step's transaction, done when the other service confirmed it. The case shows each one's state.
CREATE TABLE case_effect (
    case_id    CHAR(36)     NOT NULL,
    kind       VARCHAR(24)  NOT NULL,
    status     VARCHAR(12)  NOT NULL,
    planned_at DATETIME(6)  NOT NULL,
    done_at    DATETIME(6)  NULL,
    PRIMARY KEY (case_id, kind),
    KEY ix_case_effect_pending (status, planned_at)
) ENGINE = InnoDB;

-- Where a case's goods were received, how its purchase was paid (what a refund goes back to), and what inspection
-- decided for each line.
ALTER TABLE aftersales_case
    ADD COLUMN receiving_location VARCHAR(32)   NULL,
    ADD COLUMN purchase_tenders   VARCHAR(2000) NULL;
ALTER TABLE case_line ADD COLUMN disposition VARCHAR(24) NULL;

-- What the channel that pays refunds out must pay back, and to which of the purchase's tenders.
CREATE TABLE refund_instruction (
    case_id        CHAR(36)      NOT NULL,
    paying_channel VARCHAR(16)   NOT NULL,
    paying_store   VARCHAR(32)   NULL,
    amount         DECIMAL(14,2) NOT NULL,
    currency       CHAR(3)       NOT NULL,
    tenders        VARCHAR(2000) NOT NULL,
    status         VARCHAR(12)   NOT NULL,
    created_at     DATETIME(6)   NOT NULL,
    PRIMARY KEY (case_id),
    KEY ix_refund_instruction_channel (paying_channel, paying_store, status)
) ENGINE = InnoDB;
