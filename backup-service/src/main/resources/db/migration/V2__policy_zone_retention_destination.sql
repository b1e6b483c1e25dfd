-- Schedules get a time zone; retention becomes rules that combine (like restic's forget); each policy
-- names a destination, a zstd level and its age recipients; policies can be paused and stopped.
ALTER TABLE backup_policy
    ADD COLUMN time_zone      TEXT    NOT NULL DEFAULT 'UTC',
    ADD COLUMN keep_last      INT     CHECK (keep_last > 0),
    ADD COLUMN keep_daily     INT     CHECK (keep_daily > 0),
    ADD COLUMN keep_weekly    INT     CHECK (keep_weekly > 0),
    ADD COLUMN keep_monthly   INT     CHECK (keep_monthly > 0),
    -- an ISO-8601 duration such as P14D
    ADD COLUMN keep_within    TEXT,
    ADD COLUMN destination    TEXT    NOT NULL DEFAULT 'default',
    ADD COLUMN zstd_level     INT     NOT NULL DEFAULT 3 CHECK (zstd_level BETWEEN 1 AND 22),
    -- age X25519 recipients (age1...); empty: the service's configured default recipients
    ADD COLUMN age_recipients TEXT[]  NOT NULL DEFAULT '{}',
    -- set when a policy is stopped: its artifacts are kept until then, then pruned
    ADD COLUMN keep_artifacts_until TIMESTAMPTZ;

UPDATE backup_policy SET keep_within = 'P' || retention_days || 'D';

ALTER TABLE backup_policy ADD CONSTRAINT backup_policy_state CHECK (state IN ('ACTIVE', 'PAUSED', 'STOPPED'));
