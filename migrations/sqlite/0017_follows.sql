-- Following a petition, an agency or a topic without signing, and the mail it brings.
-- `target` is a petition, agency or category id according to `kind`.
CREATE TABLE follows (
    id INTEGER PRIMARY KEY,
    user_id BIGINT NOT NULL REFERENCES users(id),
    kind TEXT NOT NULL,
    target BIGINT NOT NULL,
    created_at BIGINT NOT NULL,
    UNIQUE (user_id, kind, target)
);
CREATE INDEX follows_target ON follows(kind, target);

-- instant, digest or never; no row means instant.
CREATE TABLE follow_settings (
    user_id BIGINT PRIMARY KEY REFERENCES users(id),
    mode TEXT NOT NULL CHECK (mode IN ('instant', 'digest', 'never'))
);

-- Written in the same transaction as the change it tells about; the job fans each event
-- out to instant followers with a cursor over user ids, like the signer notices.
CREATE TABLE follow_events (
    id INTEGER PRIMARY KEY,
    petition_id BIGINT NOT NULL REFERENCES petitions(id),
    kind TEXT NOT NULL,
    created_at BIGINT NOT NULL,
    after_user BIGINT NOT NULL DEFAULT 0,
    instant_done_at BIGINT
);
CREATE INDEX follow_events_open ON follow_events(instant_done_at, id);
CREATE INDEX follow_events_at ON follow_events(created_at);

-- Which follows an event concerns (the petition, its agencies at the time, its topic).
CREATE TABLE follow_event_targets (
    event_id BIGINT NOT NULL REFERENCES follow_events(id),
    kind TEXT NOT NULL,
    target BIGINT NOT NULL,
    PRIMARY KEY (event_id, kind, target)
);
CREATE INDEX follow_event_targets_target ON follow_event_targets(kind, target);

-- One row per event told to a person: the "never twice" record, written with the mail.
CREATE TABLE follow_deliveries (
    event_id BIGINT NOT NULL REFERENCES follow_events(id),
    user_id BIGINT NOT NULL REFERENCES users(id),
    at BIGINT NOT NULL,
    PRIMARY KEY (event_id, user_id)
);

-- One digest per person per digest moment, claimed before it is written.
CREATE TABLE follow_digests (
    user_id BIGINT NOT NULL REFERENCES users(id),
    digest_at BIGINT NOT NULL,
    sent_at BIGINT NOT NULL,
    PRIMARY KEY (user_id, digest_at)
);

-- One-click unfollow: the hash of a random token per mail; no follow_id means every follow.
CREATE TABLE follow_tokens (
    token_hash TEXT PRIMARY KEY,
    user_id BIGINT NOT NULL REFERENCES users(id),
    follow_id BIGINT,
    created_at BIGINT NOT NULL
);
CREATE INDEX follow_tokens_created ON follow_tokens(created_at);
