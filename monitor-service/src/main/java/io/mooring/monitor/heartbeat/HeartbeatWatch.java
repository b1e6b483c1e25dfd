package io.mooring.monitor.heartbeat;

import io.micronaut.scheduling.annotation.Scheduled;
import io.micronaut.transaction.TransactionOperations;
import io.mooring.events.monitoring.HeartbeatMissed;
import io.mooring.events.monitoring.MonitorState;
import io.mooring.monitor.incident.IncidentTracker;
import io.mooring.monitor.monitor.Monitor;
import io.mooring.monitor.monitor.MonitorRepository;
import io.mooring.monitor.probe.ProbeStatus;
import io.mooring.monitor.rollup.CheckRollups;
import io.mooring.monitor.rollup.CountedCheck;
import io.mooring.monitor.schedule.SchedulerSettings;
import io.mooring.monitor.state.StateHistory;
import io.mooring.runtime.outbox.Outbox;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.sql.Connection;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;

/**
 * Finds heartbeats whose deadline passed and reports each miss once: the monitor goes DOWN (reason
 * {@code no check-in since …}), its incident opens, and {@code HeartbeatMissed} is published, in the
 * transaction that claimed it; each miss counts as a failed check in the monitor's uptime buckets. Claims use
 * {@code FOR UPDATE SKIP LOCKED}, so with several replicas each miss is reported by one. Runs on replicas that run checks ({@code mooring.scheduler.enabled}).
 */
@Singleton
public class HeartbeatWatch {
    private static final Logger LOG = LoggerFactory.getLogger(HeartbeatWatch.class);
    private static final int BATCH = 200;

    private final HeartbeatDeadlines deadlines;
    private final MonitorRepository monitors;
    private final StateHistory history;
    private final IncidentTracker incidents;
    private final Outbox outbox;
    private final CheckRollups rollups;
    private final TransactionOperations<Connection> transactions;
    private final SchedulerSettings settings;
    private final Clock clock;

    public HeartbeatWatch(HeartbeatDeadlines deadlines, MonitorRepository monitors, StateHistory history,
                          IncidentTracker incidents, Outbox outbox, TransactionOperations<Connection> transactions,
                          SchedulerSettings settings, Clock clock, CheckRollups rollups) {
        this.rollups = rollups;
        this.deadlines = deadlines;
        this.monitors = monitors;
        this.history = history;
        this.incidents = incidents;
        this.outbox = outbox;
        this.transactions = transactions;
        this.settings = settings;
        this.clock = clock;
    }

    @Scheduled(fixedDelay = "${mooring.heartbeats.watch-interval:1s}", initialDelay = "${mooring.heartbeats.watch-interval:1s}")
    void watch() {
        if (!settings.isEnabled()) {
            return;
        }
        try {
            int reported;
            do {
                reported = reportMissed(clock.instant());
            } while (reported == BATCH);
        } catch (RuntimeException e) {
            // the store is away: the deadlines stay where they are and are claimed once it is back
            LOG.warn("looking for missed heartbeats failed, retrying at the next run: {}", e.toString());
        }
    }

    /** Reports the heartbeats missed at {@code now} (up to a batch); returns how many. */
    public int reportMissed(Instant now) {
        return transactions.executeWrite(status -> {
            List<HeartbeatDeadlines.Missed> missed = deadlines.claimMissed(now, BATCH);
            for (HeartbeatDeadlines.Missed miss : missed) {
                monitors.findById(miss.monitorId()).ifPresent(monitor -> report(monitor, miss, now));
            }
            return missed.size();
        });
    }

    private void report(Monitor monitor, HeartbeatDeadlines.Missed miss, Instant now) {
        String reason = miss.lastCheckIn().map(at -> "no check-in since " + at)
                .orElse("no check-in since the monitor started waiting") + " (due by " + miss.deadline() + ")";
        rollups.count(List.of(new CountedCheck(monitor.id(), now, ProbeStatus.DOWN, null)));
        if (monitor.state() != MonitorState.DOWN) {
            monitors.update(monitor.withState(MonitorState.DOWN, now));
            history.changed(monitor, MonitorState.DOWN, reason, now);
            incidents.wentDown(monitor, reason, now);
        }
        outbox.append(new HeartbeatMissed(monitor.id().toString(),
                miss.lastCheckIn().map(at -> at.atOffset(ZoneOffset.UTC)).orElse(null), monitor.accountId()));
        LOG.info("heartbeat {} ({}) missed: {}", monitor.id(), monitor.name(), reason);
    }
}
