-- The log's own tables hold everything the sequencer writes, so appending never rewrites a
-- signature row (on PostgreSQL every such update wrote a new row version and an entry in
-- each of the table's indexes). Salts move from signatures to the leaves; a withdrawal's
-- queued change carries its leaf index, and deleting a signature deletes its leaf in the
-- same statement, so a leaf always belongs to the row now holding its id (SQLite reuses
-- row ids). Erasing a signer clears the salt through a trigger, as for every other path.
--
-- The tables are also keyed by their row id: SQLite stores a table whose key is declared
-- BIGINT PRIMARY KEY as a row-id table plus a separate index, two or three b-tree writes
-- per entry, hash and leaf; INTEGER PRIMARY KEY makes the key the row id. The entries'
-- petition index and the leaves' unique leaf index were never read (per-petition counts
-- are in tlog_counts; an entry's index is its key): they go.
ALTER TABLE tlog_pending ADD COLUMN leaf_index BIGINT;
UPDATE tlog_pending SET leaf_index = (SELECT l.leaf_index FROM tlog_leaves l WHERE l.signature_id = tlog_pending.signature_id)
    WHERE delta < 0 AND reason = 1;

CREATE TABLE tlog_entries_keyed (
    leaf_index INTEGER PRIMARY KEY,
    petition_id BIGINT NOT NULL,
    entry TEXT NOT NULL
);
INSERT INTO tlog_entries_keyed (leaf_index, petition_id, entry) SELECT leaf_index, petition_id, entry FROM tlog_entries;
DROP TABLE tlog_entries;
ALTER TABLE tlog_entries_keyed RENAME TO tlog_entries;

CREATE TABLE tlog_hashes_keyed (
    idx INTEGER PRIMARY KEY,
    hash BLOB NOT NULL
);
INSERT INTO tlog_hashes_keyed (idx, hash) SELECT idx, hash FROM tlog_hashes;
DROP TABLE tlog_hashes;
ALTER TABLE tlog_hashes_keyed RENAME TO tlog_hashes;

-- Only leaves of rows that still hold them (the commitment on the row said so).
CREATE TABLE tlog_leaves_keyed (
    signature_id INTEGER PRIMARY KEY,
    petition_id BIGINT NOT NULL,
    leaf_index BIGINT NOT NULL,
    commitment TEXT NOT NULL,
    removed BIGINT NOT NULL DEFAULT 0,
    salt TEXT
);
INSERT INTO tlog_leaves_keyed (signature_id, petition_id, leaf_index, commitment, removed, salt)
    SELECT l.signature_id, l.petition_id, l.leaf_index, l.commitment, l.removed, s.log_salt
    FROM tlog_leaves l JOIN signatures s ON s.id = l.signature_id AND s.log_commitment = l.commitment;
DROP TABLE tlog_leaves;
ALTER TABLE tlog_leaves_keyed RENAME TO tlog_leaves;

ALTER TABLE signatures DROP COLUMN log_salt;
ALTER TABLE signatures DROP COLUMN log_commitment;

DROP TRIGGER signatures_tlog_delete;
CREATE TRIGGER signatures_tlog_delete AFTER DELETE ON signatures
BEGIN
    INSERT INTO tlog_pending (signature_id, petition_id, delta, reason, leaf_index)
        SELECT OLD.id, OLD.petition_id, -1, 1, (SELECT l.leaf_index FROM tlog_leaves l WHERE l.signature_id = OLD.id)
        WHERE OLD.confirmed_at IS NOT NULL AND OLD.flagged = 0;
    DELETE FROM tlog_leaves WHERE signature_id = OLD.id;
END;

-- Erased or retired signers (no address left) keep no salt: nobody can hold their receipt.
CREATE TRIGGER signatures_tlog_erase AFTER UPDATE OF email_norm ON signatures
WHEN NEW.email_norm NOT LIKE '%@%'
BEGIN
    UPDATE tlog_leaves SET salt = NULL WHERE signature_id = NEW.id;
END;
