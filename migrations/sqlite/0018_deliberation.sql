-- Deliberation (Pol.is-style): short statements that participants vote on one at a time,
-- and the opinion map computed from the votes by a leased job.
-- A conversation belongs to a petition or (later) a consultation: kind + subject.
CREATE TABLE conversations (
    id INTEGER PRIMARY KEY,
    kind TEXT NOT NULL CHECK (kind IN ('petition', 'consultation')),
    subject BIGINT NOT NULL,
    -- 1: a moderator approves each statement before it is shown.
    strict BIGINT NOT NULL DEFAULT 0,
    created_at BIGINT NOT NULL,
    -- Last statement or vote; the job recomputes when this is newer than computed_at.
    changed_at BIGINT NOT NULL DEFAULT 0,
    computed_at BIGINT NOT NULL DEFAULT 0,
    -- The stored result pages read (JSON), and the warm start and k stability for the next run.
    map_json TEXT,
    state_json TEXT,
    UNIQUE (kind, subject)
);
CREATE INDEX conversations_due ON conversations(changed_at, computed_at);

CREATE TABLE statements (
    id INTEGER PRIMARY KEY,
    conversation_id BIGINT NOT NULL REFERENCES conversations(id),
    author_id BIGINT NOT NULL REFERENCES users(id),
    body TEXT NOT NULL,
    -- shown; pending (strict mode, awaiting a moderator); hidden (after a report); rejected.
    status TEXT NOT NULL CHECK (status IN ('shown', 'pending', 'hidden', 'declined')),
    -- Written by the proposer, the agency or a moderator to start the conversation.
    seed BIGINT NOT NULL DEFAULT 0,
    created_at BIGINT NOT NULL
);
CREATE INDEX statements_conversation ON statements(conversation_id, status, id);
CREATE INDEX statements_author ON statements(author_id);

-- One vote per person and statement, changeable: agree +1, disagree -1, pass 0.
CREATE TABLE statement_votes (
    statement_id BIGINT NOT NULL REFERENCES statements(id),
    user_id BIGINT NOT NULL REFERENCES users(id),
    value BIGINT NOT NULL CHECK (value IN (-1, 0, 1)),
    at BIGINT NOT NULL,
    PRIMARY KEY (statement_id, user_id)
);
CREATE INDEX statement_votes_user ON statement_votes(user_id, statement_id);
