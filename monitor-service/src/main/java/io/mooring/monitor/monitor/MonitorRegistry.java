package io.mooring.monitor.monitor;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.exceptions.DataAccessException;
import io.micronaut.transaction.annotation.Transactional;
import io.mooring.events.monitoring.MonitorCreated;
import io.mooring.events.monitoring.MonitorDeleted;
import io.mooring.events.monitoring.MonitorKind;
import io.mooring.events.monitoring.MonitorPaused;
import io.mooring.events.monitoring.MonitorResumed;
import io.mooring.events.monitoring.MonitorState;
import io.mooring.events.monitoring.MonitorUpdated;
import io.mooring.monitor.heartbeat.HeartbeatDeadlines;
import io.mooring.monitor.heartbeat.HeartbeatSchedule;
import io.mooring.monitor.heartbeat.ScheduleChange;
import io.mooring.monitor.incident.IncidentTracker;
import io.mooring.monitor.schedule.CheckQueue;
import io.mooring.monitor.state.CheckStatuses;
import io.mooring.monitor.state.StateHistory;
import io.mooring.runtime.Ids;
import io.mooring.runtime.http.ProblemException;
import io.mooring.runtime.outbox.Outbox;
import jakarta.inject.Singleton;

import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * Creates, changes, pauses, resumes and deletes monitors, each change with its event in the same
 * transaction (pausing and resuming are {@code MonitorPaused} and {@code MonitorResumed}, each beside its
 * {@code MonitorStateChanged} to or from {@code PAUSED}). The API and
 * the event handlers both go through here.
 */
@Singleton
public class MonitorRegistry {
    private static final String UNIQUE_VIOLATION = "23505";

    private final MonitorRepository monitors;
    private final CheckQueue queue;
    private final CheckStatuses statuses;
    private final IncidentTracker incidents;
    private final StateHistory history;
    private final HeartbeatDeadlines deadlines;
    private final MonitorPauses pauses;
    private final Outbox outbox;
    private final Clock clock;

    public MonitorRegistry(MonitorRepository monitors, CheckQueue queue, CheckStatuses statuses, IncidentTracker incidents,
                           StateHistory history, HeartbeatDeadlines deadlines, MonitorPauses pauses, Outbox outbox,
                           Clock clock) {
        this.monitors = monitors;
        this.pauses = pauses;
        this.deadlines = deadlines;
        this.history = history;
        this.incidents = incidents;
        this.statuses = statuses;
        this.queue = queue;
        this.outbox = outbox;
        this.clock = clock;
    }

    /**
     * A new monitor and, for a heartbeat monitor, its token: the only time the token is known.
     *
     * @param schedule a scheduled heartbeat's schedule
     */
    public record Registered(Monitor monitor, @Nullable HeartbeatToken heartbeatToken, @Nullable HeartbeatSchedule schedule) {
    }

    /** @throws ProblemException 409 when the account (or the platform) has a monitor of that name */
    @Transactional
    public Registered register(MonitorDraft draft) {
        return register(draft, true, null);
    }

    /**
     * A heartbeat on a schedule: due at the schedule's next run after its last check-in, plus its grace.
     *
     * @throws ProblemException 400 naming {@code schedule} when the monitor is no heartbeat
     */
    @Transactional
    public Registered register(MonitorDraft draft, @Nullable HeartbeatSchedule schedule) {
        if (schedule != null && draft.kind() != MonitorKind.HEARTBEAT) {
            throw ProblemException.invalid("schedule", "applies to heartbeat monitors only");
        }
        return register(draft, true, schedule);
    }

    /** A heartbeat fed by events (a backup policy's runs), not by a job holding a token: it gets no token. */
    @Transactional
    public Monitor registerFedByEvents(MonitorDraft draft) {
        return register(draft, false, null).monitor();
    }

