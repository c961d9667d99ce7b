-- A second factor (TOTP, RFC 6238) per account: required for staff, open to citizens.
-- The secret is kept to check codes; last_step makes each code usable once. Recovery
-- codes are stored as SHA-256 hashes (they are random, so a plain hash suffices).
CREATE TABLE totp_factors (
    user_id BIGINT PRIMARY KEY REFERENCES users(id),
    secret TEXT NOT NULL,
    created_at BIGINT NOT NULL,
    confirmed_at BIGINT,
    last_step BIGINT NOT NULL DEFAULT 0
);
CREATE TABLE recovery_codes (
    user_id BIGINT NOT NULL REFERENCES users(id),
    code_hash TEXT NOT NULL,
    used_at BIGINT,
    PRIMARY KEY (user_id, code_hash)
);
-- When this session passed the second factor (NULL: not yet, or the account has none).
ALTER TABLE sessions ADD COLUMN second_factor_at BIGINT;
