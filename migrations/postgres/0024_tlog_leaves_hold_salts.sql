-- The log's own tables hold everything the sequencer writes, so appending never rewrites a
-- signature row (every such update wrote a new row version and an entry in each of the
-- table's indexes). Salts move from signatures to the leaves; a withdrawal's queued change
-- carries its leaf index, and deleting a signature deletes its leaf in the same statement,
-- so a leaf always belongs to the row holding its id. Erasing a signer clears the salt
-- through a trigger, as for every other path. The entries' petition index and the leaves'
-- unique leaf index were never read (per-petition counts are in tlog_counts; an entry's
-- index is its key): each cost a write per entry.
ALTER TABLE tlog_pending ADD COLUMN leaf_index BIGINT;
UPDATE tlog_pending SET leaf_index = l.leaf_index FROM tlog_leaves l
    WHERE l.signature_id = tlog_pending.signature_id AND tlog_pending.delta < 0 AND tlog_pending.reason = 1;

ALTER TABLE tlog_leaves ADD COLUMN salt TEXT;
-- Only leaves of rows that still hold them (the commitment on the row said so).
DELETE FROM tlog_leaves l WHERE NOT EXISTS (SELECT 1 FROM signatures s WHERE s.id = l.signature_id AND s.log_commitment = l.commitment);
UPDATE tlog_leaves SET salt = s.log_salt FROM signatures s WHERE s.id = tlog_leaves.signature_id;
ALTER TABLE signatures DROP COLUMN log_salt, DROP COLUMN log_commitment;

DROP INDEX tlog_entries_petition;
ALTER TABLE tlog_leaves DROP CONSTRAINT tlog_leaves_leaf_index_key;

CREATE OR REPLACE FUNCTION signatures_tlog_event() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
    was_counted BOOLEAN;
    is_counted BOOLEAN;
BEGIN
    IF TG_OP = 'INSERT' THEN
        IF NEW.confirmed_at IS NOT NULL AND NEW.flagged = 0 THEN
            INSERT INTO tlog_pending (signature_id, petition_id, delta, reason) VALUES (NEW.id, NEW.petition_id, 1, 0);
        END IF;
    ELSIF TG_OP = 'UPDATE' THEN
        was_counted := OLD.confirmed_at IS NOT NULL AND OLD.flagged = 0;
        is_counted := NEW.confirmed_at IS NOT NULL AND NEW.flagged = 0;
        IF was_counted AND NOT is_counted THEN
            INSERT INTO tlog_pending (signature_id, petition_id, delta, reason) VALUES (OLD.id, OLD.petition_id, -1, 2);
        ELSIF is_counted AND NOT was_counted THEN
            INSERT INTO tlog_pending (signature_id, petition_id, delta, reason) VALUES (NEW.id, NEW.petition_id, 1, 0);
        END IF;
    ELSIF TG_OP = 'DELETE' THEN
        IF OLD.confirmed_at IS NOT NULL AND OLD.flagged = 0 THEN
            INSERT INTO tlog_pending (signature_id, petition_id, delta, reason, leaf_index)
                VALUES (OLD.id, OLD.petition_id, -1, 1, (SELECT l.leaf_index FROM tlog_leaves l WHERE l.signature_id = OLD.id));
        END IF;
        DELETE FROM tlog_leaves WHERE signature_id = OLD.id;
    END IF;
    RETURN NULL;
END
$$;

-- Erased or retired signers (no address left) keep no salt: nobody can hold their receipt.
CREATE FUNCTION signatures_tlog_erase() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    UPDATE tlog_leaves SET salt = NULL WHERE signature_id = NEW.id;
    RETURN NULL;
END
$$;
CREATE TRIGGER signatures_tlog_erase AFTER UPDATE OF email_norm ON signatures
    FOR EACH ROW WHEN (NEW.email_norm NOT LIKE '%@%') EXECUTE FUNCTION signatures_tlog_erase();