    private Registered register(MonitorDraft draft, boolean withToken, @Nullable HeartbeatSchedule schedule) {
        if (monitors.nameTaken(draft.accountId(), draft.name())) {
            throw nameTaken(draft);
        }
        HeartbeatToken token = withToken && draft.kind() == MonitorKind.HEARTBEAT ? HeartbeatToken.generate() : null;
        Instant now = clock.instant();
        Monitor monitor = new Monitor(Ids.next(), draft.accountId(), draft.name(), draft.kind(), draft.target(),
                draft.intervalSeconds(), draft.graceSeconds(), MonitorState.UNKNOWN,
                token == null ? null : token.sha256(), now, now, draft.settings(), draft.timeoutSeconds(),
                draft.failureThreshold(), draft.successThreshold());
        try {
            monitor = monitors.save(monitor);
        } catch (DataAccessException e) {
            throw isUniqueViolation(e) ? nameTaken(draft) : e;
        }
        queue.place(monitor.id(), monitor.intervalSeconds(), now);
        if (monitor.kind() == MonitorKind.HEARTBEAT) {
            deadlines.schedule(monitor.id(), schedule);
            deadlines.expect(monitor.id(), now);
        }
        outbox.append(new MonitorCreated(monitor.id().toString(), monitor.accountId(), monitor.name(),
                monitor.kind().wireName(), eventTarget(monitor)));
        return new Registered(monitor, token, schedule);
    }

    /**
     * Applies {@code changes}, with {@code MonitorUpdated} when anything changed; the state is kept.
     *
     * @throws ProblemException 404 when there is no such monitor, 409 when the new name is taken, 400 on bad input
     */
    @Transactional
    public Monitor update(UUID id, MonitorChanges changes) {
        Monitor monitor = lock(id);
        MonitorDraft draft = changes.applyTo(monitor);
        Rescheduled rescheduled = rescheduled(monitor, changes.schedule());
        if (!draft.name().equals(monitor.name()) && monitors.nameTaken(monitor.accountId(), draft.name())) {
            throw nameTaken(draft);
        }
        Monitor updated = new Monitor(monitor.id(), monitor.accountId(), draft.name(), monitor.kind(), draft.target(),
                draft.intervalSeconds(), draft.graceSeconds(), monitor.state(), monitor.heartbeatTokenSha256(),
                monitor.createdAt(), clock.instant(), draft.settings(), draft.timeoutSeconds(), draft.failureThreshold(),
                draft.successThreshold());
        if (rescheduled == null && updated.withState(monitor.state(), monitor.updatedAt()).equals(monitor)) {
            return monitor;
        }
        try {
            updated = monitors.update(updated);
        } catch (DataAccessException e) {
            throw isUniqueViolation(e) ? nameTaken(draft) : e;
        }
        if (updated.intervalSeconds() != monitor.intervalSeconds()) {
            queue.place(updated.id(), updated.intervalSeconds(), updated.updatedAt());
        } else {
            queue.changed(updated.id());
        }
        if (rescheduled != null) {
            deadlines.schedule(updated.id(), rescheduled.schedule());
        }
        if (updated.kind() == MonitorKind.HEARTBEAT && (rescheduled != null || updated.intervalSeconds() != monitor.intervalSeconds()
                || !java.util.Objects.equals(updated.graceSeconds(), monitor.graceSeconds()))) {
            deadlines.retime(updated.id(), updated.updatedAt());
        }
        outbox.append(new MonitorUpdated(updated.id().toString(), updated.accountId(), updated.name(),
                eventTarget(updated), updated.intervalSeconds()));
        return updated;
    }

    /** A heartbeat's new schedule (null: its period again). */
    private record Rescheduled(@Nullable HeartbeatSchedule schedule) {
    }

    /**
     * What {@code change} makes of the monitor's schedule, or null when it leaves it as it is.
     *
     * @throws ProblemException 400 naming {@code schedule} or {@code timeZone}: sent for another kind, or not valid
     */
    private @Nullable Rescheduled rescheduled(Monitor monitor, @Nullable ScheduleChange change) {
        if (change == null || !change.any()) {
            return null;
        }
        if (monitor.kind() != MonitorKind.HEARTBEAT) {
            throw ProblemException.invalid(change.schedule() != null ? "schedule" : "timeZone", "applies to heartbeat monitors only");
        }
        HeartbeatSchedule current = deadlines.scheduleOf(monitor.id());
        HeartbeatSchedule next = change.applyTo(current);
        return java.util.Objects.equals(next, current) ? null : new Rescheduled(next);
    }

    /** Stops checking the monitor until it is resumed (an operator's pause); a paused monitor stays as it is, with no event. */
    @Transactional
    public Monitor pause(UUID id, String reason) {
        return pause(id, Pausing.by(Pausing.By.OPERATOR, reason));
    }

