-- Discussion and moderation: threaded comments with votes, reports, moderators'
-- actions (the public log), appeals and suspensions.
-- A suspended account cannot post, sign or propose until this time (permanent: far future).
ALTER TABLE users ADD COLUMN suspended_until BIGINT;
ALTER TABLE petitions ADD COLUMN discussion_locked BIGINT NOT NULL DEFAULT 0;
-- A petition's text after reports: visible, held (enough reports, pending review) or hidden.
ALTER TABLE petitions ADD COLUMN content_status TEXT NOT NULL DEFAULT 'visible';
ALTER TABLE petitions ADD COLUMN content_reason TEXT;
-- Kept by every new comment, so a long thread's page never counts its rows.
ALTER TABLE petitions ADD COLUMN comment_count BIGINT NOT NULL DEFAULT 0;
ALTER TABLE petitions ADD COLUMN top_comment_count BIGINT NOT NULL DEFAULT 0;

CREATE TABLE comments (
    id INTEGER PRIMARY KEY,
    petition_id BIGINT NOT NULL REFERENCES petitions(id),
    parent_id BIGINT REFERENCES comments(id),
    -- The top-level comment of the thread (its own id for a top-level comment).
    root_id BIGINT NOT NULL,
    depth BIGINT NOT NULL,
    author_id BIGINT NOT NULL REFERENCES users(id),
    -- Set when an officer speaks for an agency: shown with the agency's badge.
    agency_id BIGINT REFERENCES agencies(id),
    body TEXT NOT NULL,
    created_at BIGINT NOT NULL,
    edited_at BIGINT,
    deleted_at BIGINT,
    status TEXT NOT NULL DEFAULT 'visible',
    status_reason TEXT,
    up_votes BIGINT NOT NULL DEFAULT 0,
    down_votes BIGINT NOT NULL DEFAULT 0
);
CREATE INDEX comments_top_by_time ON comments (petition_id, depth, created_at, id);
CREATE INDEX comments_top_by_support ON comments (petition_id, depth, up_votes, id);
CREATE INDEX comments_by_root ON comments (root_id, id);

CREATE TABLE comment_votes (
    comment_id BIGINT NOT NULL REFERENCES comments(id),
    user_id BIGINT NOT NULL REFERENCES users(id),
    value BIGINT NOT NULL,
    at BIGINT NOT NULL,
    PRIMARY KEY (comment_id, user_id)
);

-- One report per person and item; resolved by a moderator's action.
CREATE TABLE reports (
    id INTEGER PRIMARY KEY,
    target_kind TEXT NOT NULL,
    target_id BIGINT NOT NULL,
    reporter_id BIGINT NOT NULL REFERENCES users(id),
    reason TEXT NOT NULL,
    details TEXT NOT NULL,
    created_at BIGINT NOT NULL,
    resolved_at BIGINT,
    action_id BIGINT,
    UNIQUE (target_kind, target_id, reporter_id)
);
CREATE INDEX reports_open ON reports (resolved_at, target_kind, target_id);
CREATE INDEX reports_by_time ON reports (created_at);

-- Every moderation decision; public without the moderator (admins see who).
CREATE TABLE moderation_actions (
    id INTEGER PRIMARY KEY,
    kind TEXT NOT NULL,
    target_kind TEXT NOT NULL,
    target_id BIGINT NOT NULL,
    petition_id BIGINT,
    subject_user_id BIGINT REFERENCES users(id),
    reason TEXT NOT NULL,
    explanation TEXT NOT NULL,
    -- Shown publicly only when the content is not itself the problem.
    excerpt TEXT,
    moderator_id BIGINT NOT NULL REFERENCES users(id),
    created_at BIGINT NOT NULL,
    first_report_at BIGINT,
    reports BIGINT NOT NULL DEFAULT 0,
    suspended_until BIGINT,
    -- For an appeal's decision: the action appealed.
    appeal_of BIGINT
);
CREATE INDEX moderation_actions_by_time ON moderation_actions (created_at);

CREATE TABLE appeals (
    id INTEGER PRIMARY KEY,
    action_id BIGINT NOT NULL UNIQUE REFERENCES moderation_actions(id),
    user_id BIGINT NOT NULL REFERENCES users(id),
    text TEXT NOT NULL,
    created_at BIGINT NOT NULL,
    decided_at BIGINT,
    decided_by BIGINT REFERENCES users(id),
    upheld BIGINT,
    decision_action_id BIGINT
);
CREATE INDEX appeals_open ON appeals (decided_at, created_at);
