-- A return taken at a till (uploaded through channel-sync-svc) is recorded as a case once: by store and receipt.
ALTER TABLE aftersales_case ADD COLUMN till_reference VARCHAR(100) NULL;
CREATE UNIQUE INDEX uq_case_till_reference ON aftersales_case (opened_store, till_reference);

-- A refund instruction is paid out by its channel once: its payment reference.
ALTER TABLE refund_instruction
    ADD COLUMN payment_reference VARCHAR(100) NULL,
    ADD COLUMN paid_at           DATETIME(6)  NULL,
    ADD COLUMN paid_by           VARCHAR(64)  NULL;
