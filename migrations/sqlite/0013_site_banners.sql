-- Information or warning banners admins post on every page, in both languages,
-- shown until their end time (if any) or until an admin takes them down.
CREATE TABLE site_banners (
    id INTEGER PRIMARY KEY,
    level TEXT NOT NULL CHECK (level IN ('info', 'warning')),
    message_zh TEXT NOT NULL,
    message_en TEXT NOT NULL,
    created_by BIGINT NOT NULL REFERENCES users(id),
    created_at BIGINT NOT NULL,
    ends_at BIGINT,
    removed_at BIGINT
);
CREATE INDEX site_banners_live ON site_banners(removed_at, ends_at);
