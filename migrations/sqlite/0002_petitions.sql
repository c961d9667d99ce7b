-- Petitions: proposals, review, co-signatures and their counts.
ALTER TABLE jurisdictions ADD COLUMN allow_signature_withdrawal BIGINT NOT NULL DEFAULT 1;
-- The county or city a signer last chose, offered again next time.
ALTER TABLE users ADD COLUMN county TEXT;

CREATE TABLE categories (
    id INTEGER PRIMARY KEY,
    code TEXT NOT NULL UNIQUE,
    name_zh TEXT NOT NULL,
    name_en TEXT NOT NULL
);

CREATE TABLE petitions (
    id INTEGER PRIMARY KEY,
    proposer_id BIGINT NOT NULL REFERENCES users(id),
    jurisdiction_id BIGINT NOT NULL REFERENCES jurisdictions(id),
    category_id BIGINT NOT NULL REFERENCES categories(id),
    title TEXT NOT NULL,
    problem TEXT NOT NULL,
    action TEXT NOT NULL,
    benefits TEXT NOT NULL,
    evidence TEXT NOT NULL DEFAULT '',
    state TEXT NOT NULL,
    -- The jurisdiction's rules, copied at submission and frozen again when signing opens.
    signature_threshold BIGINT NOT NULL,
    signing_days BIGINT NOT NULL,
    response_days BIGINT NOT NULL,
    second_tier_threshold BIGINT,
    sponsors_needed BIGINT NOT NULL,
    allow_signature_withdrawal BIGINT NOT NULL,
    sponsor_key TEXT NOT NULL UNIQUE,
    created_at BIGINT NOT NULL,
    updated_at BIGINT NOT NULL,
    submitted_at BIGINT,
    review_due_at BIGINT,
    opened_at BIGINT,
    closes_at BIGINT,
    established_at BIGINT,
    second_tier_at BIGINT,
    closed_at BIGINT,
    response_due_at BIGINT,
    reject_reason TEXT,
    reject_explanation TEXT,
    duplicate_of BIGINT,
    claimed_by BIGINT REFERENCES users(id),
    claimed_until BIGINT,
    -- Rolled up from count_events by one job; never incremented per signature.
    signature_count BIGINT NOT NULL DEFAULT 0,
    count_updated_at BIGINT
);
CREATE INDEX petitions_state ON petitions(state, closes_at);
CREATE INDEX petitions_proposer ON petitions(proposer_id);

CREATE TABLE petition_agencies (
    petition_id BIGINT NOT NULL REFERENCES petitions(id),
    agency_id BIGINT NOT NULL REFERENCES agencies(id),
    position BIGINT NOT NULL,
    PRIMARY KEY (petition_id, agency_id)
);
CREATE INDEX petition_agencies_agency ON petition_agencies(agency_id);

CREATE TABLE petition_sponsors (
    petition_id BIGINT NOT NULL REFERENCES petitions(id),
    user_id BIGINT NOT NULL REFERENCES users(id),
    at BIGINT NOT NULL,
    PRIMARY KEY (petition_id, user_id)
);

-- Full-text index shared by both engines: words for Latin text, character bigrams for Chinese.
CREATE TABLE petition_terms (
    term TEXT NOT NULL,
    petition_id BIGINT NOT NULL REFERENCES petitions(id),
    PRIMARY KEY (term, petition_id)
);
CREATE INDEX petition_terms_petition ON petition_terms(petition_id);

CREATE TABLE signatures (
    id INTEGER PRIMARY KEY,
    petition_id BIGINT NOT NULL REFERENCES petitions(id),
    user_id BIGINT REFERENCES users(id),
    email TEXT NOT NULL,
    email_norm TEXT NOT NULL,
    name TEXT NOT NULL,
    county TEXT NOT NULL,
    locale TEXT NOT NULL,
    notify BIGINT NOT NULL DEFAULT 0,
    ip TEXT NOT NULL DEFAULT '',
    created_at BIGINT NOT NULL,
    confirmed_at BIGINT,
    confirm_token_hash TEXT UNIQUE,
    -- Over a rate limit: kept for review, never counted.
    flagged BIGINT NOT NULL DEFAULT 0,
    UNIQUE (petition_id, email_norm)
);
CREATE INDEX signatures_user ON signatures(user_id);
CREATE INDEX signatures_counted ON signatures(petition_id, confirmed_at);

-- One row per counted change (+1 confirm, -1 withdrawal), written with the signature and
-- drained by the roll-up job, so no petition row is updated per signature.
CREATE TABLE count_events (
    id INTEGER PRIMARY KEY,
    petition_id BIGINT NOT NULL,
    county TEXT NOT NULL,
    at BIGINT NOT NULL,
    delta BIGINT NOT NULL
);

CREATE TABLE petition_county_counts (
    petition_id BIGINT NOT NULL REFERENCES petitions(id),
    county TEXT NOT NULL,
    count BIGINT NOT NULL,
    PRIMARY KEY (petition_id, county)
);

CREATE TABLE petition_hourly_counts (
    petition_id BIGINT NOT NULL REFERENCES petitions(id),
    hour BIGINT NOT NULL,
    count BIGINT NOT NULL,
    PRIMARY KEY (petition_id, hour)
);

-- The public timeline: state changes without moderator identities (those are in audit_log).
CREATE TABLE petition_events (
    id INTEGER PRIMARY KEY,
    petition_id BIGINT NOT NULL REFERENCES petitions(id),
    at BIGINT NOT NULL,
    kind TEXT NOT NULL,
    detail TEXT NOT NULL DEFAULT ''
);
CREATE INDEX petition_events_petition ON petition_events(petition_id, at);

CREATE TABLE site_pauses (
    id INTEGER PRIMARY KEY,
    proposing BIGINT NOT NULL,
    signing BIGINT NOT NULL,
    message_zh TEXT NOT NULL,
    message_en TEXT NOT NULL,
    started_at BIGINT NOT NULL,
    ended_at BIGINT,
    started_by BIGINT REFERENCES users(id)
);

-- Starting topics; admins rename or add to them.
INSERT INTO categories (code, name_zh, name_en) VALUES
    ('transport', '交通', 'Transport'),
    ('education', '教育', 'Education'),
    ('health', '衛生福利', 'Health and welfare'),
    ('environment', '環境', 'Environment'),
    ('economy', '經濟與勞動', 'Economy and labour'),
    ('justice', '法務與人權', 'Justice and human rights'),
    ('digital', '數位與資訊', 'Digital affairs'),
    ('other', '其他', 'Other');
