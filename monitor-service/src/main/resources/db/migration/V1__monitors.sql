-- What is watched. http and tcp monitors probe a target; heartbeat monitors wait for a job to check in.
CREATE TABLE monitor (
    id                     UUID PRIMARY KEY,
    -- null for platform monitors (a host, the status page); otherwise the provisioner's account id
    account_id             TEXT,
    name                   TEXT        NOT NULL CHECK (name ~ '\S'),
    kind                   TEXT        NOT NULL CHECK (kind IN ('http', 'tcp', 'heartbeat')),
    -- http: an http(s) URL; tcp: host:port; heartbeat: none
    target                 TEXT,
    interval_seconds       INT         NOT NULL CHECK (interval_seconds BETWEEN 10 AND 86400),
    -- heartbeat only: how late a check-in may be before the monitor is DOWN
    grace_seconds          INT         CHECK (grace_seconds >= 0),
    state                  TEXT        NOT NULL DEFAULT 'UNKNOWN'
                                       CHECK (state IN ('UP', 'DOWN', 'DEGRADED', 'UNKNOWN', 'PAUSED')),
    -- heartbeat only: SHA-256 (hex) of the push token; the token itself is shown once, at creation
    heartbeat_token_sha256 TEXT        UNIQUE,
    created_at             TIMESTAMPTZ NOT NULL,
    updated_at             TIMESTAMPTZ NOT NULL,
    CONSTRAINT monitor_name_per_account UNIQUE NULLS NOT DISTINCT (account_id, name),
    CONSTRAINT monitor_target_per_kind CHECK ((kind = 'heartbeat') = (target IS NULL)),
    CONSTRAINT monitor_grace_per_kind CHECK ((kind = 'heartbeat') = (grace_seconds IS NOT NULL)),
    CONSTRAINT monitor_token_per_kind CHECK ((kind = 'heartbeat') = (heartbeat_token_sha256 IS NOT NULL))
);
