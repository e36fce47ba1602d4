-- Service levels: how long a case may stay in each state of its type before its next step is due (HQ may change
-- the defaults), when the current step is due (paused while the case waits for the customer), and each late step
-- recorded once for HQ and the store.
ALTER TABLE aftersales_case
    ADD COLUMN due_at              DATETIME(6) NULL,
    ADD COLUMN paused_remaining_us BIGINT      NULL;
UPDATE aftersales_case SET due_at = first_response_due WHERE status = 'REQUESTED';
CREATE INDEX ix_case_due ON aftersales_case (due_at);
CREATE INDEX ix_case_store_status ON aftersales_case (opened_store, status, due_at);

CREATE TABLE service_level (
    case_type      VARCHAR(16) NOT NULL,
    state          VARCHAR(24) NOT NULL,
    within_minutes INT         NOT NULL,
    set_by         VARCHAR(64) NOT NULL,
    set_at         DATETIME(6) NOT NULL,
    PRIMARY KEY (case_type, state)
) ENGINE = InnoDB;

CREATE TABLE sla_breach (
    id          BIGINT      NOT NULL AUTO_INCREMENT,
    case_id     CHAR(36)    NOT NULL,
    version     INT         NOT NULL,
    state       VARCHAR(24) NOT NULL,
    store_id    VARCHAR(32) NULL,
    due_at      DATETIME(6) NOT NULL,
    detected_at DATETIME(6) NOT NULL,
    PRIMARY KEY (id),
    -- A late step is recorded once, whichever replica's watch sees it first.
    UNIQUE KEY uq_sla_breach_step (case_id, version),
    KEY ix_sla_breach_store (store_id, detected_at)
) ENGINE = InnoDB;

-- Scheduled jobs run once per cluster: a job holds its row here while it runs (ShedLock, database time).
CREATE TABLE shedlock (
    name       VARCHAR(64)  NOT NULL,
    lock_until DATETIME(3)  NOT NULL,
    locked_at  DATETIME(3)  NOT NULL,
    locked_by  VARCHAR(255) NOT NULL,
    PRIMARY KEY (name)
) ENGINE = InnoDB;
