-- Agency answers: drafts, published (versioned) responses, ratings, lead transfers,
-- extensions, reminders and the paced notification of signers.
ALTER TABLE petitions ADD COLUMN answered_at BIGINT;
-- The one extension allowed: days added to response_due_at, with its public reason.
ALTER TABLE petitions ADD COLUMN extension_days BIGINT;
ALTER TABLE petitions ADD COLUMN extension_reason TEXT;
ALTER TABLE petitions ADD COLUMN extended_at BIGINT;
ALTER TABLE jurisdictions ADD COLUMN max_extension_days BIGINT NOT NULL DEFAULT 60;
-- RFC 8058 one-click unsubscribe link for bulk mail (empty for personal mail).
ALTER TABLE outbox ADD COLUMN list_unsubscribe TEXT NOT NULL DEFAULT '';

-- One working draft per petition and agency, seen only by its officers and admins.
CREATE TABLE response_drafts (
    petition_id BIGINT NOT NULL REFERENCES petitions(id),
    agency_id BIGINT NOT NULL REFERENCES agencies(id),
    summary TEXT NOT NULL,
    details TEXT NOT NULL,
    points TEXT NOT NULL,
    links TEXT NOT NULL,
    updated_at BIGINT NOT NULL,
    updated_by BIGINT NOT NULL REFERENCES users(id),
    PRIMARY KEY (petition_id, agency_id)
);

-- Every published version; the newest per (petition, agency) is current. The lead
-- agency's is the formal response, co-agencies' are sections.
CREATE TABLE response_versions (
    id INTEGER PRIMARY KEY,
    petition_id BIGINT NOT NULL REFERENCES petitions(id),
    agency_id BIGINT NOT NULL REFERENCES agencies(id),
    version BIGINT NOT NULL,
    is_lead BIGINT NOT NULL,
    summary TEXT NOT NULL,
    details TEXT NOT NULL,
    points TEXT NOT NULL,
    links TEXT NOT NULL,
    published_at BIGINT NOT NULL,
    published_by BIGINT NOT NULL REFERENCES users(id),
    UNIQUE (petition_id, agency_id, version)
);

CREATE TABLE response_ratings (
    petition_id BIGINT NOT NULL REFERENCES petitions(id),
    user_id BIGINT NOT NULL REFERENCES users(id),
    helpful BIGINT NOT NULL,
    at BIGINT NOT NULL,
    PRIMARY KEY (petition_id, user_id)
);

-- A request to move the lead role; decided by the receiving agency or an admin.
CREATE TABLE lead_transfers (
    id INTEGER PRIMARY KEY,
    petition_id BIGINT NOT NULL REFERENCES petitions(id),
    from_agency BIGINT NOT NULL REFERENCES agencies(id),
    to_agency BIGINT NOT NULL REFERENCES agencies(id),
    reason TEXT NOT NULL,
    requested_by BIGINT NOT NULL REFERENCES users(id),
    requested_at BIGINT NOT NULL,
    decision TEXT,
    decided_by BIGINT REFERENCES users(id),
    decided_at BIGINT
);
CREATE INDEX lead_transfers_open ON lead_transfers(to_agency, decision);

-- Each reminder once: the key includes the due date it was computed from, so an
-- extension earns fresh reminders.
CREATE TABLE response_reminders (
    petition_id BIGINT NOT NULL REFERENCES petitions(id),
    kind TEXT NOT NULL,
    due_at BIGINT NOT NULL,
    sent_at BIGINT NOT NULL,
    PRIMARY KEY (petition_id, kind, due_at)
);

-- Paced notification of signers after a publication: a cursor over signature ids.
CREATE TABLE signer_notices (
    id INTEGER PRIMARY KEY,
    petition_id BIGINT NOT NULL REFERENCES petitions(id),
    version_id BIGINT NOT NULL REFERENCES response_versions(id),
    after_signature BIGINT NOT NULL DEFAULT 0,
    queued BIGINT NOT NULL DEFAULT 0,
    created_at BIGINT NOT NULL,
    done_at BIGINT
);

-- One-click unsubscribe: the hash of a random token per notified signature.
CREATE TABLE unsubscribe_tokens (
    token_hash TEXT PRIMARY KEY,
    signature_id BIGINT NOT NULL REFERENCES signatures(id)
);
