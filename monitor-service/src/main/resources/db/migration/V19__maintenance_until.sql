-- A recurring window may end: no run starts at or after recurs_until (a run that started before it lasts its
-- duration). Null: it recurs until deleted. One-off windows have none.
ALTER TABLE maintenance_window ADD COLUMN recurs_until TIMESTAMPTZ CHECK (recurs_until IS NULL OR schedule IS NOT NULL);
