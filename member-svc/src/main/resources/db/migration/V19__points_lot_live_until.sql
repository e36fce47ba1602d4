-- When a lot still holding points falls due; NULL once it holds none. Every earn asks for a member's due lots, the
-- expiry job for everyone's, the liability report for the live ones: on this column they read the lots that still
-- hold points, not every lot a member of many years ever earned and long ago used up or wrote off.
ALTER TABLE points_lot ADD COLUMN live_until DATETIME(6) GENERATED ALWAYS AS (IF(points_remaining > 0, expires_at, NULL)) VIRTUAL;
CREATE INDEX ix_points_lot_member_live ON points_lot (member_id, live_until);
CREATE INDEX ix_points_lot_live ON points_lot (live_until);
