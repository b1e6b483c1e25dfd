package io.mooring.monitor.schedule;

import io.lettuce.core.api.StatefulRedisConnection;
import io.micronaut.context.BeanProvider;
import io.micronaut.context.event.ApplicationEventListener;
import io.micronaut.runtime.server.event.ServerStartupEvent;
import io.micronaut.transaction.annotation.TransactionalEventListener;
import io.mooring.events.monitoring.MonitorKind;
import io.mooring.events.monitoring.MonitorState;
import io.mooring.monitor.monitor.Monitor;
import io.mooring.monitor.monitor.MonitorRepository;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

/**
 * Keeps the schedule in Redis ({@link RedisSchedule}) in line with the monitors in Postgres: each change is copied once
 * its transaction commits, read afresh from Postgres; and every {@code sync-interval} (and at start) the two are
 * compared and Redis repaired, which covers a copy that failed (Redis away), a Redis that lost its data, and monitors
 * made before the schedule lived in Redis. Metrics-free on purpose: what it repairs is logged.
 */
@Singleton
public class ScheduleSync implements ApplicationEventListener<ServerStartupEvent> {
    private static final Logger LOG = LoggerFactory.getLogger(ScheduleSync.class);
    private static final Duration RETRY = Duration.ofSeconds(5);
    private static final Duration KEEP_REMOVED = Duration.ofHours(1);

    private final RedisSchedule schedule;
    private final MonitorRepository monitors;
    private final SchedulerSettings settings;
    private final Clock clock;
    private final boolean redisConfigured;
    private volatile boolean running;
    private Thread comparing;

    public ScheduleSync(RedisSchedule schedule, MonitorRepository monitors, SchedulerSettings settings, Clock clock,
                        BeanProvider<StatefulRedisConnection<String, String>> redis) {
        this.redisConfigured = redis.isPresent();
        this.schedule = schedule;
        this.monitors = monitors;
        this.settings = settings;
        this.clock = clock;
    }

    /** Copies the changed monitors into the schedule once their transaction committed. */
    @TransactionalEventListener
    void committed(ScheduleChange change) {
        if (!redisConfigured) {
            return;
        }
        try {
            Map<UUID, Monitor> found = new HashMap<>();
            monitors.findByIdIn(change.ids()).forEach(monitor -> found.put(monitor.id(), monitor));
            Instant now = clock.instant();
            for (UUID id : change.ids()) {
                Monitor monitor = found.get(id);
                if (monitor == null) {
                    schedule.remove(id, now);
                } else if (probed(monitor)) {
                    schedule.put(scheduled(monitor), change.from(), now);
                } else {
                    schedule.remove(id, monitor.updatedAt());
                }
            }
        } catch (RuntimeException e) {
            LOG.warn("copying {} monitor changes into the schedule failed; the next comparison (within {}) repairs it: {}",
                    change.ids().size(), settings.getSyncInterval(), e.toString());
        }
    }

    /**
     * What repairing the schedule found: monitors put back (missing from Redis), refreshed (there, but an older version:
     * mostly a state change, which moves {@code updated_at} without changing what to check), removed, and removals
     * forgotten.
     */
    public record Repaired(int put, int refreshed, int removed, int forgotten) {
    }

    /** Compares the schedule with Postgres and repairs it. Store errors propagate. */
    public Repaired compare() {
        Instant now = clock.instant();
        // what Redis holds is read first: every monitor in it was committed before, so Postgres's read below shows it
        Map<UUID, RedisSchedule.Known> known = schedule.known();
        Set<UUID> present = new HashSet<>();
        int put = 0;
        int refreshed = 0;
        int removed = 0;
        for (Monitor monitor : monitors.findAll()) {
            present.add(monitor.id());
            RedisSchedule.Known held = known.get(monitor.id());
            boolean current = held != null && held.version().toEpochMilli() >= monitor.updatedAt().toEpochMilli();
            if (probed(monitor)) {
                boolean missing = held == null || !held.scheduled();
                if ((missing || !current) && schedule.put(scheduled(monitor), null, now)) {
                    if (missing) {
                        put++;
                    } else {
                        refreshed++;
                    }
                }
            } else if (held != null && held.scheduled() && schedule.remove(monitor.id(), monitor.updatedAt())) {
                removed++;
            }
        }
        int forgotten = 0;
        for (Map.Entry<UUID, RedisSchedule.Known> entry : known.entrySet()) {
            if (present.contains(entry.getKey())) {
                continue;
            }
            RedisSchedule.Known held = entry.getValue();
            if (held.scheduled()) {
                // deleted: unless changed since it was read above
                if (schedule.remove(entry.getKey(), held.version())) {
                    removed++;
                }
            } else if (held.version().isBefore(now.minus(KEEP_REMOVED))) {
                schedule.forgetRemoved(entry.getKey());
                forgotten++;
            }
        }
        return new Repaired(put, refreshed, removed, forgotten);
    }

    @Override
    public synchronized void onApplicationEvent(ServerStartupEvent event) {
        if (running || !redisConfigured) {
            return;
        }
        running = true;
        comparing = Thread.ofPlatform().name("schedule-sync").daemon().start(this::compareRegularly);
    }

    private void compareRegularly() {
        while (running) {
            Duration next = settings.getSyncInterval();
            try {
                Repaired repaired = compare();
                if (repaired.put() + repaired.removed() > 0) {
                    LOG.info("schedule in Redis repaired from Postgres: {} monitors put back, {} removed", repaired.put(),
                            repaired.removed());
                }
                LOG.debug("schedule in Redis compared with Postgres: {}", repaired);
            } catch (RuntimeException e) {
                next = next.compareTo(RETRY) < 0 ? next : RETRY;
                LOG.warn("comparing the schedule in Redis with Postgres failed, again in {}: {}", next, e.toString());
            }
            try {
                TimeUnit.MILLISECONDS.sleep(next.toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    @PreDestroy
    synchronized void stop() {
        running = false;
        if (comparing != null) {
            comparing.interrupt();
        }
    }

    private static boolean probed(Monitor monitor) {
        return monitor.kind() != MonitorKind.HEARTBEAT && monitor.state() != MonitorState.PAUSED;
    }

    private static RedisSchedule.Scheduled scheduled(Monitor monitor) {
        return new RedisSchedule.Scheduled(monitor.id(), monitor.kind(), monitor.target(), monitor.settings(),
                monitor.timeoutSeconds(), monitor.intervalSeconds(), monitor.updatedAt());
    }
}
