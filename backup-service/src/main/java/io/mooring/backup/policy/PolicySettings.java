package io.mooring.backup.policy;

import java.time.LocalDate;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Objects;

/**
 * What an operator may change on a policy: when it runs, how long its artifacts are kept, where
 * they go and how they are packed. Values are checked before they get here (names of
 * destinations, recipients); the constructor only refuses what no policy can have.
 *
 * @param ageRecipients age X25519 recipients; empty: the service's default recipients
 */
public record PolicySettings(CronSchedule schedule, ZoneId zone, RetentionRules retention, String destination,
                             int zstdLevel, List<String> ageRecipients) {

    /** The zone of a policy that names none. */
    public static final ZoneId UTC = ZoneId.of("UTC");

    public PolicySettings {
        Objects.requireNonNull(schedule, "schedule");
        Objects.requireNonNull(zone, "zone");
        Objects.requireNonNull(retention, "retention");
        if (destination == null || destination.isBlank()) {
            throw new IllegalArgumentException("destination must not be blank");
        }
        if (zstdLevel < 1 || zstdLevel > 22) {
            throw new IllegalArgumentException("zstdLevel must be between 1 and 22, was " + zstdLevel);
        }
        ageRecipients = List.copyOf(ageRecipients);
    }

    /** {@code schedule} in UTC, artifacts kept {@code days} days, to the default destination and recipients. */
    public static PolicySettings simple(CronSchedule schedule, int days) {
        return new PolicySettings(schedule, UTC, RetentionRules.withinDays(days),
                BackupPolicy.DEFAULT_DESTINATION, BackupPolicy.DEFAULT_ZSTD_LEVEL, List.of());
    }

    /**
     * The days announced as {@code retentionDays}: {@code keepWithin} in days when set, otherwise
     * the longest span the counted rules cover (a day, a week or 31 days per count), at least 1.
     */
    public int retentionDays() {
        long days = 1;
        if (retention.keepWithin() != null) {
            LocalDate from = LocalDate.of(2000, 1, 1);
            days = ChronoUnit.DAYS.between(from, from.plus(retention.keepWithin()));
        } else {
            days = Math.max(days, count(retention.keepDaily()));
            days = Math.max(days, 7 * count(retention.keepWeekly()));
            days = Math.max(days, 31 * count(retention.keepMonthly()));
        }
        return (int) Math.clamp(days, 1, Integer.MAX_VALUE);
    }

    private static long count(Integer value) {
        return value == null ? 0 : value;
    }
}
