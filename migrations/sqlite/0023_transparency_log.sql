-- The signature transparency log (issue 18). Every change of "counted" (confirmed and
-- not flagged) is queued in tlog_pending by triggers in the same statement, as the
-- count events are; the sequencer job turns the queue into log entries, hashes and a
-- signed checkpoint, one batch per transaction. reason: 1 withdrawn, 2 invalidated.
ALTER TABLE signatures ADD COLUMN log_salt TEXT;
ALTER TABLE signatures ADD COLUMN log_commitment TEXT;

CREATE TABLE tlog_pending (
    id INTEGER PRIMARY KEY,
    signature_id BIGINT NOT NULL,
    petition_id BIGINT NOT NULL,
    delta BIGINT NOT NULL,
    reason BIGINT NOT NULL DEFAULT 0
);

CREATE TABLE tlog_leaves (
    signature_id BIGINT PRIMARY KEY,
    petition_id BIGINT NOT NULL,
    leaf_index BIGINT NOT NULL UNIQUE,
    commitment TEXT NOT NULL,
    removed BIGINT NOT NULL DEFAULT 0
);

CREATE TABLE tlog_entries (
    leaf_index BIGINT PRIMARY KEY,
    petition_id BIGINT NOT NULL,
    entry TEXT NOT NULL
);
CREATE INDEX tlog_entries_petition ON tlog_entries (petition_id);

CREATE TABLE tlog_hashes (
    idx BIGINT PRIMARY KEY,
    hash BLOB NOT NULL
);

CREATE TABLE tlog_head (
    id BIGINT PRIMARY KEY CHECK (id = 1),
    tree_size BIGINT NOT NULL,
    checkpoint TEXT,
    vkey TEXT,
    holder TEXT,
    updated_at BIGINT NOT NULL
);
INSERT INTO tlog_head (id, tree_size, updated_at) VALUES (1, 0, 0);

CREATE TABLE tlog_checkpoints (
    tree_size BIGINT PRIMARY KEY,
    note TEXT NOT NULL,
    created_at BIGINT NOT NULL
);
CREATE INDEX tlog_checkpoints_at ON tlog_checkpoints (created_at);

CREATE TABLE tlog_keys (
    vkey TEXT PRIMARY KEY,
    from_size BIGINT NOT NULL,
    created_at BIGINT NOT NULL
);

CREATE TABLE tlog_counts (
    petition_id BIGINT PRIMARY KEY,
    count BIGINT NOT NULL
);

CREATE TRIGGER signatures_tlog_insert AFTER INSERT ON signatures
WHEN NEW.confirmed_at IS NOT NULL AND NEW.flagged = 0
BEGIN
    INSERT INTO tlog_pending (signature_id, petition_id, delta, reason) VALUES (NEW.id, NEW.petition_id, 1, 0);
END;

CREATE TRIGGER signatures_tlog_update AFTER UPDATE OF confirmed_at, flagged ON signatures
BEGIN
    INSERT INTO tlog_pending (signature_id, petition_id, delta, reason)
        SELECT OLD.id, OLD.petition_id, -1, 2
        WHERE OLD.confirmed_at IS NOT NULL AND OLD.flagged = 0 AND NOT (NEW.confirmed_at IS NOT NULL AND NEW.flagged = 0);
    INSERT INTO tlog_pending (signature_id, petition_id, delta, reason)
        SELECT NEW.id, NEW.petition_id, 1, 0
        WHERE NEW.confirmed_at IS NOT NULL AND NEW.flagged = 0 AND NOT (OLD.confirmed_at IS NOT NULL AND OLD.flagged = 0);
END;

CREATE TRIGGER signatures_tlog_delete AFTER DELETE ON signatures
WHEN OLD.confirmed_at IS NOT NULL AND OLD.flagged = 0
BEGIN
    INSERT INTO tlog_pending (signature_id, petition_id, delta, reason) VALUES (OLD.id, OLD.petition_id, -1, 1);
END;

-- Signatures counted before the log existed enter it first, in the order they counted.
INSERT INTO tlog_pending (signature_id, petition_id, delta, reason)
    SELECT id, petition_id, 1, 0 FROM signatures WHERE confirmed_at IS NOT NULL AND flagged = 0 ORDER BY confirmed_at, id;
