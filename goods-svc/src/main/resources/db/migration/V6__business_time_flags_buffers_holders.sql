-- A movement is never dated after it arrived; a time its sender declared that could not be believed is kept beside
-- the one used, with why, so the store's reconciliation can check it against the till.
ALTER TABLE stock_movement ADD COLUMN declared_time DATETIME(6) NULL, ADD COLUMN flag VARCHAR(32) NULL;
UPDATE stock_movement SET declared_time = business_time, business_time = recorded_at, flag = 'FUTURE_BUSINESS_TIME'
WHERE business_time > recorded_at;
ALTER TABLE stock_movement ADD CONSTRAINT ck_stock_movement_not_after_arrival CHECK (business_time <= recorded_at);
CREATE INDEX ix_stock_movement_flag ON stock_movement (location_code, flag);
UPDATE stock_level SET last_count_at = (SELECT MAX(m.business_time) FROM stock_movement m
    WHERE m.sku_code = stock_level.sku_code AND m.location_code = stock_level.location_code AND m.cause = 'COUNT')
WHERE last_count_at IS NOT NULL;

-- Units of each SKU kept back from pick-up holds, as online_buffer is from online holds.
ALTER TABLE location ADD COLUMN pickup_buffer BIGINT NOT NULL DEFAULT 0;

-- One row per shopper who ever held stock: its lock serialises that shopper's new holds, so their caps hold.
CREATE TABLE reservation_holder (
    holder        VARCHAR(64) NOT NULL,
    first_hold_at DATETIME(6) NOT NULL,
    PRIMARY KEY (holder)
) ENGINE = InnoDB;
CREATE INDEX ix_reservation_holder_status ON reservation (holder, status);
