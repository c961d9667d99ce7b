-- Fraud review. Signatures are grouped by client address block (/24, /48), mail
-- domain and user agent, stored when signed. A bulk invalidation adds 2 to "flagged"
-- (so a signature counts exactly when flagged = 0, and the count triggers of 0009
-- take it out of every count) and a restore subtracts it again.
ALTER TABLE signatures ADD COLUMN ip_block TEXT NOT NULL DEFAULT '';
ALTER TABLE signatures ADD COLUMN email_domain TEXT NOT NULL DEFAULT '';
ALTER TABLE signatures ADD COLUMN user_agent TEXT NOT NULL DEFAULT '';
ALTER TABLE signatures ADD COLUMN invalidation_id BIGINT;
CREATE INDEX signatures_by_block ON signatures(petition_id, ip_block);
CREATE INDEX signatures_by_invalidation ON signatures(invalidation_id);

CREATE TABLE signature_invalidations (
    id INTEGER PRIMARY KEY,
    petition_id BIGINT NOT NULL REFERENCES petitions(id),
    reason TEXT NOT NULL,
    explanation TEXT NOT NULL,
    -- The selection as JSON, for the audit (address blocks and domains, never people).
    selection TEXT NOT NULL,
    count BIGINT NOT NULL,
    created_by BIGINT NOT NULL REFERENCES users(id),
    created_at BIGINT NOT NULL,
    restored_at BIGINT,
    restored_by BIGINT REFERENCES users(id)
);
CREATE INDEX signature_invalidations_petition ON signature_invalidations(petition_id);

-- One alert per petition per hour, across instances.
CREATE TABLE fraud_alerts (
    petition_id BIGINT NOT NULL REFERENCES petitions(id),
    hour BIGINT NOT NULL,
    detail TEXT NOT NULL,
    created_at BIGINT NOT NULL,
    PRIMARY KEY (petition_id, hour)
);
