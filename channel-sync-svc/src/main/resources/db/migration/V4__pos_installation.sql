-- The POS installation that numbered a transaction ('' when the POS did not say): a till reinstalled mid-day numbers
-- a new run, so sequence gaps are found per installation in sequence order, never in business-time order.
ALTER TABLE pos_transaction ADD COLUMN installation_id VARCHAR(64) NOT NULL DEFAULT '';
