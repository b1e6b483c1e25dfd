package io.mooring.monitor.monitor;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.exceptions.DataAccessException;
import io.micronaut.transaction.annotation.Transactional;
import io.mooring.events.monitoring.MonitorCreated;
import io.mooring.events.monitoring.MonitorDeleted;
import io.mooring.events.monitoring.MonitorKind;
import io.mooring.events.monitoring.MonitorState;
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
 * Creates and deletes monitors, each change with its event in the same transaction. The API and
 * the event handlers both go through here.
 */
@Singleton
public class MonitorRegistry {
    private static final String UNIQUE_VIOLATION = "23505";

    private final MonitorRepository monitors;
    private final Outbox outbox;
    private final Clock clock;

    public MonitorRegistry(MonitorRepository monitors, Outbox outbox, Clock clock) {
        this.monitors = monitors;
        this.outbox = outbox;
        this.clock = clock;
    }

    /** A new monitor and, for a heartbeat monitor, its token: the only time the token is known. */
    public record Registered(Monitor monitor, @Nullable HeartbeatToken heartbeatToken) {
    }

    /** @throws ProblemException 409 when the account (or the platform) has a monitor of that name */
    @Transactional
    public Registered register(MonitorDraft draft) {
        if (monitors.nameTaken(draft.accountId(), draft.name())) {
            throw nameTaken(draft);
        }
        HeartbeatToken token = draft.kind() == MonitorKind.HEARTBEAT ? HeartbeatToken.generate() : null;
        Instant now = clock.instant();
        Monitor monitor = new Monitor(Ids.next(), draft.accountId(), draft.name(), draft.kind(), draft.target(),
                draft.intervalSeconds(), draft.graceSeconds(), MonitorState.UNKNOWN,
                token == null ? null : token.sha256(), now, now);
        try {
            monitor = monitors.save(monitor);
        } catch (DataAccessException e) {
            throw isUniqueViolation(e) ? nameTaken(draft) : e;
        }
        outbox.append(new MonitorCreated(monitor.id().toString(), monitor.accountId(), monitor.name(),
                monitor.kind().wireName(), eventTarget(monitor)));
        return new Registered(monitor, token);
    }

    /** @throws ProblemException 404 when there is no such monitor */
    @Transactional
    public void delete(UUID id) {
        Monitor monitor = monitors.findById(id).orElseThrow(() -> ProblemException.notFound("monitor", id));
        remove(monitor);
    }

    /** Deletes every monitor of the account; returns how many there were. */
    @Transactional
    public int deleteAccount(String accountId) {
        List<Monitor> owned = monitors.findByAccountIdOrderByCreatedAt(accountId);
        owned.forEach(this::remove);
        return owned.size();
    }

    private void remove(Monitor monitor) {
        monitors.delete(monitor);
        outbox.append(new MonitorDeleted(monitor.id().toString(), monitor.accountId()));
    }

    /** The event names a heartbeat monitor's job by the monitor's name, never by its token. */
    private static String eventTarget(Monitor monitor) {
        return monitor.kind() == MonitorKind.HEARTBEAT ? monitor.name() : monitor.target();
    }

    private static ProblemException nameTaken(MonitorDraft draft) {
        String owner = draft.accountId() == null ? "the platform" : "account " + draft.accountId();
        return ProblemException.conflict("monitor-exists", owner + " already has a monitor named " + draft.name());
    }

    private static boolean isUniqueViolation(Throwable e) {
        for (Throwable cause = e; cause != null; cause = cause.getCause()) {
            if (cause instanceof SQLException sql && UNIQUE_VIOLATION.equals(sql.getSQLState())) {
                return true;
            }
        }
        return false;
    }
}
