-- The result writer counts checks in the 5-minute buckets only; RollupCompactor folds closed 5-minute buckets into
-- the hourly and daily buckets afterwards. One row says how far it got: the 5-minute buckets before compacted_until
-- are folded for every monitor; while a range is under way (compacting_until set), those of the monitors up to
-- compacted_through (in uuid order) are folded up to compacting_until too. The writer reads this row FOR SHARE and
-- counts a check in the hourly and daily buckets itself when its 5-minute bucket is folded already (a late result);
-- the compactor moves it FOR UPDATE, so no write slips between them.
CREATE TABLE monitor_uptime_compaction (
    singleton         BOOLEAN     PRIMARY KEY DEFAULT TRUE CHECK (singleton),
    compacted_until   TIMESTAMPTZ NOT NULL,
    compacting_until  TIMESTAMPTZ,
    compacted_through UUID,
    CHECK (compacting_until IS NOT NULL OR compacted_through IS NULL),
    CHECK (compacting_until IS NULL OR compacting_until > compacted_until)
);
-- Buckets written before this migration hold their checks at every level already. Where any exist (an upgrade),
-- compaction starts at the first 5-minute bucket an hour on, so that a replica still running the former writer during
-- the upgrade counts nothing twice; until then the writer counts every level as it did. A new database starts with
-- the current 5-minute bucket.
INSERT INTO monitor_uptime_compaction (compacted_until)
VALUES (to_timestamp((floor(extract(epoch FROM now()) / 300)
                      + CASE WHEN EXISTS (SELECT 1 FROM monitor_uptime_5min) OR EXISTS (SELECT 1 FROM monitor_uptime_day)
                             THEN 13 ELSE 0 END) * 300));

-- The daily counts as readers see them: the daily buckets plus the 5-minute buckets not folded into them yet.
CREATE VIEW monitor_uptime_day_counts AS
SELECT monitor_id, day, sum(checks)::int AS checks, sum(passed)::int AS passed, sum(degraded)::int AS degraded,
       sum(failed)::int AS failed, sum(latency_total_ms)::bigint AS latency_total_ms,
       max(latency_max_ms) AS latency_max_ms
FROM (
    SELECT monitor_id, day, checks, passed, degraded, failed, latency_total_ms, latency_max_ms
    FROM monitor_uptime_day
    UNION ALL
    SELECT f.monitor_id, (f.bucket_start AT TIME ZONE 'UTC')::date, f.checks, f.passed, f.degraded, f.failed,
           f.latency_total_ms, f.latency_max_ms
    FROM monitor_uptime_5min f CROSS JOIN monitor_uptime_compaction c
    WHERE f.bucket_start >= CASE WHEN f.monitor_id <= c.compacted_through THEN c.compacting_until
                                 ELSE c.compacted_until END
) counted
GROUP BY monitor_id, day;
