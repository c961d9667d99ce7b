-- Flagging a counted signature takes it out of the count, and clearing the flag puts
-- it back: the count event now follows any change of "counted" (confirmed and not
-- flagged), dated at the confirmation so hourly figures stay net.
DROP TRIGGER signatures_counted_confirm;

CREATE TRIGGER signatures_counted_update AFTER UPDATE OF confirmed_at, flagged ON signatures
BEGIN
    INSERT INTO count_events (petition_id, county, at, delta)
        SELECT OLD.petition_id, OLD.county, OLD.confirmed_at, -1
        WHERE OLD.confirmed_at IS NOT NULL AND OLD.flagged = 0 AND NOT (NEW.confirmed_at IS NOT NULL AND NEW.flagged = 0);
    INSERT INTO count_events (petition_id, county, at, delta)
        SELECT NEW.petition_id, NEW.county, NEW.confirmed_at, 1
        WHERE NEW.confirmed_at IS NOT NULL AND NEW.flagged = 0 AND NOT (OLD.confirmed_at IS NOT NULL AND OLD.flagged = 0);
END;
