-- Signers hear about milestones (established, closed) as well as answers, through the
-- same paced cursor, so every such mail carries its own one-click unsubscribe link.
CREATE TABLE signer_notices_new (
    id INTEGER PRIMARY KEY,
    petition_id BIGINT NOT NULL REFERENCES petitions(id),
    kind TEXT NOT NULL DEFAULT 'answered',
    version_id BIGINT REFERENCES response_versions(id),
    after_signature BIGINT NOT NULL DEFAULT 0,
    queued BIGINT NOT NULL DEFAULT 0,
    created_at BIGINT NOT NULL,
    done_at BIGINT
);
INSERT INTO signer_notices_new (id, petition_id, kind, version_id, after_signature, queued, created_at, done_at)
    SELECT id, petition_id, 'answered', version_id, after_signature, queued, created_at, done_at FROM signer_notices;
DROP TABLE signer_notices;
ALTER TABLE signer_notices_new RENAME TO signer_notices;
