-- Accounts, sessions and one-time tokens. Times are Unix milliseconds (UTC) on both engines.
CREATE TABLE users (
    id INTEGER PRIMARY KEY,
    email TEXT NOT NULL,
    email_norm TEXT NOT NULL UNIQUE,
    display_name TEXT NOT NULL,
    password_hash TEXT NOT NULL,
    email_verified_at BIGINT,
    locale TEXT NOT NULL DEFAULT 'zh-TW',
    notify_signed BIGINT NOT NULL DEFAULT 1,
    notify_proposed BIGINT NOT NULL DEFAULT 1,
    created_at BIGINT NOT NULL,
    deleted_at BIGINT
);

CREATE TABLE user_roles (
    user_id BIGINT NOT NULL REFERENCES users(id),
    role TEXT NOT NULL CHECK (role IN ('officer', 'moderator', 'admin')),
    granted_at BIGINT NOT NULL,
    granted_by BIGINT REFERENCES users(id),
    PRIMARY KEY (user_id, role)
);

CREATE TABLE sessions (
    id_hash TEXT PRIMARY KEY,
    user_id BIGINT NOT NULL REFERENCES users(id),
    created_at BIGINT NOT NULL,
    last_seen_at BIGINT NOT NULL,
    expires_at BIGINT NOT NULL
);
CREATE INDEX sessions_user ON sessions(user_id);

CREATE TABLE tokens (
    id_hash TEXT PRIMARY KEY,
    user_id BIGINT NOT NULL REFERENCES users(id),
    purpose TEXT NOT NULL CHECK (purpose IN ('verify_email', 'reset_password')),
    created_at BIGINT NOT NULL,
    expires_at BIGINT NOT NULL,
    used_at BIGINT
);
CREATE INDEX tokens_user ON tokens(user_id, purpose);

-- Jurisdictions carry their own rules; petitions will freeze a copy when they open.
CREATE TABLE jurisdictions (
    id INTEGER PRIMARY KEY,
    code TEXT NOT NULL UNIQUE,
    name_zh TEXT NOT NULL,
    name_en TEXT NOT NULL,
    signature_threshold BIGINT NOT NULL CHECK (signature_threshold > 0),
    signing_days BIGINT NOT NULL CHECK (signing_days > 0),
    response_days BIGINT NOT NULL CHECK (response_days > 0),
    second_tier_threshold BIGINT,
    sponsors_needed BIGINT NOT NULL DEFAULT 0,
    max_agencies BIGINT NOT NULL DEFAULT 3,
    review_working_days BIGINT NOT NULL DEFAULT 7
);

CREATE TABLE agencies (
    id INTEGER PRIMARY KEY,
    jurisdiction_id BIGINT NOT NULL REFERENCES jurisdictions(id),
    code TEXT NOT NULL UNIQUE,
    name_zh TEXT NOT NULL,
    name_en TEXT NOT NULL
);

CREATE TABLE agency_members (
    agency_id BIGINT NOT NULL REFERENCES agencies(id),
    user_id BIGINT NOT NULL REFERENCES users(id),
    added_at BIGINT NOT NULL,
    PRIMARY KEY (agency_id, user_id)
);

-- Transactional outbox: written in the same transaction as the action that sends it.
CREATE TABLE outbox (
    id INTEGER PRIMARY KEY,
    to_addr TEXT NOT NULL,
    subject TEXT NOT NULL,
    body_text TEXT NOT NULL,
    created_at BIGINT NOT NULL,
    attempts BIGINT NOT NULL DEFAULT 0,
    next_attempt_at BIGINT NOT NULL,
    lock_token TEXT,
    locked_until BIGINT,
    sent_at BIGINT,
    failed_at BIGINT,
    last_error TEXT
);
CREATE INDEX outbox_due ON outbox(sent_at, failed_at, next_attempt_at);

-- Leases so that periodic jobs run on one instance at a time.
CREATE TABLE job_leases (
    name TEXT PRIMARY KEY,
    holder TEXT,
    lease_until BIGINT NOT NULL DEFAULT 0,
    last_run_at BIGINT
);

-- Errors and input of a form posted without JavaScript, read once by the page it returns to.
CREATE TABLE form_flash (
    id TEXT PRIMARY KEY,
    payload TEXT NOT NULL,
    created_at BIGINT NOT NULL
);

-- Staff actions (role grants, memberships): who did what, when.
CREATE TABLE audit_log (
    id INTEGER PRIMARY KEY,
    at BIGINT NOT NULL,
    actor_user_id BIGINT REFERENCES users(id),
    action TEXT NOT NULL,
    target TEXT NOT NULL,
    detail TEXT NOT NULL DEFAULT ''
);