    /** Stops checking the monitor until it is resumed; a paused monitor stays as it is, with no event. */
    @Transactional
    public Monitor pause(UUID id, Pausing pausing) {
        Monitor monitor = lock(id);
        if (monitor.state() == MonitorState.PAUSED) {
            return monitor;
        }
        deadlines.stop(id);
        Monitor paused = changeState(monitor, MonitorState.PAUSED, pausing.reason(), pausing.commandId());
        pauses.mark(id, pausing);
        queue.changed(id);
        outbox.append(new MonitorPaused(id.toString(), pausing.reason(), pausing.by().column(),
                pausing.until() == null ? null : pausing.until().atOffset(java.time.ZoneOffset.UTC), monitor.accountId(),
                pausing.commandId()));
        return paused;
    }

    /** Checks a paused monitor again, its state unknown until the next checks; others stay as they are. */
    @Transactional
    public Monitor resume(UUID id, String reason) {
        return resume(id, reason, null);
    }

    /** As {@link #resume(UUID, String)}, caused by the chat command {@code commandId} (nullable). */
    @Transactional
    public Monitor resume(UUID id, String reason, @Nullable String commandId) {
        Monitor monitor = lock(id);
        if (monitor.state() != MonitorState.PAUSED) {
            return monitor;
        }
        pauses.clear(id);
        Monitor resumed = changeState(monitor, MonitorState.UNKNOWN, reason, commandId);
        outbox.append(new MonitorResumed(id.toString(), reason, monitor.accountId(), commandId));
        statuses.forget(id);
        queue.place(id, resumed.intervalSeconds(), resumed.updatedAt());
        deadlines.expect(id, resumed.updatedAt());
        return resumed;
    }

    /** Resumes the monitor only if it is paused by {@code by}; returns whether it did. */
    @Transactional
    public boolean resumeIfPausedBy(UUID id, Pausing.By by, String reason) {
        Monitor monitor = lock(id);
        if (monitor.state() != MonitorState.PAUSED || !pauses.pausedBy(id).equals(java.util.Optional.of(by.column()))) {
            return false;
        }
        resume(id, reason, null);
        return true;
    }

    /** Resumes up to {@code max} monitors whose pause ended at {@code now}; returns how many. */
    @Transactional
    public int resumeEnded(Instant now, int max) {
        List<UUID> ended = pauses.ended(now, max);
        ended.forEach(id -> resume(id, "pause ended", null));
        return ended.size();
    }

    private Monitor changeState(Monitor monitor, MonitorState to, String reason, @Nullable String commandId) {
        Monitor changed = monitors.update(monitor.withState(to, clock.instant()));
        history.changed(monitor, to, reason, changed.updatedAt(), commandId);
        return changed;
    }

    private Monitor lock(UUID id) {
        return monitors.lockById(id).orElseThrow(() -> ProblemException.notFound("monitor", id));
    }

    /** @throws ProblemException 404 when there is no such monitor */
    @Transactional
    public void delete(UUID id) {
        remove(lock(id));
    }

    /** Deletes every monitor of the account; returns how many there were. */
    @Transactional
    public int deleteAccount(String accountId) {
        List<Monitor> owned = monitors.findByAccountIdOrderByCreatedAt(accountId);
        owned.forEach(this::remove);
        return owned.size();
    }

    private void remove(Monitor monitor) {
        incidents.monitorDeleted(monitor, clock.instant());
        monitors.delete(monitor);
        queue.changed(monitor.id());
        outbox.append(new MonitorDeleted(monitor.id().toString(), monitor.accountId()));
    }

    /** The event names a heartbeat monitor's job by the monitor's name, never by its token. */
    static String eventTarget(Monitor monitor) {
        return monitor.kind() == MonitorKind.HEARTBEAT ? monitor.name() : monitor.target();
    }

    private static ProblemException nameTaken(MonitorDraft draft) {
        return nameTaken(draft.accountId(), draft.name());
    }

    private static ProblemException nameTaken(String accountId, String name) {
        String owner = accountId == null ? "the platform" : "account " + accountId;
        return ProblemException.conflict("monitor-exists", owner + " already has a monitor named " + name);
    }

    static boolean isUniqueViolation(Throwable e) {
        for (Throwable cause = e; cause != null; cause = cause.getCause()) {
            if (cause instanceof SQLException sql && UNIQUE_VIOLATION.equals(sql.getSQLState())) {
                return true;
            }
        }
        return false;
    }
}
