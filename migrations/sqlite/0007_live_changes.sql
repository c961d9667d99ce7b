-- Each instance asks every second which petitions changed (count or state) for its
-- live stream clients.
CREATE INDEX petitions_count_updated ON petitions (count_updated_at);
CREATE INDEX petitions_updated ON petitions (updated_at);
