-- How often the same conflicting version was sent: a resend is the same conflict, not another one.
ALTER TABLE pos_transaction_conflict ADD COLUMN times_sent INT NOT NULL DEFAULT 1;
CREATE INDEX ix_pos_conflict_received ON pos_transaction_conflict (received_at, id);
