-- Proof a case carries (photos of the damage, the receipt, a repair report): what it is, how big, its checksum and
-- where the store keeps the bytes; the bytes themselves are not in the database.
CREATE TABLE case_attachment (
    id           CHAR(36)     NOT NULL,
    case_id      CHAR(36)     NOT NULL,
    name         VARCHAR(200) NOT NULL,
    content_type VARCHAR(100) NOT NULL,
    size_bytes   BIGINT       NOT NULL,
    sha256       CHAR(64)     NOT NULL,
    storage_key  VARCHAR(200) NOT NULL,
    added_by     VARCHAR(64)  NOT NULL,
    added_at     DATETIME(6)  NOT NULL,
    PRIMARY KEY (id),
    KEY ix_case_attachment_case (case_id, added_at)
) ENGINE = InnoDB;
