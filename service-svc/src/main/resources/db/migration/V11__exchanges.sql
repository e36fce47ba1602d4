-- An exchange's replacement per line (the same SKU for a claim's replacement) and what it costs now in the case's
-- channel; the difference the shopper pays (positive) or gets back (negative); the points each effect moved.
ALTER TABLE case_line
    ADD COLUMN replacement_sku    VARCHAR(64)   NULL,
    ADD COLUMN replacement_amount DECIMAL(14,2) NULL;
ALTER TABLE aftersales_case ADD COLUMN price_difference DECIMAL(14,2) NULL;
ALTER TABLE case_effect ADD COLUMN points BIGINT NULL;
