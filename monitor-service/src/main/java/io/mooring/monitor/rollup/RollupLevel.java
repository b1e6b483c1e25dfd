package io.mooring.monitor.rollup;

import java.time.Duration;
import java.time.Instant;

/**
 * A level of the roll-ups: its table, the width of its buckets (aligned on the epoch, so days are UTC days) and how
 * long its buckets are kept. A level's window of a period is its last {@code period / width} buckets, the current
 * one included.
 */
public enum RollupLevel {
    FIVE_MINUTES("monitor_uptime_5min", "bucket_start", Duration.ofMinutes(5), Duration.ofHours(24)),
    HOUR("monitor_uptime_hour", "bucket_start", Duration.ofHours(1), Duration.ofDays(30)),
    DAY("monitor_uptime_day", "day", Duration.ofDays(1), Duration.ofDays(UptimeDays.RETENTION_DAYS));

    private final String table;
    private final String key;
    private final Duration width;
    private final Duration retention;

    RollupLevel(String table, String key, Duration width, Duration retention) {
        this.table = table;
        this.key = key;
        this.width = width;
        this.retention = retention;
    }

    String table() {
        return table;
    }

    /** The column holding a bucket's start. */
    String key() {
        return key;
    }

    /** SQL turning a parameter of epoch seconds into the key column's type. */
    String keyFromEpoch(String parameter) {
        return this == DAY ? "(to_timestamp(" + parameter + ") AT TIME ZONE 'UTC')::date" : "to_timestamp(" + parameter + ")";
    }

    public Duration width() {
        return width;
    }

    public Duration retention() {
        return retention;
    }

    /** The start of the bucket {@code at} falls in. */
    public Instant bucketOf(Instant at) {
        long seconds = width.toSeconds();
        return Instant.ofEpochSecond(Math.floorDiv(at.getEpochSecond(), seconds) * seconds);
    }

    /** The first bucket of the window of {@code period} ending with the bucket of {@code now}. */
    public Instant windowStart(Instant now, Duration period) {
        return bucketOf(now).minus(period).plus(width);
    }

    /** The first bucket kept at {@code now}: the window of the retention. */
    public Instant firstKept(Instant now) {
        return windowStart(now, retention);
    }
}
