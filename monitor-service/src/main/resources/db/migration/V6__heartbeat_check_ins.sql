-- Heartbeat monitors: when the job last checked in, and by when it must check in again.
ALTER TABLE monitor ADD COLUMN last_check_in_at TIMESTAMPTZ;
-- last check-in (or creation, or resume) + interval + grace; null while paused and once a miss was
-- reported, until the next check-in: each miss is reported once. Claimed with FOR UPDATE SKIP LOCKED.
ALTER TABLE monitor ADD COLUMN heartbeat_deadline TIMESTAMPTZ;
ALTER TABLE monitor ADD CONSTRAINT monitor_deadline_per_kind CHECK (kind = 'heartbeat' OR heartbeat_deadline IS NULL);
CREATE INDEX monitor_heartbeat_due ON monitor (heartbeat_deadline) WHERE heartbeat_deadline IS NOT NULL;
UPDATE monitor SET heartbeat_deadline = now() + make_interval(secs => interval_seconds + grace_seconds)
WHERE kind = 'heartbeat' AND state <> 'PAUSED';
