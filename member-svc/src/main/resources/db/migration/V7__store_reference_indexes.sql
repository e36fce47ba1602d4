-- A store's day is reconciled by the references its tills gave (receipt references start with store and day).
CREATE INDEX ix_points_entry_store_reference ON points_entry (store_id, reference);
CREATE INDEX ix_purchase_fact_store_reference ON purchase_fact (store_id, reference);
