-- HQ decides a conflict: ACCEPTED makes its version the transaction's (the replaced version is kept here, so a resend
-- of either is recognised), REJECTED keeps the stored one. A decision is final.
ALTER TABLE pos_transaction_conflict
    ADD COLUMN status           VARCHAR(16)  NOT NULL DEFAULT 'OPEN',
    ADD COLUMN decided_by       VARCHAR(64)  NULL,
    ADD COLUMN decided_at       DATETIME(6)  NULL,
    ADD COLUMN decision_note    VARCHAR(500) NULL,
    ADD COLUMN replaced_hash    CHAR(64)     NULL,
    ADD COLUMN replaced_content MEDIUMTEXT   NULL;
CREATE INDEX ix_pos_conflict_status ON pos_transaction_conflict (status, store_id, received_at);

-- An accepted correction is worked as the difference between the replaced and the accepted version, in the till's
-- lane after the transaction's own work: one more row per target, keyed by the conflict (0 for the transaction's own).
ALTER TABLE apply_work ADD COLUMN correction_id BIGINT NOT NULL DEFAULT 0;
ALTER TABLE apply_work DROP INDEX uq_apply_work_transaction_target;
ALTER TABLE apply_work ADD UNIQUE KEY uq_apply_work_transaction_target (transaction_id, target, correction_id);
