-- Idempotency-Key is honoured for every POST by the kit's filter (idempotency_request), not per case.
ALTER TABLE aftersales_case DROP INDEX uq_case_idempotency;
ALTER TABLE aftersales_case DROP COLUMN idempotency_key;
ALTER TABLE aftersales_case DROP COLUMN request_hash;
