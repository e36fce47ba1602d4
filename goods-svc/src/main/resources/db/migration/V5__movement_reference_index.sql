-- A store's day is reconciled by its receipt references (they start with store and day).
CREATE INDEX ix_stock_movement_location_reference ON stock_movement (location_code, reference);
