-- A window is one-off (starts_at..ends_at) or recurring: a five-field cron schedule read in time_zone (UTC when
-- absent), each run lasting duration_seconds. starts_at and ends_at are then the current or next occurrence,
-- moved on when one ends. phase: which of MaintenanceStarted / MaintenanceEnded the occurrence has had, claimed
-- with FOR UPDATE SKIP LOCKED so that each is sent once across replicas.
ALTER TABLE maintenance_window ADD COLUMN schedule TEXT;
ALTER TABLE maintenance_window ADD COLUMN time_zone TEXT CHECK (time_zone IS NULL OR schedule IS NOT NULL);
ALTER TABLE maintenance_window ADD COLUMN duration_seconds INT
    CHECK ((schedule IS NULL) = (duration_seconds IS NULL) AND (duration_seconds IS NULL OR duration_seconds > 0));
ALTER TABLE maintenance_window ADD COLUMN phase TEXT NOT NULL DEFAULT 'ahead'
    CHECK (phase IN ('ahead', 'under-way', 'over'));
UPDATE maintenance_window SET phase = 'over' WHERE ends_at <= now();
CREATE INDEX maintenance_window_phase ON maintenance_window (phase, starts_at) WHERE phase <> 'over';

