-- Consultations (眾開講): an agency asks the public about a planned policy for a set period,
-- then publishes its conclusions by a deadline its jurisdiction sets.
ALTER TABLE jurisdictions ADD COLUMN conclusion_days BIGINT NOT NULL DEFAULT 30;

CREATE TABLE consultations (
    id INTEGER PRIMARY KEY,
    agency_id BIGINT NOT NULL REFERENCES agencies(id),
    title TEXT NOT NULL,
    -- Markdown, rendered and sanitised when shown.
    background TEXT NOT NULL,
    stage TEXT NOT NULL CHECK (stage IN ('planning', 'execution', 'evaluation')),
    -- One question per line; one document link per line.
    questions TEXT NOT NULL,
    documents TEXT NOT NULL,
    opens_at BIGINT NOT NULL,
    -- Exclusive: the first moment it no longer takes part.
    closes_at BIGINT NOT NULL,
    -- Frozen from the jurisdiction when it is opened, like a petition's rules.
    conclusions_due_at BIGINT NOT NULL,
    created_by BIGINT NOT NULL REFERENCES users(id),
    created_at BIGINT NOT NULL,
    conclusions TEXT,
    concluded_at BIGINT,
    concluded_by BIGINT REFERENCES users(id),
    -- When followers were told it closed / that conclusions are out (each once).
    closed_told_at BIGINT,
    conclusions_told_at BIGINT
);
CREATE INDEX consultations_agency ON consultations(agency_id, closes_at);
CREATE INDEX consultations_closes ON consultations(closes_at, closed_told_at);
CREATE INDEX consultations_opened ON consultations(opens_at);

-- A random key per conversation for the de-identified vote download: participants appear
-- as keyed hashes that cannot be recomputed from public data or linked across conversations.
ALTER TABLE conversations ADD COLUMN pseudonym_key TEXT;

-- Statements an agency's answer or conclusions cite (the "what we heard" links).
CREATE TABLE statement_citations (
    source TEXT NOT NULL CHECK (source IN ('response', 'conclusions')),
    -- A petition (its current answer) or a consultation.
    source_id BIGINT NOT NULL,
    statement_id BIGINT NOT NULL REFERENCES statements(id),
    PRIMARY KEY (source, source_id, statement_id)
);
CREATE INDEX statement_citations_statement ON statement_citations(statement_id);
