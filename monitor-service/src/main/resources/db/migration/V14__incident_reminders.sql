-- When the last reminder of an open incident was sent (null: none yet, the next is due one
-- reminder interval after it opened).
ALTER TABLE incident ADD COLUMN reminded_at TIMESTAMPTZ;
CREATE INDEX incident_open_by_opening ON incident (opened_at) WHERE resolved_at IS NULL;
