package io.mooring.monitor.backup;

import com.cronutils.model.CronType;
import com.cronutils.model.definition.CronDefinitionBuilder;
import com.cronutils.model.time.ExecutionTime;
import com.cronutils.parser.CronParser;
import io.micronaut.core.annotation.Nullable;
import io.mooring.monitor.monitor.MonitorDraft;

import java.time.DateTimeException;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.Optional;

/**
 * How long a backup policy's heartbeat waits for the next successful run: the longest gap between two
 * runs of its schedule (a daily {@code 0 3 * * *} is 86,400 s, weekdays only is three days), as the
 * interval up to a day and the rest, plus {@link #GRACE} for the run itself, as the grace period.
 * The schedule is read as the backup service reads it: cron-utils' Unix definition, in the policy's
 * time zone (UTC when absent).
 */
public record BackupPeriod(int intervalSeconds, int graceSeconds) {
    /** How long a run may take, and be late, before its backup counts as missing. */
    static final Duration GRACE = Duration.ofHours(2);
    /** Runs looked at to find the longest gap: more than a year of a weekly schedule. */
    private static final int RUNS = 60;
    private static final CronParser UNIX = new CronParser(CronDefinitionBuilder.instanceDefinitionFor(CronType.UNIX));
    private static final BackupPeriod DAILY = fromGap(Duration.ofDays(1));

    /** The period of {@code schedule} seen from {@code from}; a schedule that cannot be read counts as daily. */
    public static BackupPeriod of(String schedule, @Nullable String timeZone, Instant from) {
        ExecutionTime runs;
        ZoneId zone;
        try {
            runs = ExecutionTime.forCron(UNIX.parse(schedule.trim()).validate());
            zone = timeZone == null ? ZoneOffset.UTC : ZoneId.of(timeZone);
        } catch (IllegalArgumentException | DateTimeException e) {
            return DAILY;
        }
        Optional<ZonedDateTime> run = runs.nextExecution(from.atZone(zone));
        Duration longest = Duration.ZERO;
        for (int i = 0; i < RUNS && run.isPresent(); i++) {
            Optional<ZonedDateTime> next = runs.nextExecution(run.get());
            if (next.isPresent()) {
                Duration gap = Duration.between(run.get(), next.get());
                longest = gap.compareTo(longest) > 0 ? gap : longest;
            }
            run = next;
        }
        return longest.isZero() ? DAILY : fromGap(longest);
    }

    private static BackupPeriod fromGap(Duration gap) {
        long seconds = Math.max(gap.toSeconds(), MonitorDraft.MIN_INTERVAL_SECONDS);
        int interval = (int) Math.min(seconds, MonitorDraft.MAX_INTERVAL_SECONDS);
        long grace = seconds - interval + GRACE.toSeconds();
        return new BackupPeriod(interval, (int) Math.min(grace, MonitorDraft.MAX_GRACE_SECONDS));
    }
}
