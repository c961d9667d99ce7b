-- Draft regulations out for comment (法規預告): a notice per draft, its versions split into
-- articles, comments on an article or the whole draft, and the agency's answers to them.
ALTER TABLE jurisdictions ADD COLUMN regulation_days BIGINT NOT NULL DEFAULT 60;
ALTER TABLE jurisdictions ADD COLUMN regulation_answer_days BIGINT NOT NULL DEFAULT 30;
-- An account an administrator has verified as an organisation may comment in its name.
ALTER TABLE users ADD COLUMN organisation_name TEXT;

CREATE TABLE regulations (
    id INTEGER PRIMARY KEY,
    agency_id BIGINT NOT NULL REFERENCES agencies(id),
    title TEXT NOT NULL,
    legal_basis TEXT NOT NULL,
    -- Markdown, rendered and sanitised when shown.
    purpose TEXT NOT NULL,
    contact TEXT NOT NULL,
    created_by BIGINT NOT NULL REFERENCES users(id),
    created_at BIGINT NOT NULL,
    -- Unpublished (a draft only its agency's officers see) until set.
    published_at BIGINT,
    -- Exclusive: the first moment comments are refused.
    closes_at BIGINT NOT NULL,
    -- Frozen from the jurisdiction when published.
    answers_due_at BIGINT NOT NULL,
    -- The overall statement; `answered_at` is set when it is published with every comment answered.
    overall TEXT,
    answered_at BIGINT,
    issued_at BIGINT,
    -- When the agency's and topic's followers were told it was published (once).
    published_told_at BIGINT
);
CREATE INDEX regulations_agency ON regulations(agency_id, closes_at);
CREATE INDEX regulations_published ON regulations(published_at);

CREATE TABLE regulation_versions (
    id INTEGER PRIMARY KEY,
    regulation_id BIGINT NOT NULL REFERENCES regulations(id),
    number BIGINT NOT NULL,
    preamble TEXT NOT NULL,
    note TEXT NOT NULL,
    created_by BIGINT NOT NULL REFERENCES users(id),
    created_at BIGINT NOT NULL,
    UNIQUE (regulation_id, number)
);

CREATE TABLE regulation_articles (
    id INTEGER PRIMARY KEY,
    version_id BIGINT NOT NULL REFERENCES regulation_versions(id),
    position BIGINT NOT NULL,
    -- The key that matches an article across versions: "3", "3-1".
    number TEXT NOT NULL,
    heading TEXT NOT NULL,
    body TEXT NOT NULL,
    -- From the comparison table (對照表), when one was given.
    current_text TEXT,
    explanation TEXT,
    UNIQUE (version_id, number)
);

CREATE TABLE regulation_answers (
    id INTEGER PRIMARY KEY,
    regulation_id BIGINT NOT NULL REFERENCES regulations(id),
    outcome TEXT NOT NULL CHECK (outcome IN ('adopted', 'partly_adopted', 'not_adopted', 'noted')),
    reason TEXT NOT NULL,
    created_by BIGINT NOT NULL REFERENCES users(id),
    created_at BIGINT NOT NULL
);

CREATE TABLE regulation_comments (
    id INTEGER PRIMARY KEY,
    regulation_id BIGINT NOT NULL REFERENCES regulations(id),
    -- The version and article it was made on (no article: on the whole draft); never moved.
    version_id BIGINT NOT NULL REFERENCES regulation_versions(id),
    article_id BIGINT REFERENCES regulation_articles(id),
    author_id BIGINT NOT NULL REFERENCES users(id),
    -- Set when made in the name of the author's verified organisation.
    organisation_name TEXT,
    stance TEXT CHECK (stance IN ('support', 'oppose', 'amend')),
    body TEXT NOT NULL,
    wording TEXT,
    created_at BIGINT NOT NULL,
    status TEXT NOT NULL DEFAULT 'visible',
    status_reason TEXT,
    answer_id BIGINT REFERENCES regulation_answers(id)
);
CREATE INDEX regulation_comments_by_notice ON regulation_comments(regulation_id, id);
CREATE INDEX regulation_comments_by_article ON regulation_comments(article_id);
