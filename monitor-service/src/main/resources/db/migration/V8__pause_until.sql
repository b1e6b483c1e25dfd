-- A pause with an end (a chat command's duration): the monitor resumes by itself then.
ALTER TABLE monitor ADD COLUMN paused_until TIMESTAMPTZ CHECK (paused_until IS NULL OR state = 'PAUSED');
CREATE INDEX monitor_pause_ends ON monitor (paused_until) WHERE paused_until IS NOT NULL;
