-- Monitors grouped for the status page. A group is private unless made public: only public groups
-- and their monitors appear on /status, /status.json and the badges.
CREATE TABLE monitor_group (
    id          UUID PRIMARY KEY,
    name        TEXT        NOT NULL UNIQUE CHECK (name ~ '\S'),
    description TEXT,
    is_public   BOOLEAN     NOT NULL DEFAULT false,
    -- where the group comes on the status page (ascending, then by name)
    position    INT         NOT NULL DEFAULT 0,
    created_at  TIMESTAMPTZ NOT NULL,
    updated_at  TIMESTAMPTZ NOT NULL
);
CREATE INDEX monitor_group_public_order ON monitor_group (position, name) WHERE is_public;

-- which monitors a group shows; deleting a monitor or a group removes its memberships
CREATE TABLE monitor_group_member (
    group_id   UUID        NOT NULL REFERENCES monitor_group (id) ON DELETE CASCADE,
    monitor_id UUID        NOT NULL REFERENCES monitor (id) ON DELETE CASCADE,
    added_at   TIMESTAMPTZ NOT NULL,
    PRIMARY KEY (group_id, monitor_id)
);
CREATE INDEX monitor_group_member_monitor ON monitor_group_member (monitor_id);
