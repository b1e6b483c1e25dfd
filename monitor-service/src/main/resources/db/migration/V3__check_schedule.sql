-- Each probed monitor is due at a fixed offset within its interval (a stable hash of its id), so
-- monitors of the same interval spread over it instead of all firing at :00.
ALTER TABLE monitor ADD COLUMN check_offset_ms INT NOT NULL DEFAULT 0 CHECK (check_offset_ms >= 0);
-- claimed (and moved to the next slot) by one replica at a time with FOR UPDATE SKIP LOCKED
ALTER TABLE monitor ADD COLUMN next_check_at TIMESTAMPTZ NOT NULL DEFAULT now();
CREATE INDEX monitor_due ON monitor (next_check_at) WHERE state <> 'PAUSED' AND kind <> 'heartbeat';

-- What the last check of a monitor found, and the runs of successes and failures behind its state.
CREATE TABLE monitor_status (
    monitor_id            UUID PRIMARY KEY REFERENCES monitor (id) ON DELETE CASCADE,
    checked_at            TIMESTAMPTZ NOT NULL,
    outcome               TEXT        NOT NULL CHECK (outcome IN ('UP', 'DEGRADED', 'DOWN')),
    latency_ms            BIGINT      NOT NULL CHECK (latency_ms >= 0),
    reason                TEXT        NOT NULL,
    certificate_days_left BIGINT,
    consecutive_failures  INT         NOT NULL DEFAULT 0 CHECK (consecutive_failures >= 0),
    consecutive_successes INT         NOT NULL DEFAULT 0 CHECK (consecutive_successes >= 0)
);
