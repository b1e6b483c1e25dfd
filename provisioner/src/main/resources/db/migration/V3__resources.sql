-- What an account owns: databases, Redis namespaces, buckets, sites.
CREATE TABLE resource (
    id          UUID PRIMARY KEY,
    account_id  UUID        NOT NULL REFERENCES account (id),
    kind        TEXT        NOT NULL CHECK (kind IN ('postgres-database', 'redis-namespace', 'bucket', 'site')),
    name        TEXT        NOT NULL,
    state       TEXT        NOT NULL CHECK (state IN ('REQUESTED', 'PROVISIONING', 'READY', 'FAILED', 'DELETING', 'DELETED')),
    -- kind-specific settings (site: domain, upstream) and what the driver made (endpoint, external names)
    spec        JSONB       NOT NULL DEFAULT '{}',
    endpoint    TEXT,
    error       TEXT,
    created_at  TIMESTAMPTZ NOT NULL,
    updated_at  TIMESTAMPTZ NOT NULL
);

CREATE UNIQUE INDEX resource_name_per_account ON resource (account_id, kind, name) WHERE state <> 'DELETED';
-- a site's domain is unique platform-wide
CREATE UNIQUE INDEX resource_site_domain ON resource ((spec ->> 'domain')) WHERE kind = 'site' AND state <> 'DELETED';
CREATE INDEX resource_account ON resource (account_id);
