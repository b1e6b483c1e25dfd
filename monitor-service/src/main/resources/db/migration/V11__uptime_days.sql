-- Per monitor and UTC day: how many checks ran and how they ended, and their latencies. Counted in
-- the transaction that records each check; days older than the retention (90 days) are pruned.
CREATE TABLE monitor_uptime_day (
    monitor_id       UUID   NOT NULL REFERENCES monitor (id) ON DELETE CASCADE,
    day              DATE   NOT NULL,
    checks           INT    NOT NULL CHECK (checks > 0),
    passed           INT    NOT NULL CHECK (passed >= 0),
    degraded         INT    NOT NULL CHECK (degraded >= 0),
    failed           INT    NOT NULL CHECK (failed >= 0),
    latency_total_ms BIGINT NOT NULL CHECK (latency_total_ms >= 0),
    latency_max_ms   BIGINT NOT NULL CHECK (latency_max_ms >= 0),
    PRIMARY KEY (monitor_id, day),
    CHECK (passed + degraded + failed = checks)
);
CREATE INDEX monitor_uptime_day_by_day ON monitor_uptime_day (day);
