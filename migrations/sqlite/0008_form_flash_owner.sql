-- A kept form result belongs to the browser that posted the form: the hash of a
-- random cookie that browser holds. A link with its id is useless to anyone else.
ALTER TABLE form_flash ADD COLUMN owner_hash TEXT NOT NULL DEFAULT '';
