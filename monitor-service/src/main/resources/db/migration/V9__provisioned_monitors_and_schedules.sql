-- The provisioning resource or host a monitor was made for ('resource:<id>', 'host:<id>'): one
-- monitor each, deleted with it.
ALTER TABLE monitor ADD COLUMN provisioned_for TEXT UNIQUE;

-- A heartbeat may follow a five-field cron schedule (read in time_zone, UTC when absent): it is then
-- due at the schedule's next run after its last check-in, plus its grace.
ALTER TABLE monitor ADD COLUMN schedule TEXT CHECK (schedule IS NULL OR kind = 'heartbeat');
ALTER TABLE monitor ADD COLUMN time_zone TEXT CHECK (time_zone IS NULL OR schedule IS NOT NULL);
