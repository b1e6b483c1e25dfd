package io.mooring.monitor.status.maintenance;

import io.micronaut.scheduling.annotation.Scheduled;
import io.micronaut.transaction.TransactionDefinition;
import io.micronaut.transaction.TransactionOperations;
import io.micronaut.transaction.annotation.Transactional;
import io.mooring.events.monitoring.MaintenanceEnded;
import io.mooring.events.monitoring.MaintenanceStarted;
import io.mooring.events.monitoring.MonitorState;
import io.mooring.monitor.dependency.MonitorDependencies;
import io.mooring.monitor.incident.IncidentTracker;
import io.mooring.monitor.monitor.Monitor;
import io.mooring.monitor.monitor.MonitorRepository;
import io.mooring.monitor.schedule.SchedulerSettings;
import io.mooring.monitor.state.CheckStatus;
import io.mooring.monitor.state.CheckStatuses;
import io.mooring.runtime.outbox.Outbox;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.sql.Connection;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;

/**
 * Starts and ends the occurrences of maintenance windows: {@code MaintenanceStarted} when one begins,
 * {@code MaintenanceEnded} when it ends, each once (windows are claimed with {@code FOR UPDATE SKIP LOCKED} and
 * their phase moved in the same transaction, so with several replicas one sends each). When an occurrence ends, a
 * covered monitor still DOWN opens its incident (unless another window still covers it, or a monitor it depends
 * on is DOWN), and a recurring window moves on to its next run (or is over, past its end date). Runs on replicas that run checks.
 */
@Singleton
public class MaintenanceOccurrences {
    private static final Logger LOG = LoggerFactory.getLogger(MaintenanceOccurrences.class);
    private static final int BATCH = 100;

    private final MaintenanceWindows windows;
    private final MonitorRepository monitors;
    private final CheckStatuses statuses;
    private final IncidentTracker incidents;
    private final MonitorDependencies dependencies;
    private final Outbox outbox;
    private final TransactionOperations<Connection> transactions;
    private final SchedulerSettings settings;
    private final Clock clock;

    public MaintenanceOccurrences(MaintenanceWindows windows, MonitorRepository monitors, CheckStatuses statuses,
                                  IncidentTracker incidents, MonitorDependencies dependencies, Outbox outbox,
                                  TransactionOperations<Connection> transactions, SchedulerSettings settings, Clock clock) {
        this.windows = windows;
        this.monitors = monitors;
        this.statuses = statuses;
        this.incidents = incidents;
        this.dependencies = dependencies;
        this.outbox = outbox;
        this.transactions = transactions;
        this.settings = settings;
        this.clock = clock;
    }

    @Scheduled(fixedDelay = "${mooring.maintenance.check-interval:1s}", initialDelay = "${mooring.maintenance.check-interval:1s}")
    void run() {
        if (!settings.isEnabled()) {
            return;
        }
        try {
            while (advance(clock.instant()) > 0) {
                // more were due than one batch
            }
        } catch (RuntimeException e) {
            // the store is away: nothing was claimed, the next run sends what is due
            LOG.warn("starting and ending maintenance windows failed, retrying at the next run: {}", e.toString());
        }
    }

    /** Starts and ends what is due at {@code now} (up to a batch of each); returns how many it started and ended. */
    public int advance(Instant now) {
        return transactions.executeWrite(status -> {
            int done = 0;
            for (MaintenanceWindow window : windows.claimDue(MaintenanceWindow.UNDER_WAY, now, BATCH)) {
                end(window, window.endsAt(), now);
                done++;
            }
            for (MaintenanceWindow window : windows.claimDue(MaintenanceWindow.AHEAD, now, BATCH)) {
                windows.save(withPhase(window, MaintenanceWindow.UNDER_WAY));
                outbox.append(new MaintenanceStarted(window.id().toString(), window.title(),
                        window.startsAt().atOffset(ZoneOffset.UTC), window.endsAt().atOffset(ZoneOffset.UTC), ids(window)));
                LOG.info("maintenance {} ({}) started", window.id(), window.title());
                done++;
            }
            return done;
        });
    }

    /**
     * Ends the window's occurrence under way at {@code at}: {@code MaintenanceEnded}, incidents of monitors still DOWN,
     * and the next occurrence of a recurring window after {@code now} (runs missed meanwhile are skipped).
     */
    @Transactional(propagation = TransactionDefinition.Propagation.MANDATORY)
    public void end(MaintenanceWindow window, Instant at, Instant now) {
        Instant endedAt = at.isAfter(window.startsAt()) ? at : window.endsAt();
        outbox.append(new MaintenanceEnded(window.id().toString(), window.title(), window.startsAt().atOffset(ZoneOffset.UTC),
                endedAt.atOffset(ZoneOffset.UTC), ids(window)));
        LOG.info("maintenance {} ({}) ended", window.id(), window.title());
        window.nextStart(now).ifPresentOrElse(
                next -> windows.save(window.withOccurrence(next, next.plus(Duration.ofSeconds(window.durationSeconds())),
                        MaintenanceWindow.AHEAD)),
                () -> windows.save(withPhase(window, MaintenanceWindow.OVER)));
        for (Monitor monitor : monitors.findByIdIn(window.monitorIds())) {
            openIfStillDown(monitor, window, at);
        }
    }

    private void openIfStillDown(Monitor monitor, MaintenanceWindow window, Instant at) {
        Monitor locked = monitors.lockById(monitor.id()).orElse(null);
        if (locked == null || locked.state() != MonitorState.DOWN || incidents.hasOpen(locked)
                || windows.covers(locked.id(), at)
                || dependencies.upstream(locked.id()).filter(MonitorDependencies.Upstream::down).isPresent()) {
            return;
        }
        String last = statuses.find(locked.id()).map(CheckStatus::reason).orElse("down");
        incidents.wentDown(locked, "still down when maintenance '" + window.title() + "' ended: " + last, at);
    }

    private static MaintenanceWindow withPhase(MaintenanceWindow window, String phase) {
        return window.withOccurrence(window.startsAt(), window.endsAt(), phase);
    }

    private static List<String> ids(MaintenanceWindow window) {
        return window.monitorIds().stream().map(UUID::toString).toList();
    }
}
