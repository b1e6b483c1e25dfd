-- The host each account is placed on (AccountPlaced), kept to link the account's monitors to the
-- host's monitor whichever is made first.
CREATE TABLE account_host (
    account_id TEXT PRIMARY KEY,
    host_id    TEXT NOT NULL
);
CREATE INDEX account_host_host ON account_host (host_id);

-- A monitor of an account's resource depends on the monitor of the host the account is placed on:
-- while that one is DOWN, the dependent going DOWN opens no incident of its own.
CREATE TABLE monitor_dependency (
    monitor_id UUID NOT NULL REFERENCES monitor (id) ON DELETE CASCADE,
    depends_on UUID NOT NULL REFERENCES monitor (id) ON DELETE CASCADE,
    PRIMARY KEY (monitor_id, depends_on),
    CHECK (monitor_id <> depends_on)
);
CREATE INDEX monitor_dependency_depends_on ON monitor_dependency (depends_on);

-- timeline kinds: a dependent went down while this incident's monitor was down; a reminder while open
ALTER TABLE incident_entry DROP CONSTRAINT incident_entry_kind_check;
ALTER TABLE incident_entry ADD CONSTRAINT incident_entry_kind_check
    CHECK (kind IN ('opened', 'state-changed', 'flapping', 'resolved', 'also-down', 'reminder'));
