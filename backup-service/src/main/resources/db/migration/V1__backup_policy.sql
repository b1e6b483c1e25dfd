-- What is backed up, when, and for how long. The service's copy of accounts is just account_id:
-- it learns about accounts from mooring.provisioning events, never from the provisioner's database.
CREATE TABLE backup_policy (
    id             UUID PRIMARY KEY,
    account_id     TEXT        NOT NULL CHECK (account_id <> ''),
    target_kind    TEXT        NOT NULL CHECK (target_kind IN ('postgres-database', 'redis-namespace', 'bucket', 'account')),
    target_name    TEXT        NOT NULL CHECK (target_name <> ''),
    -- five-field cron (minute hour day-of-month month day-of-week) in UTC, checked by the service
    schedule       TEXT        NOT NULL CHECK (schedule ~ '^[0-9A-Za-z*/,-]+( [0-9A-Za-z*/,-]+){4}$'),
    retention_days INT         NOT NULL CHECK (retention_days > 0),
    state          TEXT        NOT NULL,
    created_at     TIMESTAMPTZ NOT NULL,
    updated_at     TIMESTAMPTZ NOT NULL,
    CONSTRAINT backup_policy_target UNIQUE (account_id, target_kind, target_name)
);
