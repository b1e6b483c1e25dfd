-- the schedule lives in Redis now (RedisSchedule); check_offset_ms stays, the monitor's place within its interval
DROP INDEX IF EXISTS monitor_due;
ALTER TABLE monitor DROP COLUMN next_check_at;
