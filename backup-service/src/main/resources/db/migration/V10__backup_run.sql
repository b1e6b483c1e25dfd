-- One execution of a policy: a scheduled slot, a manual run or a chat-ops command. A run is SUCCEEDED only once
-- every artifact and manifest is uploaded; a RUNNING run whose instance stops heartbeating is marked FAILED by a
-- sweeper of another instance. PRUNED: it had succeeded, and retention deleted its artifacts.
CREATE TABLE backup_run (
    id              UUID PRIMARY KEY,
    policy_id       UUID        NOT NULL,
    account_id      TEXT        NOT NULL,
    target_kind     TEXT        NOT NULL,
    target_name     TEXT        NOT NULL,
    destination     TEXT        NOT NULL,
    trigger         TEXT        NOT NULL CHECK (trigger IN ('schedule', 'manual', 'chat')),
    -- the schedule slot a scheduled run serves; null for manual and chat runs
    slot            TIMESTAMPTZ CHECK ((trigger = 'schedule') = (slot IS NOT NULL)),
    attempt         INT         NOT NULL DEFAULT 1 CHECK (attempt > 0),
    state           TEXT        NOT NULL CHECK (state IN ('RUNNING', 'SUCCEEDED', 'FAILED', 'PRUNED')),
    reason          TEXT,
    -- transient, permanent, timeout or interrupted
    failure         TEXT,
    progress_bytes  BIGINT      NOT NULL DEFAULT 0,
    plaintext_bytes BIGINT,
    stored_bytes    BIGINT,
    started_at      TIMESTAMPTZ NOT NULL,
    finished_at     TIMESTAMPTZ,
    owner_instance  TEXT        NOT NULL,
    heartbeat_at    TIMESTAMPTZ NOT NULL,
    pruned_at       TIMESTAMPTZ,
    CHECK ((state = 'RUNNING') = (finished_at IS NULL))
);
-- at most one run of a policy at a time, across replicas
CREATE UNIQUE INDEX backup_run_one_running ON backup_run (policy_id) WHERE state = 'RUNNING';
CREATE INDEX backup_run_policy ON backup_run (policy_id, started_at);
CREATE INDEX backup_run_account ON backup_run (account_id, id);
CREATE INDEX backup_run_running ON backup_run (heartbeat_at) WHERE state = 'RUNNING';

-- The artifacts of a run, one per resource: recorded as each is written, so that a failed run's finished
-- artifacts are found and deleted, and a pruned run's are known.
CREATE TABLE backup_artifact (
    run_id           UUID        NOT NULL REFERENCES backup_run (id) ON DELETE CASCADE,
    position         INT         NOT NULL,
    target_kind      TEXT        NOT NULL,
    target_name      TEXT        NOT NULL,
    object_key       TEXT        NOT NULL,
    manifest_key     TEXT        NOT NULL,
    plaintext_bytes  BIGINT      NOT NULL,
    stored_bytes     BIGINT      NOT NULL,
    plaintext_sha256 TEXT        NOT NULL,
    stored_sha256    TEXT        NOT NULL,
    started_at       TIMESTAMPTZ NOT NULL,
    finished_at      TIMESTAMPTZ NOT NULL,
    PRIMARY KEY (run_id, position)
);

-- Restores and verifications of a run's artifacts: operations with a state.
CREATE TABLE backup_restore (
    id             UUID PRIMARY KEY,
    run_id         UUID        NOT NULL REFERENCES backup_run (id),
    policy_id      UUID        NOT NULL,
    account_id     TEXT        NOT NULL,
    purpose        TEXT        NOT NULL CHECK (purpose IN ('restore', 'verify')),
    target_name    TEXT        NOT NULL,
    overwrite      BOOLEAN     NOT NULL,
    state          TEXT        NOT NULL CHECK (state IN ('RUNNING', 'SUCCEEDED', 'FAILED')),
    reason         TEXT,
    progress_bytes BIGINT      NOT NULL DEFAULT 0,
    started_at     TIMESTAMPTZ NOT NULL,
    finished_at    TIMESTAMPTZ,
    owner_instance TEXT        NOT NULL,
    heartbeat_at   TIMESTAMPTZ NOT NULL,
    CHECK ((state = 'RUNNING') = (finished_at IS NULL))
);
CREATE INDEX backup_restore_reading ON backup_restore (run_id) WHERE state = 'RUNNING';
CREATE INDEX backup_restore_running ON backup_restore (heartbeat_at) WHERE state = 'RUNNING';
