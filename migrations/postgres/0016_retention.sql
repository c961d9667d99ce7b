-- Personal data retired on schedule: each jurisdiction keeps signers' names, email and
-- network addresses for `retention_days` after a petition ends (closed, withdrawn, or
-- answered); then a job blanks them and records when on the petition. The count, the
-- county figures and the signature rows themselves stay.
ALTER TABLE jurisdictions ADD COLUMN retention_days BIGINT NOT NULL DEFAULT 183 CHECK (retention_days BETWEEN 30 AND 3650);
ALTER TABLE petitions ADD COLUMN anonymised_at BIGINT;
CREATE INDEX petitions_retention ON petitions(anonymised_at, state);
