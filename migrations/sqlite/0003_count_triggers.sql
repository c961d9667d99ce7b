-- The database itself records every change to what counts: a confirmed, unflagged
-- signature appearing (+1) or going away (-1). Signing is then one INSERT, and no
-- code path can change a signature without its count event.
-- A withdrawal is dated at the original confirmation, so hourly figures stay net.
CREATE TRIGGER signatures_counted_insert AFTER INSERT ON signatures
WHEN NEW.confirmed_at IS NOT NULL AND NEW.flagged = 0
BEGIN
    INSERT INTO count_events (petition_id, county, at, delta) VALUES (NEW.petition_id, NEW.county, NEW.confirmed_at, 1);
END;

CREATE TRIGGER signatures_counted_confirm AFTER UPDATE OF confirmed_at ON signatures
WHEN OLD.confirmed_at IS NULL AND NEW.confirmed_at IS NOT NULL AND NEW.flagged = 0
BEGIN
    INSERT INTO count_events (petition_id, county, at, delta) VALUES (NEW.petition_id, NEW.county, NEW.confirmed_at, 1);
END;

CREATE TRIGGER signatures_counted_delete AFTER DELETE ON signatures
WHEN OLD.confirmed_at IS NOT NULL AND OLD.flagged = 0
BEGIN
    INSERT INTO count_events (petition_id, county, at, delta) VALUES (OLD.petition_id, OLD.county, OLD.confirmed_at, -1);
END;
