-- Flash-sale mode: holds of the level are queued in each replica and taken in batches, one transaction per batch.
ALTER TABLE stock_level ADD COLUMN flash_sale BOOLEAN NOT NULL DEFAULT FALSE;
