-- The database itself records every change to what counts: a confirmed, unflagged
-- signature appearing (+1) or going away (-1). Signing is then one INSERT, and no
-- code path can change a signature without its count event.
-- A withdrawal is dated at the original confirmation, so hourly figures stay net.
CREATE FUNCTION signatures_count_event() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP = 'INSERT' AND NEW.confirmed_at IS NOT NULL AND NEW.flagged = 0 THEN
        INSERT INTO count_events (petition_id, county, at, delta) VALUES (NEW.petition_id, NEW.county, NEW.confirmed_at, 1);
    ELSIF TG_OP = 'UPDATE' AND OLD.confirmed_at IS NULL AND NEW.confirmed_at IS NOT NULL AND NEW.flagged = 0 THEN
        INSERT INTO count_events (petition_id, county, at, delta) VALUES (NEW.petition_id, NEW.county, NEW.confirmed_at, 1);
    ELSIF TG_OP = 'DELETE' AND OLD.confirmed_at IS NOT NULL AND OLD.flagged = 0 THEN
        INSERT INTO count_events (petition_id, county, at, delta) VALUES (OLD.petition_id, OLD.county, OLD.confirmed_at, -1);
    END IF;
    RETURN NULL;
END
$$;

CREATE TRIGGER signatures_counted AFTER INSERT OR UPDATE OF confirmed_at OR DELETE ON signatures
    FOR EACH ROW EXECUTE FUNCTION signatures_count_event();
