CREATE TABLE host (
    id          UUID PRIMARY KEY,
    name        TEXT        NOT NULL UNIQUE,
    datacenter  TEXT        NOT NULL,
    cpu_cores   INT         NOT NULL CHECK (cpu_cores > 0),
    memory_mb   BIGINT      NOT NULL CHECK (memory_mb > 0),
    disk_gb     BIGINT      NOT NULL CHECK (disk_gb > 0),
    labels      JSONB       NOT NULL DEFAULT '{}',
    cordoned    BOOLEAN     NOT NULL DEFAULT false,
    created_at  TIMESTAMPTZ NOT NULL
);

CREATE TABLE plan (
    name              TEXT PRIMARY KEY,
    cpu_weight        INT    NOT NULL CHECK (cpu_weight BETWEEN 1 AND 10000),
    memory_high_mb    BIGINT NOT NULL CHECK (memory_high_mb > 0),
    memory_max_mb     BIGINT NOT NULL CHECK (memory_max_mb > 0),
    disk_quota_gb     BIGINT NOT NULL CHECK (disk_quota_gb > 0),
    tasks_max         INT    NOT NULL CHECK (tasks_max > 0),
    max_databases     INT    NOT NULL CHECK (max_databases >= 0),
    max_redis         INT    NOT NULL CHECK (max_redis >= 0),
    max_buckets       INT    NOT NULL CHECK (max_buckets >= 0),
    max_sites         INT    NOT NULL CHECK (max_sites >= 0),
    CHECK (memory_high_mb <= memory_max_mb)
);

INSERT INTO plan VALUES
    ('small',  100, 384,  512,  10, 256, 1, 1, 1, 2),
    ('medium', 200, 1536, 2048, 40, 1024, 3, 2, 3, 5);

CREATE TABLE account (
    id          UUID PRIMARY KEY,
    name        TEXT        NOT NULL UNIQUE,
    plan        TEXT        NOT NULL REFERENCES plan (name),
    owner_email TEXT        NOT NULL,
    host_id     UUID REFERENCES host (id),
    state       TEXT        NOT NULL,
    created_at  TIMESTAMPTZ NOT NULL,
    updated_at  TIMESTAMPTZ NOT NULL
);

CREATE INDEX account_host ON account (host_id);

CREATE TABLE operation (
    id          UUID PRIMARY KEY,
    kind        TEXT        NOT NULL,
    target_id   UUID        NOT NULL,
    state       TEXT        NOT NULL,
    error       TEXT,
    created_at  TIMESTAMPTZ NOT NULL,
    updated_at  TIMESTAMPTZ NOT NULL
);
