-- Cases move through their type's state machine: a version for optimistic concurrency (the case's ETag), the state
-- a case waiting for the customer resumes to, and the history of every step with who took it and when.
UPDATE aftersales_case SET status = 'REQUESTED' WHERE status = 'OPENED';
ALTER TABLE aftersales_case
    ADD COLUMN version    INT          NOT NULL DEFAULT 0,
    ADD COLUMN resume_to  VARCHAR(24)  NULL,
    ADD COLUMN updated_at DATETIME(6)  NULL;

CREATE TABLE case_event (
    id          BIGINT       NOT NULL AUTO_INCREMENT,
    case_id     CHAR(36)     NOT NULL,
    version     INT          NOT NULL,
    action      VARCHAR(24)  NOT NULL,
    from_state  VARCHAR(24)  NULL,
    to_state    VARCHAR(24)  NOT NULL,
    actor       VARCHAR(64)  NOT NULL,
    actor_roles VARCHAR(200) NOT NULL,
    note        VARCHAR(500) NULL,
    at          DATETIME(6)  NOT NULL,
    PRIMARY KEY (id),
    -- One step per version: two writers of the same version cannot both record theirs.
    UNIQUE KEY uq_case_event_version (case_id, version)
) ENGINE = InnoDB;

INSERT INTO case_event (case_id, version, action, from_state, to_state, actor, actor_roles, note, at)
SELECT id, 0, 'OPEN', NULL, status, opened_by, '', NULL, opened_at FROM aftersales_case;
