-- Comments on consultations too: a comment belongs to a petition or to a consultation,
-- never both. SQLite cannot drop a NOT NULL, so the table is rebuilt with its ids, the way
-- SQLite's documentation describes (migrations run with foreign keys off: see `Db::migrate`).
CREATE TABLE comments_new (
    id INTEGER PRIMARY KEY,
    petition_id BIGINT REFERENCES petitions(id),
    consultation_id BIGINT REFERENCES consultations(id),
    parent_id BIGINT REFERENCES comments(id),
    root_id BIGINT NOT NULL,
    depth BIGINT NOT NULL,
    author_id BIGINT NOT NULL REFERENCES users(id),
    agency_id BIGINT REFERENCES agencies(id),
    body TEXT NOT NULL,
    created_at BIGINT NOT NULL,
    edited_at BIGINT,
    deleted_at BIGINT,
    status TEXT NOT NULL DEFAULT 'visible',
    status_reason TEXT,
    up_votes BIGINT NOT NULL DEFAULT 0,
    down_votes BIGINT NOT NULL DEFAULT 0,
    CHECK ((petition_id IS NULL) <> (consultation_id IS NULL))
);
INSERT INTO comments_new (id, petition_id, parent_id, root_id, depth, author_id, agency_id, body, created_at, edited_at, deleted_at, status, status_reason, up_votes, down_votes)
    SELECT id, petition_id, parent_id, root_id, depth, author_id, agency_id, body, created_at, edited_at, deleted_at, status, status_reason, up_votes, down_votes FROM comments;
DROP TABLE comments;
ALTER TABLE comments_new RENAME TO comments;
CREATE INDEX comments_top_by_time ON comments (petition_id, depth, created_at, id);
CREATE INDEX comments_top_by_support ON comments (petition_id, depth, up_votes, id);
CREATE INDEX comments_by_root ON comments (root_id, id);
CREATE INDEX comments_consultation_by_time ON comments (consultation_id, depth, created_at, id);
CREATE INDEX comments_consultation_by_support ON comments (consultation_id, depth, up_votes, id);
-- Kept by every new comment, as on petitions.
ALTER TABLE consultations ADD COLUMN comment_count BIGINT NOT NULL DEFAULT 0;
ALTER TABLE consultations ADD COLUMN top_comment_count BIGINT NOT NULL DEFAULT 0;
