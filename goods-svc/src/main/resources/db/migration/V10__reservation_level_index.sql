-- A level's open holds, oldest first (the console's stock page: what is promised and to whom).
CREATE INDEX ix_reservation_level ON reservation (sku_code, location_code, status, created_at);
