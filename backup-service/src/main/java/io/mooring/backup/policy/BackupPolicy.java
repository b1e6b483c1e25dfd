package io.mooring.backup.policy;

import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;
import io.micronaut.serde.annotation.Serdeable;

import java.time.Instant;
import java.util.Objects;
import java.util.UUID;

/**
 * One thing of an account that is backed up on a schedule and kept for a number of days.
 *
 * @param targetKind    the wire name of a {@link TargetKind}
 * @param schedule      a five-field cron expression in UTC, normalised by {@link CronSchedule}
 * @param retentionDays how long each backup is kept, at least one day
 */
@Serdeable
@MappedEntity("backup_policy")
public record BackupPolicy(@Id UUID id, String accountId, String targetKind, String targetName, String schedule,
                           int retentionDays, State state, Instant createdAt, Instant updatedAt) {

    /** Whether the policy is in force. */
    public enum State { ACTIVE }

    public BackupPolicy {
        Objects.requireNonNull(id, "id");
        requireText(accountId, "accountId");
        TargetKind.fromWire(targetKind);
        requireText(targetName, "targetName");
        try {
            schedule = CronSchedule.parse(schedule).expression();
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("schedule: " + e.getMessage(), e);
        }
        if (retentionDays <= 0) {
            throw new IllegalArgumentException("retentionDays must be positive, was " + retentionDays);
        }
        Objects.requireNonNull(state, "state");
        Objects.requireNonNull(createdAt, "createdAt");
        Objects.requireNonNull(updatedAt, "updatedAt");
    }

    /** A new active policy created now. */
    public static BackupPolicy create(UUID id, String accountId, TargetKind kind, String targetName, CronSchedule schedule,
                                      int retentionDays, Instant now) {
        return new BackupPolicy(id, accountId, kind.wireName(), targetName, schedule.expression(), retentionDays,
                State.ACTIVE, now, now);
    }

    private static void requireText(String value, String name) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException(name + " must not be blank");
        }
    }
}
