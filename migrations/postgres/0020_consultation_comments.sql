-- Comments on consultations too: a comment belongs to a petition or to a consultation,
-- never both.
ALTER TABLE comments ALTER COLUMN petition_id DROP NOT NULL;
ALTER TABLE comments ADD COLUMN consultation_id BIGINT REFERENCES consultations(id);
ALTER TABLE comments ADD CONSTRAINT comments_one_subject CHECK ((petition_id IS NULL) <> (consultation_id IS NULL));
CREATE INDEX comments_consultation_by_time ON comments (consultation_id, depth, created_at, id);
CREATE INDEX comments_consultation_by_support ON comments (consultation_id, depth, up_votes, id);
-- Kept by every new comment, as on petitions.
ALTER TABLE consultations ADD COLUMN comment_count BIGINT NOT NULL DEFAULT 0;
ALTER TABLE consultations ADD COLUMN top_comment_count BIGINT NOT NULL DEFAULT 0;
