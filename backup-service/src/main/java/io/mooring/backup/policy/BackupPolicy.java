package io.mooring.backup.policy;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;
import io.micronaut.data.annotation.TypeDef;
import io.micronaut.data.model.DataType;
import io.micronaut.serde.annotation.Serdeable;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.Period;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Objects;
import java.util.UUID;

/**
 * One thing of an account that is backed up on a schedule, where to, and for how long.
 *
 * @param targetKind        the wire name of a {@link TargetKind}
 * @param schedule          a five-field cron expression, normalised by {@link CronSchedule}
 * @param timeZone          the IANA zone the schedule and the daily/weekly/monthly rules are read in
 * @param retentionDays     the days announced in the policy events; {@code keepWithin} of the default rules
 * @param keepWithin        an ISO-8601 period such as {@code P14D}, or null
 * @param destination       the name of a configured destination ({@code mooring.backup.destinations.<name>})
 * @param zstdLevel         1 to 22
 * @param ageRecipients     age X25519 recipients ({@code age1...}); empty: the service's default recipients
 * @param keepArtifactsUntil for a {@link State#STOPPED} policy, when its remaining artifacts are pruned
 */
@Serdeable
@MappedEntity("backup_policy")
public record BackupPolicy(@Id UUID id, String accountId, String targetKind, String targetName, String schedule,
                           String timeZone, int retentionDays, @Nullable Integer keepLast, @Nullable Integer keepDaily,
                           @Nullable Integer keepWeekly, @Nullable Integer keepMonthly, @Nullable String keepWithin,
                           String destination, int zstdLevel,
                           @TypeDef(type = DataType.STRING_ARRAY) List<String> ageRecipients, State state,
                           @Nullable Instant keepArtifactsUntil, Instant createdAt, Instant updatedAt) {

    /** ACTIVE runs on schedule; PAUSED does not run; STOPPED (account purged) waits for its artifacts to expire. */
    public enum State { ACTIVE, PAUSED, STOPPED }

    public static final String DEFAULT_DESTINATION = "default";
    public static final int DEFAULT_ZSTD_LEVEL = 3;

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
        zone(timeZone);
        if (retentionDays <= 0) {
            throw new IllegalArgumentException("retentionDays must be positive, was " + retentionDays);
        }
        rules(keepLast, keepDaily, keepWeekly, keepMonthly, keepWithin);
        requireText(destination, "destination");
        if (zstdLevel < 1 || zstdLevel > 22) {
            throw new IllegalArgumentException("zstdLevel must be between 1 and 22, was " + zstdLevel);
        }
        ageRecipients = List.copyOf(ageRecipients == null ? List.of() : ageRecipients);
        Objects.requireNonNull(state, "state");
        Objects.requireNonNull(createdAt, "createdAt");
        Objects.requireNonNull(updatedAt, "updatedAt");
    }

    /** A new active policy created now, kept {@code retentionDays} days, to the default destination. */
    public static BackupPolicy create(UUID id, String accountId, TargetKind kind, String targetName, CronSchedule schedule,
                                      int retentionDays, Instant now) {
        return new BackupPolicy(id, accountId, kind.wireName(), targetName, schedule.expression(), "UTC",
                retentionDays, null, null, null, null, Period.ofDays(retentionDays).toString(), DEFAULT_DESTINATION,
                DEFAULT_ZSTD_LEVEL, List.of(), State.ACTIVE, null, now, now);
    }

    /** A new active policy created now with {@code settings}. */
    public static BackupPolicy create(UUID id, String accountId, TargetKind kind, String targetName,
                                      PolicySettings settings, Instant now) {
        RetentionRules rules = settings.retention();
        return new BackupPolicy(id, accountId, kind.wireName(), targetName, settings.schedule().expression(),
                settings.zone().getId(), settings.retentionDays(), rules.keepLast(), rules.keepDaily(), rules.keepWeekly(),
                rules.keepMonthly(), rules.keepWithin() == null ? null : rules.keepWithin().toString(),
                settings.destination(), settings.zstdLevel(), settings.ageRecipients(), State.ACTIVE, null, now, now);
    }

    /** What an operator may change, as it is now. */
    public PolicySettings settings() {
        return new PolicySettings(CronSchedule.parse(schedule), zone(), retention(), destination, zstdLevel, ageRecipients);
    }

    /** The policy with {@code settings}, changed at {@code now}. */
    public BackupPolicy withSettings(PolicySettings settings, Instant now) {
        BackupPolicy changed = create(id, accountId, kind(), targetName, settings, createdAt);
        return new BackupPolicy(id, accountId, targetKind, targetName, changed.schedule, changed.timeZone,
                changed.retentionDays, changed.keepLast, changed.keepDaily, changed.keepWeekly, changed.keepMonthly,
                changed.keepWithin, changed.destination, changed.zstdLevel, changed.ageRecipients, state,
                keepArtifactsUntil, createdAt, now);
    }

    /** The policy in {@code state} from {@code now}; {@code keepArtifactsUntil} only for STOPPED. */
    public BackupPolicy withState(State state, @Nullable Instant keepArtifactsUntil, Instant now) {
        if ((state == State.STOPPED) != (keepArtifactsUntil != null)) {
            throw new IllegalArgumentException("a stopped policy, and only a stopped one, keeps its artifacts until a time");
        }
        return new BackupPolicy(id, accountId, targetKind, targetName, schedule, timeZone, retentionDays, keepLast,
                keepDaily, keepWeekly, keepMonthly, keepWithin, destination, zstdLevel, ageRecipients, state,
                keepArtifactsUntil, createdAt, now);
    }

    public TargetKind kind() {
        return TargetKind.fromWire(targetKind);
    }

    public ZoneId zone() {
        return zone(timeZone);
    }

    public RetentionRules retention() {
        return rules(keepLast, keepDaily, keepWeekly, keepMonthly, keepWithin);
    }

    /** The first time strictly after {@code after} at which the policy's schedule fires. */
    public Instant nextRunAfter(Instant after) {
        return CronSchedule.parse(schedule).nextAfter(after, zone());
    }

    private static ZoneId zone(String timeZone) {
        requireText(timeZone, "timeZone");
        try {
            return ZoneId.of(timeZone);
        } catch (DateTimeException e) {
            throw new IllegalArgumentException("timeZone must be an IANA time zone such as Europe/Berlin, was '"
                    + timeZone + "'", e);
        }
    }

    private static RetentionRules rules(Integer keepLast, Integer keepDaily, Integer keepWeekly, Integer keepMonthly,
                                        String keepWithin) {
        Period within = null;
        if (keepWithin != null) {
            try {
                within = Period.parse(keepWithin);
            } catch (DateTimeParseException e) {
                throw new IllegalArgumentException("retention.keepWithin must be an ISO-8601 period such as P14D, was '"
                        + keepWithin + "'", e);
            }
        }
        return new RetentionRules(keepLast, keepDaily, keepWeekly, keepMonthly, within);
    }

    private static void requireText(String value, String name) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException(name + " must not be blank");
        }
    }
}
