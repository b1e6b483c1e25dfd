-- Roll-ups of check results at three levels, each with its counts and an HdrHistogram of the latencies of checks
-- that answered (compressed, as HdrHistogram's encodeIntoCompressedByteBuffer writes it; NULL while none did):
-- 5-minute buckets kept 24 hours, hourly buckets kept 30 days, and the daily buckets of V11, kept 365 days.
-- Counted in the transaction that records each check; older buckets are pruned per level.
ALTER TABLE monitor_uptime_day ADD COLUMN latency_histogram BYTEA;

CREATE TABLE monitor_uptime_5min (
    monitor_id        UUID        NOT NULL REFERENCES monitor (id) ON DELETE CASCADE,
    bucket_start      TIMESTAMPTZ NOT NULL,
    checks            INT         NOT NULL CHECK (checks > 0),
    passed            INT         NOT NULL CHECK (passed >= 0),
    degraded          INT         NOT NULL CHECK (degraded >= 0),
    failed            INT         NOT NULL CHECK (failed >= 0),
    latency_total_ms  BIGINT      NOT NULL CHECK (latency_total_ms >= 0),
    latency_max_ms    BIGINT      NOT NULL CHECK (latency_max_ms >= 0),
    latency_histogram BYTEA,
    PRIMARY KEY (monitor_id, bucket_start),
    CHECK (passed + degraded + failed = checks)
);
CREATE INDEX monitor_uptime_5min_by_start ON monitor_uptime_5min (bucket_start);

CREATE TABLE monitor_uptime_hour (
    monitor_id        UUID        NOT NULL REFERENCES monitor (id) ON DELETE CASCADE,
    bucket_start      TIMESTAMPTZ NOT NULL,
    checks            INT         NOT NULL CHECK (checks > 0),
    passed            INT         NOT NULL CHECK (passed >= 0),
    degraded          INT         NOT NULL CHECK (degraded >= 0),
    failed            INT         NOT NULL CHECK (failed >= 0),
    latency_total_ms  BIGINT      NOT NULL CHECK (latency_total_ms >= 0),
    latency_max_ms    BIGINT      NOT NULL CHECK (latency_max_ms >= 0),
    latency_histogram BYTEA,
    PRIMARY KEY (monitor_id, bucket_start),
    CHECK (passed + degraded + failed = checks)
);
CREATE INDEX monitor_uptime_hour_by_start ON monitor_uptime_hour (bucket_start);
