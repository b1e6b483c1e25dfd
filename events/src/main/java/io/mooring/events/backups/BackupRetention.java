package io.mooring.events.backups;

import io.mooring.events.Require;

import java.util.regex.Pattern;

/**
 * Which artifacts of a policy are kept, as restic's {@code forget} reads its rules: an artifact is
 * kept if any rule keeps it. Every field is nullable (the rule is not used).
 *
 * @param keepLast    the newest N artifacts
 * @param keepDaily   the newest artifact of each of the last N days that have one, in the policy's time zone
 * @param keepWeekly  the same per ISO week
 * @param keepMonthly the same per month
 * @param keepWithin  an ISO-8601 period such as {@code P14D}: every artifact younger than that before the newest
 */
public record BackupRetention(Integer keepLast, Integer keepDaily, Integer keepWeekly, Integer keepMonthly,
                              String keepWithin) {

    // the same pattern as the JSON Schemas
    static final Pattern PERIOD = Pattern.compile("^P(?!$)([0-9]{1,9}Y)?([0-9]{1,9}M)?([0-9]{1,9}W)?([0-9]{1,9}D)?$");

    public BackupRetention {
        positive(keepLast, "retention.keepLast");
        positive(keepDaily, "retention.keepDaily");
        positive(keepWeekly, "retention.keepWeekly");
        positive(keepMonthly, "retention.keepMonthly");
        if (keepWithin != null) {
            Require.matches(keepWithin, PERIOD, "retention.keepWithin", "an ISO-8601 period such as P14D");
        }
    }

    /** Every artifact taken within {@code days} days before the newest one. */
    public static BackupRetention withinDays(int days) {
        return new BackupRetention(null, null, null, null, "P" + days + "D");
    }

    private static void positive(Integer value, String name) {
        if (value != null) {
            Require.positive(value, name);
        }
    }
}
