-- Draft regulations: a topic (for followers of the topic and the list's filter), the version
-- issued as the final text, and the comparison rows that delete an article of the current
-- regulation (the draft has no such article, so they are kept beside the articles).
ALTER TABLE regulations ADD COLUMN category_id BIGINT REFERENCES categories(id);
ALTER TABLE regulations ADD COLUMN issued_version BIGINT;

CREATE TABLE regulation_deletions (
    id INTEGER PRIMARY KEY,
    version_id BIGINT NOT NULL REFERENCES regulation_versions(id),
    position BIGINT NOT NULL,
    number TEXT NOT NULL,
    current_text TEXT NOT NULL,
    explanation TEXT NOT NULL,
    UNIQUE (version_id, number)
);
