-- Planned maintenance of some monitors: shown on the status page while it is ahead or under way;
-- a monitor that goes DOWN inside its window opens no incident.
CREATE TABLE maintenance_window (
    id          UUID PRIMARY KEY,
    title       TEXT        NOT NULL CHECK (title ~ '\S'),
    description TEXT,
    starts_at   TIMESTAMPTZ NOT NULL,
    ends_at     TIMESTAMPTZ NOT NULL CHECK (ends_at > starts_at),
    created_at  TIMESTAMPTZ NOT NULL
);
CREATE INDEX maintenance_window_ends ON maintenance_window (ends_at);

CREATE TABLE maintenance_window_monitor (
    window_id  UUID NOT NULL REFERENCES maintenance_window (id) ON DELETE CASCADE,
    monitor_id UUID NOT NULL REFERENCES monitor (id) ON DELETE CASCADE,
    PRIMARY KEY (window_id, monitor_id)
);
CREATE INDEX maintenance_window_monitor_monitor ON maintenance_window_monitor (monitor_id);
