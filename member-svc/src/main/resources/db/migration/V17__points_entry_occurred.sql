-- The ledger by when things happened: HQ's analytics over time (points given and taken per period, the liability then).
CREATE INDEX ix_points_entry_occurred ON points_entry (occurred_at, channel, store_id);
