-- HQ finds a member by the last four digits of a phone: kept beside the value and indexed, so the search does not read
-- every phone. A generated column: it follows every write of the value (erasure included) by itself.
ALTER TABLE member_identity
    ADD COLUMN value_tail CHAR(4) GENERATED ALWAYS AS (RIGHT(value, 4)) STORED,
    ADD KEY ix_member_identity_tail (type, value_tail);

CREATE INDEX ix_member_enrolled ON member (status, enrolled_at, id);
