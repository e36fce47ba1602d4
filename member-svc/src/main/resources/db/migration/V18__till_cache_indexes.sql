-- The till cache's feed reads a store's members in id order (a first sync) and the changes since a cursor (every sync
-- after it): both by index, so a page costs what it returns, not the size of the brand.
CREATE INDEX ix_member_store ON member (enrolled_store, id);
CREATE INDEX ix_purchase_fact_store_member ON purchase_fact (store_id, member_id, occurred_at);
CREATE INDEX ix_purchase_fact_store_origin ON purchase_fact (store_id, origin_member_id, occurred_at);
CREATE INDEX ix_member_enrolled_at ON member (enrolled_at);
CREATE INDEX ix_member_identity_seen ON member_identity (first_seen_at);
CREATE INDEX ix_member_audit_at ON member_audit (at);
CREATE INDEX ix_points_account_updated ON points_account (updated_at);
CREATE INDEX ix_member_tier_since ON member_tier (since);
CREATE INDEX ix_voucher_issued ON voucher (issued_at);
CREATE INDEX ix_voucher_redeemed ON voucher (redeemed_at);
