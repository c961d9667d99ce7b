-- Security limits shared by every instance on one database: attempts per kind, key
-- (a SHA-256 of the address or account, never the value itself) and fixed window,
-- counted with one upsert. Old windows are deleted by the cleanup job.
CREATE TABLE rate_counters (
    kind TEXT NOT NULL,
    key_hash TEXT NOT NULL,
    window_start BIGINT NOT NULL,
    n BIGINT NOT NULL,
    PRIMARY KEY (kind, key_hash, window_start)
);
CREATE INDEX rate_counters_age ON rate_counters(window_start);
