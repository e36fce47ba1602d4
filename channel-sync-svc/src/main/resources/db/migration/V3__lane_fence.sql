-- Grows with every acquisition of a lane's lease: a worker whose lease was taken over sees it has changed before its
-- next remote call, and stops.
ALTER TABLE apply_lane ADD COLUMN fence BIGINT NOT NULL DEFAULT 0;
