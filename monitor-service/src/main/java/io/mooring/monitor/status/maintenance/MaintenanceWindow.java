package io.mooring.monitor.status.maintenance;

import io.micronaut.core.annotation.Nullable;
import io.mooring.monitor.heartbeat.HeartbeatSchedule;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.UUID;

/**
 * Planned work on some monitors from {@code startsAt} to {@code endsAt}: once, or, with a {@code schedule}, at each
 * of its runs for {@code durationSeconds}; {@code startsAt} and {@code endsAt} are then the current or next
 * occurrence.
 *
 * @param phase {@code ahead}, {@code under-way} (its {@code MaintenanceStarted} sent) or {@code over}
 * @param until a recurring window's end: no run starts at or after it (null: it recurs until deleted)
 */
public record MaintenanceWindow(UUID id, String title, @Nullable String description, Instant startsAt, Instant endsAt,
                                Instant createdAt, List<UUID> monitorIds, @Nullable HeartbeatSchedule schedule,
                                @Nullable Integer durationSeconds, String phase, @Nullable Instant until) {
    public static final String AHEAD = "ahead";
    public static final String UNDER_WAY = "under-way";
    public static final String OVER = "over";

    public MaintenanceWindow {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(title, "title");
        Objects.requireNonNull(startsAt, "startsAt");
        Objects.requireNonNull(endsAt, "endsAt");
        Objects.requireNonNull(createdAt, "createdAt");
        Objects.requireNonNull(phase, "phase");
        if (!endsAt.isAfter(startsAt)) {
            throw new IllegalArgumentException("a window must end after it starts");
        }
        if ((schedule == null) != (durationSeconds == null)) {
            throw new IllegalArgumentException("a recurring window has both a schedule and a duration");
        }
        if (until != null && schedule == null) {
            throw new IllegalArgumentException("only a recurring window has an end date");
        }
        monitorIds = List.copyOf(monitorIds);
    }

    /** A one-off window, ahead. */
    public static MaintenanceWindow once(UUID id, String title, @Nullable String description, Instant startsAt,
                                         Instant endsAt, Instant createdAt, List<UUID> monitorIds) {
        return new MaintenanceWindow(id, title, description, startsAt, endsAt, createdAt, monitorIds, null, null, AHEAD, null);
    }

    /** A recurring window whose first occurrence is the one under way at {@code now}, or the next. */
    public static MaintenanceWindow recurring(UUID id, String title, @Nullable String description,
                                              HeartbeatSchedule schedule, Duration duration, Instant now,
                                              List<UUID> monitorIds) {
        Instant first = schedule.nextRunAfter(now.minus(duration));
        return new MaintenanceWindow(id, title, description, first, first.plus(duration), now, monitorIds, schedule,
                (int) duration.toSeconds(), AHEAD, null);
    }

    /**
     * The occurrence after this one: for a recurring window the run after this one, or the one under way at {@code now}
     * when runs were missed; empty for a one-off window, and once the next run would start at or after {@link #until}.
     */
    public java.util.Optional<Instant> nextStart(Instant now) {
        if (schedule == null) {
            return java.util.Optional.empty();
        }
        Instant next = schedule.nextRunAfter(startsAt);
        Duration duration = Duration.ofSeconds(durationSeconds);
        if (!next.plus(duration).isAfter(now)) {
            next = schedule.nextRunAfter(now.minus(duration));
        }
        return runsAt(next) ? java.util.Optional.of(next) : java.util.Optional.empty();
    }

    /** Whether a run of the schedule starting at {@code start} is one of this window's (before its {@link #until}). */
    public boolean runsAt(Instant start) {
        return until == null || start.isBefore(until);
    }

    public MaintenanceWindow withMonitors(List<UUID> monitors) {
        return new MaintenanceWindow(id, title, description, startsAt, endsAt, createdAt, monitors, schedule,
                durationSeconds, phase, until);
    }

    /** This window with another occurrence or phase. */
    public MaintenanceWindow withOccurrence(Instant start, Instant end, String newPhase) {
        return new MaintenanceWindow(id, title, description, start, end, createdAt, monitorIds, schedule, durationSeconds,
                newPhase, until);
    }

    public MaintenanceWindow withUntil(@Nullable Instant end) {
        return new MaintenanceWindow(id, title, description, startsAt, endsAt, createdAt, monitorIds, schedule,
                durationSeconds, phase, end);
    }

    /** Whether the window is under way at {@code at} (its start included, its end not). */
    public boolean covers(Instant at) {
        return !at.isBefore(startsAt) && at.isBefore(endsAt);
    }
}
