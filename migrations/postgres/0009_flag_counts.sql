-- Flagging a counted signature takes it out of the count, and clearing the flag puts
-- it back: the count event now follows any change of "counted" (confirmed and not
-- flagged), dated at the confirmation so hourly figures stay net.
CREATE OR REPLACE FUNCTION signatures_count_event() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
    was_counted BOOLEAN;
    is_counted BOOLEAN;
BEGIN
    IF TG_OP = 'INSERT' THEN
        IF NEW.confirmed_at IS NOT NULL AND NEW.flagged = 0 THEN
            INSERT INTO count_events (petition_id, county, at, delta) VALUES (NEW.petition_id, NEW.county, NEW.confirmed_at, 1);
        END IF;
    ELSIF TG_OP = 'UPDATE' THEN
        was_counted := OLD.confirmed_at IS NOT NULL AND OLD.flagged = 0;
        is_counted := NEW.confirmed_at IS NOT NULL AND NEW.flagged = 0;
        IF was_counted AND NOT is_counted THEN
            INSERT INTO count_events (petition_id, county, at, delta) VALUES (OLD.petition_id, OLD.county, OLD.confirmed_at, -1);
        ELSIF is_counted AND NOT was_counted THEN
            INSERT INTO count_events (petition_id, county, at, delta) VALUES (NEW.petition_id, NEW.county, NEW.confirmed_at, 1);
        END IF;
    ELSIF TG_OP = 'DELETE' AND OLD.confirmed_at IS NOT NULL AND OLD.flagged = 0 THEN
        INSERT INTO count_events (petition_id, county, at, delta) VALUES (OLD.petition_id, OLD.county, OLD.confirmed_at, -1);
    END IF;
    RETURN NULL;
END
$$;

DROP TRIGGER signatures_counted ON signatures;
CREATE TRIGGER signatures_counted AFTER INSERT OR UPDATE OF confirmed_at, flagged OR DELETE ON signatures
    FOR EACH ROW EXECUTE FUNCTION signatures_count_event();
