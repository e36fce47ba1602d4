-- Erasures relayed by member-svc, once each: the member's cases keep their facts (type, SKU, dates) and lose what
-- could name them (the free-text reason, the shopper account that opened them).
CREATE TABLE member_erasure (
    member_id   CHAR(36)    NOT NULL,
    received_at DATETIME(6) NOT NULL,
    cases       INT         NOT NULL,
    PRIMARY KEY (member_id)
) ENGINE = InnoDB;
