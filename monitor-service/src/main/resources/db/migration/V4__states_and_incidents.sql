-- A monitor goes DOWN after failure_threshold failed checks in a row, and back UP (or DEGRADED)
-- after success_threshold passed ones: one blip raises nothing.
ALTER TABLE monitor ADD COLUMN failure_threshold INT NOT NULL DEFAULT 2 CHECK (failure_threshold BETWEEN 1 AND 10);
ALTER TABLE monitor ADD COLUMN success_threshold INT NOT NULL DEFAULT 1 CHECK (success_threshold BETWEEN 1 AND 10);

-- the latest state changes (most recent last, a few kept) tell a flapping monitor
ALTER TABLE monitor_status ADD COLUMN state_changes TIMESTAMPTZ[] NOT NULL DEFAULT '{}';
ALTER TABLE monitor_status ADD COLUMN flapping BOOLEAN NOT NULL DEFAULT false;

-- A monitor's failure as people follow it: opened when it goes DOWN, resolved when it recovers.
CREATE TABLE incident (
    id          UUID PRIMARY KEY,
    monitor_id  UUID        NOT NULL REFERENCES monitor (id) ON DELETE CASCADE,
    account_id  TEXT,
    title       TEXT        NOT NULL,
    severity    TEXT        NOT NULL CHECK (severity IN ('minor', 'major', 'critical')),
    opened_at   TIMESTAMPTZ NOT NULL,
    resolved_at TIMESTAMPTZ,
    CHECK (resolved_at IS NULL OR resolved_at >= opened_at)
);
CREATE UNIQUE INDEX incident_one_open_per_monitor ON incident (monitor_id) WHERE resolved_at IS NULL;
CREATE INDEX incident_monitor_page ON incident (monitor_id, id);

-- what happened during an incident, in order
CREATE TABLE incident_entry (
    id          UUID PRIMARY KEY,
    incident_id UUID        NOT NULL REFERENCES incident (id) ON DELETE CASCADE,
    at          TIMESTAMPTZ NOT NULL,
    kind        TEXT        NOT NULL CHECK (kind IN ('opened', 'state-changed', 'flapping', 'resolved')),
    message     TEXT        NOT NULL
);
CREATE INDEX incident_entry_in_order ON incident_entry (incident_id, at, id);
