-- What the service knows of each account's resources, learnt from ResourceReady / ResourceDeleted on
-- mooring.provisioning; an account-wide policy backs up each of them (one artifact per resource).
-- name is the name on the server: the database or bucket as in the resource's endpoint, and the
-- account id for Redis namespaces (the account's keys share the prefix acct:<id>:).
CREATE TABLE account_resource (
    account_id  TEXT        NOT NULL CHECK (account_id <> ''),
    resource_id TEXT        NOT NULL CHECK (resource_id <> ''),
    kind        TEXT        NOT NULL CHECK (kind IN ('postgres-database', 'redis-namespace', 'bucket')),
    name        TEXT        NOT NULL CHECK (name <> ''),
    recorded_at TIMESTAMPTZ NOT NULL,
    PRIMARY KEY (account_id, resource_id)
);
