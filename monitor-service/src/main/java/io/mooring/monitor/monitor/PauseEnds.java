package io.mooring.monitor.monitor;

import io.micronaut.scheduling.annotation.Scheduled;
import io.mooring.monitor.schedule.SchedulerSettings;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;

/**
 * Resumes monitors whose pause had an end ({@code paused_until}, a chat command's duration) once it
 * is reached. Claims with {@code FOR UPDATE SKIP LOCKED}, so with several replicas one resumes each.
 * Runs on replicas that run checks ({@code mooring.scheduler.enabled}).
 */
@Singleton
class PauseEnds {
    private static final Logger LOG = LoggerFactory.getLogger(PauseEnds.class);
    private static final int BATCH = 200;

    private final MonitorRegistry registry;
    private final SchedulerSettings settings;
    private final Clock clock;

    PauseEnds(MonitorRegistry registry, SchedulerSettings settings, Clock clock) {
        this.registry = registry;
        this.settings = settings;
        this.clock = clock;
    }

    @Scheduled(fixedDelay = "${mooring.monitor.pause-check-interval:1s}",
            initialDelay = "${mooring.monitor.pause-check-interval:1s}")
    void resumeEnded() {
        if (!settings.isEnabled()) {
            return;
        }
        try {
            int resumed;
            do {
                resumed = registry.resumeEnded(clock.instant(), BATCH);
                if (resumed > 0) {
                    LOG.info("{} monitors resumed at the end of their pause", resumed);
                }
            } while (resumed == BATCH);
        } catch (RuntimeException e) {
            LOG.warn("resuming monitors whose pause ended failed, retrying at the next run: {}", e.toString());
        }
    }
}
