-- The organisation as its administrators set it up: each jurisdiction's level, each
-- agency's public contact, and retirement. Nothing a petition refers to is ever deleted:
-- a retired entry keeps its history and figures and takes no new petitions. A merged
-- agency is retired with a pointer to the agency that took over its open petitions.
ALTER TABLE jurisdictions ADD COLUMN level TEXT NOT NULL DEFAULT 'national'
    CHECK (level IN ('national', 'municipality', 'county', 'city'));
ALTER TABLE jurisdictions ADD COLUMN retired_at BIGINT;
ALTER TABLE agencies ADD COLUMN contact TEXT NOT NULL DEFAULT '';
ALTER TABLE agencies ADD COLUMN retired_at BIGINT;
ALTER TABLE agencies ADD COLUMN merged_into BIGINT REFERENCES agencies(id);
ALTER TABLE categories ADD COLUMN retired_at BIGINT;
UPDATE jurisdictions SET level = 'municipality' WHERE code = 'taipei';
