-- Probed kinds beyond http and tcp, per-kind settings, a timeout per check.
ALTER TABLE monitor DROP CONSTRAINT monitor_kind_check;
ALTER TABLE monitor ADD CONSTRAINT monitor_kind_check
    CHECK (kind IN ('http', 'tcp', 'heartbeat', 'tls', 'postgres', 'redis', 'dns'));
-- how the kind checks beyond its target (MonitorSettings as JSON, defaults filled in)
ALTER TABLE monitor ADD COLUMN settings JSONB NOT NULL DEFAULT '{}'::jsonb
    CHECK (jsonb_typeof(settings) = 'object');
-- a check that has not answered by then is a failure; never longer than the interval
ALTER TABLE monitor ADD COLUMN timeout_seconds INT NOT NULL DEFAULT 10
    CHECK (timeout_seconds BETWEEN 1 AND 60 AND timeout_seconds <= interval_seconds);
-- lists page by id (UUIDv7, so creation order), filtered by account, kind or state
CREATE INDEX monitor_account_page ON monitor (account_id, id);
CREATE INDEX monitor_state_page ON monitor (state, id);
