-- The outbox: Spring Modulith's event publication registry (its v2 layout, and its upper-case name: table names are
-- case-sensitive on Linux), with the event
-- as TEXT rather than VARCHAR(4000) so no event is refused for its size inside the transaction that writes it.
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
