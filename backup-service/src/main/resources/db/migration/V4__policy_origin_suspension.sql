-- Where a policy came from: 'operator' (the API), 'provisioning' (per-resource, from ResourceReady) or
-- 'default' (the account-wide policy every ready account used to get). Per-resource policies
-- replace the default one: it is deleted when the account's first ResourceReady arrives, so that
-- nothing is backed up twice; until then it stays, so the account is not left without a policy.
ALTER TABLE backup_policy
    ADD COLUMN origin TEXT NOT NULL DEFAULT 'operator' CHECK (origin IN ('operator', 'provisioning', 'default')),
    -- paused because the account was suspended (not by an operator): AccountResumed resumes only these
    ADD COLUMN paused_by_suspension BOOLEAN NOT NULL DEFAULT false;

-- The default policies created from AccountReady: account-wide, nightly at 03:00, 14 days, never changed.
-- (An operator's policy with exactly these values cannot be told apart and is treated the same way.)
UPDATE backup_policy SET origin = 'default'
 WHERE target_kind = 'account' AND schedule = '0 3 * * *' AND retention_days = 14 AND time_zone = 'UTC'
   AND keep_last IS NULL AND keep_daily IS NULL AND keep_weekly IS NULL AND keep_monthly IS NULL
   AND keep_within = 'P14D' AND destination = 'default' AND zstd_level = 3 AND age_recipients = '{}';

-- Accounts the service was told are suspended: a policy created for one of them starts paused.
CREATE TABLE suspended_account (
    account_id   TEXT        PRIMARY KEY CHECK (account_id <> ''),
    suspended_at TIMESTAMPTZ NOT NULL
);

-- Cursor pages of GET /v1/policies walk the id order with these filters.
CREATE INDEX backup_policy_account_id ON backup_policy (account_id, id);
CREATE INDEX backup_policy_state_id ON backup_policy (state, id);
