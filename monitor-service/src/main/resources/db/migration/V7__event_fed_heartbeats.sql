-- Heartbeats fed by events (a backup policy's successful runs) have no token.
ALTER TABLE monitor DROP CONSTRAINT monitor_token_per_kind;
ALTER TABLE monitor ADD CONSTRAINT monitor_token_per_kind CHECK (kind = 'heartbeat' OR heartbeat_token_sha256 IS NULL);
-- the backup policy whose BackupRunSucceeded events are this heartbeat's check-ins
ALTER TABLE monitor ADD COLUMN backup_policy_id TEXT UNIQUE CHECK (backup_policy_id IS NULL OR kind = 'heartbeat');
-- who paused a monitor ('operator', 'backup-policy', 'account-suspended', 'account-deleted'): a resume
-- caused by a policy or an account resumes only what that cause paused
ALTER TABLE monitor ADD COLUMN paused_by TEXT CHECK (paused_by IS NULL OR state = 'PAUSED');

-- The account-wide '<account>-backup' heartbeats that AccountReady created were never fed (no check-in
-- existed); per-policy heartbeats replace them. The service deletes those listed here at start,
-- with their MonitorDeleted events.
CREATE TABLE retired_backup_heartbeat (
    monitor_id UUID PRIMARY KEY
);
INSERT INTO retired_backup_heartbeat (monitor_id)
SELECT id FROM monitor
WHERE kind = 'heartbeat' AND account_id IS NOT NULL AND name LIKE '%-backup'
  AND interval_seconds = 86400 AND grace_seconds = 7200 AND last_check_in_at IS NULL;
