-- Which batches name which personal values, by SHA-256 digest only: member-svc's erasure names the digests of what it
-- erased, and the batches (raw, their transactions and conflicts) that name any of them are scrubbed.
CREATE TABLE batch_identity (
    digest   CHAR(64) NOT NULL,
    batch_id CHAR(36) NOT NULL,
    PRIMARY KEY (digest, batch_id),
    KEY ix_batch_identity_batch (batch_id)
) ENGINE = InnoDB;

-- Erasures received from member-svc, once each (a redelivery scrubs again and changes nothing more).
CREATE TABLE member_erasure (
    member_id    CHAR(36)    NOT NULL,
    received_at  DATETIME(6) NOT NULL,
    batches      INT         NOT NULL,
    values_found INT         NOT NULL,
    PRIMARY KEY (member_id)
) ENGINE = InnoDB;
