-- Every state change of a monitor (checks, pauses, resumes), as MonitorStateChanged tells it.
CREATE TABLE monitor_state_change (
    id         UUID PRIMARY KEY,
    monitor_id UUID        NOT NULL REFERENCES monitor (id) ON DELETE CASCADE,
    at         TIMESTAMPTZ NOT NULL,
    from_state TEXT        NOT NULL,
    to_state   TEXT        NOT NULL CHECK (to_state <> from_state),
    reason     TEXT        NOT NULL
);
CREATE INDEX monitor_state_change_page ON monitor_state_change (monitor_id, id);
